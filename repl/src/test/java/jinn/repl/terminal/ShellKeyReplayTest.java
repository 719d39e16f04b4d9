package jinn.repl.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import jinn.repl.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JLine front end, driven by typed bytes on an in-memory xterm; assertions on the screen text. */
class ShellKeyReplayTest {

    static Engine engine;

    @TempDir
    Path home;

    @BeforeAll
    static void start() {
        engine = Engine.start();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private ScreenDriver shell() throws Exception {
        return new ScreenDriver(engine, home.resolve("history"));
    }

    @Test
    void typeAValueSeeTheResult() throws Exception {
        try (ScreenDriver s = shell()) {
            s.prompt();
            s.type("20 + 22\r");
            s.await("==> 42");
            assertEquals(0, s.exit());
        }
    }

    @Test
    void enterInsideAnOpenMethodContinuesOnASecondLine() throws Exception {
        try (ScreenDriver s = shell()) {
            s.prompt();
            s.type("int doubled(int x) {\r");
            s.await("...>");
            s.type("return 2 * x;\r}\r");
            s.await("created method doubled(int)");
            s.prompt();
            s.type("doubled(21)\r");
            s.await("==> 42");
        }
    }

    @Test
    void aTrailingDotContinuesABuilderChain() throws Exception {
        try (ScreenDriver s = shell()) {
            s.prompt();
            s.type("var chain = net(3).\r");
            s.await("...>");
            s.type("dense(2)\r");
            s.await("chain ==>");
            s.await("total params: 8");
        }
    }

    @Test
    void tabCompletesAMethodOfTheValueLeftOfTheDot() throws Exception {
        try (ScreenDriver s = shell()) {
            s.prompt();
            s.type("\"abc\".toUpp\t");
            s.await("toUpperCase(");
            s.type(")\r");
            s.await("==> \"ABC\"");
        }
    }

    @Test
    void tabCompletesOnAJinnBuilderChain() throws Exception {
        try (ScreenDriver s = shell()) {
            s.prompt();
            s.type("net(2).dens\t");
            s.await("dense(");
            s.type("4)\r");
            s.await("total params: 12");
        }
    }

    @Test
    void tabInAnOpenArgumentListShowsTheSignatures() throws Exception {
        try (ScreenDriver s = shell()) {
            s.prompt();
            s.type("var m = net(2).dense(1).sigmoid().build()\r");
            s.await("m ==>");
            s.type("m.fit(\t");
            String shown = s.await("(Tab again lists the names that fit here)");
            assertTrue(shown.contains("History Net.fit(Dataset data, Fit fit)"), shown);
            assertTrue(shown.contains("History Net.fit(Dataset data, int epochs)"), shown);
            assertFalse(shown.contains("ArrayList"), "signatures, not every name in scope:\n" + shown);
            s.type("\t"); // again: the names, more than a screen of them, so JLine asks first
            s.await("possibilities");
            s.type("n\u0015"); // no list, and an empty line, so that Ctrl-D ends the shell
        }
    }

    @Test
    void tabOnPlotShowsItsFormsWithShortTypeNames() throws Exception {
        try (ScreenDriver s = shell()) {
            s.prompt();
            s.type("plot(\t");
            String shown = s.await("(Tab again lists the names that fit here)");
            assertTrue(shown.contains("Chart Plots.plot(History history)"), shown);
            assertFalse(shown.contains("jinn.plot.") || shown.contains("jinn.train.") || shown.contains("java.util.function."),
                    "qualified names:\n" + shown);
            s.type("\u0015");
        }
    }

    @Test
    void tabCompletesCommands() throws Exception {
        try (ScreenDriver s = shell()) {
            s.prompt();
            s.type("/hist\t\r");
            s.await("/history");
        }
    }

    @Test
    void ctrlCAtThePromptClearsTheLine() throws Exception {
        try (ScreenDriver s = shell()) {
            s.prompt();
            s.type("this would not compile");
            s.await("compile");
            s.type("\u0003");
            s.prompt();
            s.type("2 + 3\r");
            String seen = s.await("==> 5");
            assertFalse(seen.contains("error"), "the cleared line must not be evaluated:\n" + seen);
            assertFalse(s.finished(), "Ctrl-C at the prompt must not end jinn");
        }
    }

    @Test
    void ctrlCStopsARunningCellAndKeepsVariables() throws Exception {
        try (ScreenDriver s = shell()) {
            s.prompt();
            s.type("int survivor = 41;\r");
            s.await("survivor ==> 41");
            s.prompt();
            s.type("while (true) { }\r");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!engine.isRunning()) {
                assertTrue(System.nanoTime() < deadline, "the loop never started");
                Thread.sleep(5);
            }
            s.type("\u0003");
            s.await("stopped (Ctrl-C)");
            s.prompt();
            s.type("survivor + 1\r");
            s.await("==> 42");
        }
    }

