package jinn.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export to HTML, ipynb and Markdown with outputs and charts; import back; the CLI verbs. */
class NotebookExportTest {

    static final String TEXT = """
            // %% [markdown]
            // # A small notebook
            //
            // Prose with `code`, **bold** and a list:
            // - one
            // - two

            // %%
            int n = 3;
            System.out.println("n = " + n);
            n * n

            // %% [markdown]
            // A chart of the sine:

            // %%
            plot(Math::sin, 0, 2 * Math.PI).title("sine")
            """;

    static NotebookRun run;

    @TempDir
    Path dir;

    @BeforeAll
    static void runOnce() {
        run = new NotebookRunner().run(Notebook.parse(TEXT, "small.jsh"));
        assertTrue(run.passed(), run.failures().toString());
    }

    @Test
    void htmlHasProseCodeOutputsAndTheChartAsAnInlinePng() {
        String html = NotebookExport.html(run);
        assertTrue(html.contains("<title>A small notebook</title>"), html);
        assertTrue(html.contains("<h1>A small notebook</h1>"), html);
        assertTrue(html.contains("<li>one</li>"), html);
        assertTrue(html.contains("<code>code</code>") && html.contains("<strong>bold</strong>"), html);
        assertTrue(html.contains("System.out.println(&quot;n = &quot; + n);"), "escaped code");
        assertTrue(html.contains("<pre class=\"stream\">n = 3</pre>"), html);
        assertTrue(html.contains("<pre class=\"value\">9</pre>"), html);
        assertEquals(1, images(html).size(), "one chart");
        assertPng(images(html).get(0));
    }

    @Test
    void htmlNumbersCodeCellsConsecutivelyNamesChartsByTitleAndWrapsLongLines() {
        String html = NotebookExport.html(run);
        // cells 2 and 4 of the file are the first and second code cells
        assertTrue(html.contains("id=\"cell-2\">\n<div class=\"prompt\">[1]</div>"), html);
        assertTrue(html.contains("id=\"cell-4\">\n<div class=\"prompt\">[2]</div>"), html);
        assertTrue(html.contains("<img class=\"chart\" alt=\"sine\""), "alt text is the chart's title");
        assertTrue(html.contains("white-space: pre-wrap"), "long output lines wrap");
        assertTrue(NotebookExport.markdown(run).contains("![sine](data:image/png"), "Markdown alt text");
    }

    @Test
    void ipynbValidatesAndCarriesTheChartAsImagePng() throws Exception {
        Path file = dir.resolve("small.ipynb");
        NotebookExport.write(run, NotebookExport.Format.IPYNB, file);
        Nbformat.validate(file);
        JsonObject nb = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        var cells = nb.getAsJsonArray("cells");
        assertEquals(4, cells.size());
        assertEquals("markdown", cells.get(0).getAsJsonObject().get("cell_type").getAsString());
        JsonObject chartCell = cells.get(3).getAsJsonObject();
        assertEquals(2, chartCell.get("execution_count").getAsInt());
        JsonObject data = chartCell.getAsJsonArray("outputs").get(0).getAsJsonObject().getAsJsonObject("data");
        assertPng(Base64.getDecoder().decode(data.get("image/png").getAsString()));
        JsonObject first = cells.get(1).getAsJsonObject();
        assertEquals("stream", first.getAsJsonArray("outputs").get(0).getAsJsonObject().get("output_type").getAsString());
        JsonObject spec = nb.getAsJsonObject("metadata").getAsJsonObject("kernelspec");
        assertEquals("jinn", spec.get("name").getAsString(), "the kernel `jinn kernel install` registers");
    }

    @Test
    void markdownLinksChartFilesWrittenBesideIt() throws Exception {
        Path file = dir.resolve("out/small.md");
        NotebookExport.write(run, NotebookExport.Format.MD, file);
        String md = Files.readString(file);
        assertTrue(md.startsWith("# A small notebook"), md);
        assertTrue(md.contains("```java\nint n = 3;"), md);
        assertTrue(md.contains("```text\n9\n```"), md);
        assertTrue(md.contains("![sine](small_files/cell-4-1.png)"), md);
        assertPng(Files.readAllBytes(dir.resolve("out/small_files/cell-4-1.png")));
    }

