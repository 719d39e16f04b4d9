package jinn.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every tutorial in notebooks/ runs through the notebook runner with its own assertions (the seeds'
 * numbers, accuracies, shapes). A tutorial that stops being true fails here with its file, line
 * and cell. The MNIST tutorial is run once and also exported, which is the export test on a real
 * notebook: its HTML and ipynb carry the loss-curve image, and the ipynb validates as nbformat 4.
 */
class TutorialsTest {

    static final List<String> TUTORIALS = List.of("01-perceptron.jsh", "02-activations.jsh",
            "03-forward-propagation.jsh", "04-loss-and-gradients.jsh", "05-backprop-and-init.jsh", "06-mnist.jsh",
            "07-dice-and-layer-sizing.jsh", "08-cnn.jsh");

    /** No cell of a tutorial should take this long even on a busy 2-core machine. */
    static final Duration CELL_LIMIT = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    static Path notebooks() {
        String root = System.getProperty("jinn.root");
        Path dir = root != null ? Path.of(root, "notebooks") : Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve(TUTORIALS.get(0)))) fail("tutorials not found in " + dir.toAbsolutePath());
        return dir;
    }

    static NotebookRun run(String name) {
        Notebook nb = Notebook.read(notebooks().resolve(name));
        NotebookRun run = new NotebookRunner().timeout(CELL_LIMIT).run(nb);
        if (!run.passed()) fail(name + " failed:\n" + String.join("\n", run.failures().stream().map(Failure::toString).toList()));
        assertEquals(0, run.skipped(), "cells not run");
        assertFalse(run.results().stream().noneMatch(r -> !r.images().isEmpty()), name + " draws no chart");
        for (CellResult r : run.results()) {
            for (Output o : r.outputs()) {
                // a String shown as a value keeps its quotes; a reader wants the text printed
                if (o instanceof Output.Value v && v.text().startsWith("\"")) {
                    fail(name + " cell " + r.number() + " shows a quoted String, expected it printed: " + v.text());
                }
                if (o instanceof Output.Value v && v.text().contains("op=identity")) {
                    fail(name + " cell " + r.number() + " shows a tensor's op=identity, expected the values only: " + v.text());
                }
            }
        }
        return run;
    }

    @Test
    void everyTutorialHasATest() throws IOException {
        try (Stream<Path> files = Files.list(notebooks())) {
            List<String> found = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsh")).sorted().toList();
            assertEquals(TUTORIALS, found, "tutorials in " + notebooks() + " and the tests of this class");
        }
    }

    @Test
    void perceptron() {
        run("01-perceptron.jsh");
    }

    @Test
    void activations() {
        run("02-activations.jsh");
    }

    @Test
    void forwardPropagation() {
        run("03-forward-propagation.jsh");
    }

    @Test
    void lossAndGradients() {
        run("04-loss-and-gradients.jsh");
    }

    @Test
    void backpropAndInit() {
        run("05-backprop-and-init.jsh");
    }

    @Test
    void diceAndLayerSizing() {
        run("07-dice-and-layer-sizing.jsh");
    }

    /** The CNN tutorial: convolution by hand and by op agree, shapes, then a CNN that beats the MLP; its filters are drawn. */
    @Test
    void cnn() {
        NotebookRun run = run("08-cnn.jsh");
        CellResult filters = run.results().stream().filter(r -> r.cell().source().contains("filters(cnn")).findFirst()
                .orElseThrow(() -> new AssertionError("08-cnn.jsh has no cell with filters(cnn, ...)"));
        assertEquals(1, filters.images().size(), "images of the filters cell: " + filters.outputs());
    }

    /** Trains once (the slowest tutorial), then exports that run to HTML and ipynb. */
    @Test
    void mnistRunsAndExportsWithItsLossCurve() throws Exception {
        NotebookRun run = run("06-mnist.jsh");
        CellResult lossCurve = run.results().stream().filter(r -> r.cell().source().contains("plot(history)")).findFirst()
                .orElseThrow(() -> new AssertionError("06-mnist.jsh has no cell with plot(history)"));
        assertEquals(1, lossCurve.images().size(), "images of the loss-curve cell: " + lossCurve.outputs());
        byte[] png = lossCurve.images().get(0).png();

        Path html = dir.resolve("06-mnist.html");
        NotebookExport.write(run, NotebookExport.Format.HTML, html);
        String page = Files.readString(html);
        int at = page.indexOf("id=\"cell-" + lossCurve.number() + "\"");
        assertTrue(at >= 0, "the loss-curve cell in the HTML");
        String section = page.substring(at, page.indexOf("</section>", at));
        assertTrue(section.contains("src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\""),
                "the loss-curve image inside its cell's section of the HTML");

        Path ipynb = dir.resolve("06-mnist.ipynb");
        NotebookExport.write(run, NotebookExport.Format.IPYNB, ipynb);
        Nbformat.validate(ipynb);
        JsonObject nb = JsonParser.parseString(Files.readString(ipynb)).getAsJsonObject();
        JsonObject cell = nb.getAsJsonArray("cells").get(lossCurve.number() - 1).getAsJsonObject();
        assertTrue(String.join("", cell.getAsJsonArray("source").asList().stream().map(JsonElement::getAsString).toList())
                .contains("plot(history)"), "ipynb cell " + lossCurve.number() + " is the loss-curve cell");
        String imagePng = cell.getAsJsonArray("outputs").asList().stream().map(JsonElement::getAsJsonObject)
                .filter(o -> o.has("data") && o.getAsJsonObject("data").has("image/png"))
                .map(o -> o.getAsJsonObject("data").get("image/png").getAsString()).findFirst()
                .orElseThrow(() -> new AssertionError("no image/png output in the loss-curve cell of the ipynb"));
        assertEquals(Base64.getEncoder().encodeToString(png), imagePng);
    }
}