    @Test
    void ctrlCStopsTrainingInsideJinnsOwnLoop() throws Exception {
        try (ScreenDriver s = shell()) {
            s.prompt();
            s.type("var longRun = net(2).dense(4).tanh().dense(1).sigmoid().seed(3).build();\r");
            s.await("longRun ==>");
            s.prompt();
            s.type("longRun.fit(xor(), epochs(100_000_000).quiet())\r");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!engine.isRunning()) {
                assertTrue(System.nanoTime() < deadline, "training never started");
                Thread.sleep(5);
            }
            Thread.sleep(1000); // well inside fit's epochs, library code that JShell does not instrument
            s.type("\u0003");
            s.await("stopped (Ctrl-C)");
            s.prompt();
            s.type("longRun.layers().size()\r");
            s.await("==> 4");
        }
    }

    @Test
    void ctrlDAtAnEmptyPromptExits() throws Exception {
        try (ScreenDriver s = shell()) {
            s.prompt();
            assertEquals(0, s.exit());
            assertTrue(s.finished());
        }
    }

    @Test
    void exitCommandEndsTheLoop() throws Exception {
        try (ScreenDriver s = shell()) {
            s.prompt();
            s.type("/exit\r");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!s.finished()) {
                assertTrue(System.nanoTime() < deadline, "/exit did not end the loop");
                Thread.sleep(10);
            }
        }
    }

    @Test
    void altHShowsTheDocumentationOfTheNameAtTheCursor() throws Exception {
        try (ScreenDriver s = shell()) {
            s.prompt();
            s.type("Math.max(");
            s.type("\u001bh");
            s.await("int Math.max(int a, int b)");
            s.type("1, 2)\r");
            s.await("==> 2");
        }
    }

    @Test
    void historyPersistsAcrossSessionsAndReverseSearchFindsIt() throws Exception {
        try (ScreenDriver s = shell()) {
            s.prompt();
            s.type("int remembered = 7 * 6;\r");
            s.await("remembered ==> 42");
            s.exit();
        }
        assertTrue(Files.readString(home.resolve("history")).contains("int remembered = 7 * 6;"),
                "history file: " + Files.readString(home.resolve("history")));
        try (ScreenDriver s = shell()) {
            s.prompt();
            s.type("\u001bOA\r"); // up arrow (xterm application mode): the line from the last session
            s.await("remembered ==> 42");
            s.prompt();
            s.type("\u0012membered\r"); // Ctrl-R search, Enter accepts and runs
            s.await("remembered ==> 42");
        }
    }

    @Test
    void javaIsHighlightedWhileTyping() throws Exception {
        String ansi = JavaHighlighter.highlight("int n = 1; // count").toAnsi();
        assertTrue(ansi.matches("(?s)\u001b\\[[0-9;]*m+int\u001b.*"), "int must be styled: " + ansi.replace("\u001b", "ESC"));
        assertTrue(ansi.contains("36m1"), "numbers in cyan: " + ansi.replace("\u001b", "ESC"));
        try (ScreenDriver s = shell()) {
            s.prompt();
            s.type("String word = \"hi\";\r");
            s.await("word ==> \"hi\"");
            assertTrue(s.raw().contains("\u001b[32mh"), "the string literal is green on screen: "
                    + s.raw().replace("\u001b", "ESC"));
        }
    }

    @Test
    void errorsAreShownAndTheSessionGoesOn() throws Exception {
        try (ScreenDriver s = shell()) {
            s.prompt();
            s.type("1 / 0\r");
            s.await("ArithmeticException: / by zero");
            s.prompt();
            s.type("3 * 3\r");
            s.await("==> 9");
        }
    }
}