    @Test
    void importedIpynbKeepsCellsAndMarkdown() throws Exception {
        String json = NotebookExport.ipynb(run);
        Notebook back = IpynbImport.parse(json, "small.ipynb");
        assertEquals(NotebookTest.kindsAndText(run.notebook()), NotebookTest.kindsAndText(back));
        // and through the written .jsh once more
        Notebook again = Notebook.parse(back.toJsh(), "small.jsh");
        assertEquals(NotebookTest.kindsAndText(run.notebook()), NotebookTest.kindsAndText(again));
    }

    @Test
    void importKeepsKernelMagicsAsCommentsAndProseThatLooksLikeAMarker() {
        String json = """
                {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
                  {"cell_type": "markdown", "metadata": {}, "source": ["%% is how jupytext marks cells"]},
                  {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
                   "source": ["%maven org.example:lib:1.0\\n", "int x = 1;"]}]}
                """;
        Notebook nb = IpynbImport.parse(json, "magic.ipynb");
        assertEquals("// jupyter magic, not run: %maven org.example:lib:1.0\nint x = 1;", nb.cells().get(1).source());
        Notebook back = Notebook.parse(nb.toJsh(), "magic.jsh");
        assertEquals(2, back.cells().size(), nb.toJsh());
        assertEquals(Cell.Kind.MARKDOWN, back.cells().get(0).kind());
        assertTrue(back.cells().get(0).source().strip().equals("%% is how jupytext marks cells"), back.cells().get(0).source());
    }

    @Test
    void everyTutorialSurvivesTheRoundTripThroughIpynbAndJsh() {
        for (String name : TutorialsTest.TUTORIALS) {
            Notebook nb = Notebook.read(TutorialsTest.notebooks().resolve(name));
            List<CellResult> notRun = new java.util.ArrayList<>();
            for (int i = 0; i < nb.cells().size(); i++) notRun.add(new CellResult(nb.cells().get(i), i + 1, false, List.of(), null, 0));
            Notebook back = IpynbImport.parse(NotebookExport.ipynb(new NotebookRun(nb, notRun)), name);
            assertEquals(NotebookTest.kindsAndText(nb), NotebookTest.kindsAndText(back), name + " through ipynb");
            assertEquals(NotebookTest.kindsAndText(nb), NotebookTest.kindsAndText(Notebook.parse(back.toJsh(), name)),
                    name + " through ipynb and .jsh");
        }
    }

    @Test
    void importRejectsWhatIsNotANotebook() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> IpynbImport.parse("{\"nbformat\": 3, \"cells\": []}", "old.ipynb"));
        assertEquals("old.ipynb: expected nbformat 4, got 3", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> IpynbImport.parse("[1, 2]", "list.ipynb"));
        assertEquals("list.ipynb: expected a Jupyter notebook (a JSON object), got a list", e.getMessage());
    }

    @Test
    void exportAndImportCommandsWriteFilesBesideTheNotebook() throws Exception {
        Path jsh = dir.resolve("tiny.jsh");
        Files.writeString(jsh, "// %% [markdown]\n// # Tiny\n// %%\nint a = 2;\na + a\n");
        assertEquals(0, quietly(() -> new ExportCommand().run(List.of(jsh.toString(), "--to", "ipynb,html"))));
        Path ipynb = dir.resolve("tiny.ipynb");
        Nbformat.validate(ipynb);
        assertTrue(Files.readString(dir.resolve("tiny.html")).contains("<pre class=\"value\">4</pre>"));
        Path back = dir.resolve("back.jsh");
        assertEquals(0, quietly(() -> new ImportCommand().run(List.of(ipynb.toString(), "-o", back.toString()))));
        assertEquals("// %% [markdown]\n// # Tiny\n\n// %%\nint a = 2;\na + a\n", Files.readString(back));
        assertEquals(2, quietly(() -> new ExportCommand().run(List.of(jsh.toString(), "--to", "pdf"))));
    }

    interface Verb {
        int run() throws Exception;
    }

    static int quietly(Verb v) throws Exception {
        PrintStream saved = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return v.run();
        } finally {
            System.setErr(saved);
        }
    }

    static List<byte[]> images(String html) {
        return java.util.regex.Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html).results()
                .map(m -> Base64.getDecoder().decode(m.group(1))).toList();
    }

    static void assertPng(byte[] png) {
        assertTrue(png.length > 1000, "PNG of " + png.length + " bytes");
        assertEquals("\u0089PNG", new String(png, 0, 4, StandardCharsets.ISO_8859_1), "PNG signature");
    }
}
