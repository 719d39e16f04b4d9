package jinn.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinn.repl.Engine;
import jinn.repl.EvalResult;
import jinn.repl.command.Commands;
import jinn.repl.command.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's tour runs as printed: its REPL lines pasted with their prompts, its notebook cell through jinn run's runner. */
class ReadmeTest {

    @TempDir
    Path dir;

    static String readme() throws Exception {
        return Files.readString(Path.of(System.getProperty("jinn.root", "..")).resolve("README.md"));
    }

    /** The first ```java block after the heading. */
    static String javaBlockAfter(String text, String heading) {
        int at = text.indexOf(heading);
        assertTrue(at >= 0, "README has no heading " + heading);
        Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(text);
        assertTrue(m.find(at), "no java block after " + heading);
        return m.group(1);
    }

    @Test
    void theTourFromDataToASavedModelRunsAsPasted() throws Exception {
        String block = javaBlockAfter(readme(), "### From data to a saved model");
        Path model = dir.resolve("digits.safetensors");
        try (Engine engine = Engine.start()) {
            StringWriter screen = new StringWriter();
            Session session = new Session(engine, new PrintWriter(screen, true), Commands.standard(), false);
            List<Object> accuracies = new ArrayList<>();
            for (String line : block.split("\n")) {
                assertTrue(line.startsWith("jinn> "), "a tour line without its prompt: " + line);
                EvalResult r = session.submit(line.replace("\"digits.safetensors\"", "\"" + model + "\""));
                assertFalse(r.failed(), line + "\n" + screen);
                if (line.contains(".accuracy()")) accuracies.add(r.value());
            }
            assertEquals(2, accuracies.size(), screen.toString());
            assertEquals(accuracies.get(0), accuracies.get(1), "the reloaded model's test accuracy");
            assertTrue((Double) accuracies.get(0) > 0.95, "test accuracy " + accuracies.get(0));
        }
    }

    @Test
    void theNotebookCellWithChecksPasses() throws Exception {
        String block = javaBlockAfter(readme(), "### A notebook cell that checks itself");
        NotebookRun run = new NotebookRunner().run(Notebook.parse(block, "xor.jsh"));
        assertTrue(run.passed(), "README's notebook cell: " + run.failures());
    }
}
