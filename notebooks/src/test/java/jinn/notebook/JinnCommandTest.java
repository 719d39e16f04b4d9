package jinn.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jinn run} as a user runs it: a separate JVM through jinn's Main, which finds the verb by
 * ServiceLoader. Checks what goes to stdout and stderr, with and without {@code --quiet}.
 */
class JinnCommandTest {

    @TempDir
    Path dir;

    record Result(int status, String out, String err) {}

    Result jinn(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), "jinn.repl.Main"));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt"), err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("jinn " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /**
     * A notebook's cells follow each other with nobody typing, so a run whose notebook trains chooses
     * the backend (which starts the kernels' JIT warm-up) as it starts, not when the first cell that
     * needs one runs; one that does not train leaves it, and the warm-up's CPU, alone. The first cell
     * never touches a backend, and the training cell never runs: only the runner can have chosen it.
     */
    @Test
    void runChoosesTheBackendAsItStartsWhereTheNotebookTrains() throws Exception {
        String waitForChoice = """
                // %%
                boolean chosen = false;
                for (int i = 0; i < 40 && !(chosen = jinn.accel.Backends.chosen()); i++) Thread.sleep(50);
                System.out.println("backend chosen: " + chosen);
                """;
        Path trains = dir.resolve("trains.jsh"), plain = dir.resolve("plain.jsh");
        Files.writeString(trains, waitForChoice + """
                // %%
                if (Math.abs(1) > 2) net(2).dense(1).build().fit(xor(), 1);
                """);
        Files.writeString(plain, waitForChoice + """
                // %%
                int notTraining = 6 * 7;
                """);
        Result r = jinn("run", trains.toString());
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("backend chosen: true"), r.toString());
        r = jinn("run", plain.toString());
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("backend chosen: false"), r.toString());
    }

    @Test
    void runPrintsOutputsOnStdoutAndFailuresOnStderrAndQuietKeepsOnlyTheLatter() throws Exception {
        Path nb = dir.resolve("nb.jsh");
        Files.writeString(nb, """
                // %% [markdown]
                // # Squares
                // %%
                System.out.println("printed by the cell");
                int square(int v) { return v * v; }
                square(7)
                // %%
                expectEqual(50, square(7));
                // %%
                System.out.println("never printed");
                """);
        Result r = jinn("run", nb.toString());
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.out().contains("# Squares"), r.toString());
        assertTrue(r.out().contains("printed by the cell\n49\n"), r.toString());
        assertTrue(r.err().contains(nb + ":8 (cell 3): AssertionError: expected 50, got 49"), r.toString());
        assertTrue(r.err().contains("1 not run after the failure"), r.toString());
        assertTrue(!r.out().contains("never printed"), r.toString());

        Result quiet = jinn("run", nb.toString(), "--quiet");
        assertEquals(1, quiet.status(), quiet.toString());
        assertEquals("", quiet.out(), "stdout with --quiet");
        assertTrue(quiet.err().contains(nb + ":8 (cell 3): AssertionError: expected 50, got 49"), quiet.toString());
    }

    @Test
    void everyVerbAnswersHelpAndUnknownOptionsPointToIt() throws Exception {
        for (String verb : List.of("run", "export", "import")) {
            Result r = jinn(verb, "--help");
            assertEquals(0, r.status(), verb + " --help: " + r);
            assertTrue(r.out().startsWith("usage: jinn " + verb + " FILE."), verb + " --help: " + r);
            assertTrue(!r.err().contains("jinn " + verb + ":"), verb + " --help: " + r);
        }
        assertTrue(jinn("export", "--help").out().contains("-o DIR/"));
        Result unknown = jinn("export", "x.jsh", "--frobnicate");
        assertEquals(2, unknown.status(), unknown.toString());
        assertTrue(unknown.err().contains("unknown option --frobnicate (known: --force, --keep-going, --output, --timeout, --to, -o; --help explains them)"),
                unknown.toString());
    }

    @Test
    void exportWritesEveryFormatIntoAFolder() throws Exception {
        Path nb = dir.resolve("tiny.jsh");
        Files.writeString(nb, "// %%\nint answer = 6 * 7;\nanswer\n");
        Path out = dir.resolve("exported");
        assertEquals(0, new ExportCommand().run(List.of(nb.toString(), "--to", "html,ipynb,md", "-o", out + "/")));
        for (String ext : List.of("html", "ipynb", "md")) {
            Path written = out.resolve("tiny." + ext);
            assertTrue(Files.isRegularFile(written), written + " was not written");
            assertTrue(Files.readString(written).contains("42"), written + " has the cell's output");
        }
        // an existing folder without the slash is a folder too; one file for several formats is refused
        assertEquals(0, new ExportCommand().run(List.of(nb.toString(), "--to", "md", "-o", out.toString())));
        assertEquals(2, new ExportCommand().run(List.of(nb.toString(), "--to", "html,md", "-o", dir.resolve("one.html").toString())));
    }
}
