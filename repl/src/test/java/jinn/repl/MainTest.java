package jinn.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jinn command's dispatch and the piped front end, without a process or a terminal. */
class MainTest {

    static Engine engine;

    @BeforeAll
    static void start() {
        engine = Engine.start();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void helpListsRunAndTheOptions() {
        String help = Main.help(Main.subcommands());
        assertTrue(help.contains("jinn run "), help);
        assertTrue(help.contains("--version"), help);
        assertTrue(Main.subcommands().containsKey("run"), "run is always there, built in or from notebooks");
    }

    @Test
    void unknownCommandsFailWithStatusTwo() throws Exception {
        assertEquals(2, Main.run(new String[] {"frobnicate"}));
    }

    @Test
    void versionComesFromTheBuild() {
        assertTrue(Main.version().matches("\\d+\\.\\d+\\.\\d+.*"), "version was " + Main.version());
    }

    private static String pipe(String input, String sourceName, int expectedStatus) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status = new PipedInput(engine, out, sourceName).run(new BufferedReader(new StringReader(input)));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(expectedStatus, status, text);
        return text;
    }

    @Test
    void pipedLinesAreGatheredUntilASnippetIsComplete() throws Exception {
        String text = pipe("int triple(int x) {\n  return 3 * x;\n}\n\ntriple(\n  4)\n/vars\n", null, 0);
        assertTrue(text.matches("(?s)created method triple\\(int\\)\n\\$\\d+ ==> 12\n.*"), text);
        assertTrue(text.matches("(?s).*\\$\\d+\\s+int\\s+12\n.*"), "/vars ran after the cells:\n" + text);
    }

    @Test
    void pipedInputGoesOnAfterAnErrorButReportsIt() throws Exception {
        String text = pipe("1 / 0\n2 + 2\n", null, 1);
        assertTrue(text.contains("ArithmeticException: / by zero"), text);
        assertTrue(text.contains("==> 4"), text);
    }

    @Test
    void scriptsStopAtTheFirstErrorAndNameTheLine(@TempDir Path dir) throws Exception {
        String text = pipe("int ok = 1;\n\nint bad = ok / 0;\nint never = 2;\n", "s.jsh", 1);
        assertTrue(text.contains("  (s.jsh, line 3)"), text);
        assertTrue(!text.contains("never"), text);
        Path file = dir.resolve("fine.jsh");
        Files.writeString(file, "int twice = 2 * 21;\n");
        assertEquals(0, new RunScript().run(java.util.List.of(file.toString())));
        assertEquals(2, new RunScript().run(java.util.List.of(dir.resolve("missing.jsh").toString())));
    }

    @Test
    void pipedExitStopsReading() throws Exception {
        String text = pipe("1 + 1\n/exit\n3 + 3\n", null, 0);
        assertTrue(text.contains("==> 2"), text);
        assertTrue(!text.contains("==> 6"), "nothing after /exit runs:\n" + text);
    }

    @Test
    void pipedLinesPastedWithTheirPromptRun() throws Exception {
        String text = pipe("jinn> var x = 1 + 1;\njshell> int twice(int v) {\n   ...>     return 2 * v;\n   ...> }\njinn> twice(x)\njinn> /vars\n", null, 0);
        assertTrue(text.contains("x ==> 2"), text);
        assertTrue(text.contains("created method twice(int)"), text);
        assertTrue(text.matches("(?s).*\\$\\d+ ==> 4\n.*"), text);
        assertTrue(text.matches("(?s).*\\bx\\s+int\\s+2\n.*"), "/vars ran:\n" + text);
        assertTrue(!text.contains("error"), text);
    }
}
