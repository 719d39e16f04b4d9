package jinn.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher of the unpacked distribution (bin/ + lib/, no Maven), as a user runs it: in
 * a pseudo-terminal driven through tmux, with piped input, and for scripts.
 */
class LauncherEndToEndTest {

    static final long TIMEOUT_SECONDS = 120;
    static Path dist;
    static Path jinn;
    static Path home;

    @BeforeAll
    static void firstStartTrainsTheStartUpCache() throws Exception {
        dist = Path.of(System.getProperty("jinn.dist"));
        jinn = dist.resolve("bin/jinn");
        assertTrue(Files.isExecutable(jinn), "the archive's launcher is missing or not executable: " + jinn);
        assertTrue(Files.isDirectory(dist.resolve("lib")), "the archive has no lib/: " + dist);
        assertFalse(Files.exists(dist.resolve("pom.xml")), "the archive must run without the sources");
        home = Path.of(System.getProperty("jinn.test.home"));
        deleteTree(home);
        Files.createDirectories(home);
        Result r = run(List.of(jinn.toString(), "--version"), "");
        assertEquals(0, r.status, r.toString());
        assertEquals("jinn " + System.getProperty("jinn.version") + " (Java " + Runtime.version() + ")", r.out.strip(), r.toString());
        assertFalse(r.err.contains("WARNING: Using incubator modules"), "the incubator warning must be silenced:\n" + r.err);
        if (Runtime.version().feature() >= 25) {
            try (Stream<Path> files = Files.list(home.resolve("aot"))) {
                assertTrue(files.anyMatch(p -> p.toString().endsWith(".aot")), "no AOT cache was trained in " + home.resolve("aot"));
            }
        }
    }

    record Result(int status, String out, String err) {}

    static Result run(List<String> command, String stdin) throws Exception {
        return run(command, stdin, home);
    }

    static Result run(List<String> command, String stdin, Path jinnHome) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("JINN_HOME", jinnHome.toString());
        env.remove("JINN_AOT");
        Path out = Files.createTempFile("jinn-out", ".txt");
        Path err = Files.createTempFile("jinn-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        try {
            Process p = pb.start();
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(command + " did not finish in " + TIMEOUT_SECONDS + " s; stdout:\n" + Files.readString(out));
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            // The suite ran this a few hundred times: 85 files were left in /tmp on a developer's machine.
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The report: the first piped run, which also makes the start-up cache, prints its cell's output. */
    @Test
    void theFirstPipedRunMakesTheCacheAndStillPrintsItsOutput(@TempDir Path fresh) throws Exception {
        Result r = run(List.of(jinn.toString()), "System.out.println(\"HELLO=\" + (6*7));\n", fresh);
        assertEquals(0, r.status, r.toString());
        assertEquals("HELLO=42\n", r.out, r.toString());
        if (Runtime.version().feature() >= 25) {
            assertTrue(r.err.contains("preparing a start-up cache"), "this run made the cache: " + r);
            assertFalse(r.err.contains("crashed") || r.err.contains("could not be made"), r.toString());
        }
    }

    @Test
    void pipedInputIsEvaluatedAndPrintedWithoutEscapeCodes() throws Exception {
        Result r = run(List.of(jinn.toString()), "net(2).dense(1)\nint x = 20;\nx + 22\n");
        assertEquals(0, r.status, r.toString());
        assertTrue(r.out.contains("total params: 3"), r.toString());
        assertTrue(r.out.contains("x ==> 20\n$2 ==> 42"), r.toString());
        assertFalse(r.out.contains("\u001b"), "escape codes in piped output:\n" + r.out);
        assertFalse(r.out.contains("jinn>"), "no prompt when input is piped:\n" + r.out);
    }

    @Test
    void docShowsJinnsJavadocFromTheArchivesSources() throws Exception {
        Result r = run(List.of(jinn.toString()), "/doc net().dense\n");
        assertEquals(0, r.status, r.toString());
        assertTrue(r.out.contains("NetBuilder NetBuilder.dense(int units)\n  A fully connected layer with units outputs and a bias."),
                "expected dense's signature with its javadoc sentence (src/*-sources.jar of the archive):\n" + r);
    }

    @Test
    void anExitFromInsideACellIsExplainedNotSilent() throws Exception {
        Result refused = run(List.of(jinn.toString()), "int kept = 1;\nSystem.exit(3);\nkept + 1\n");
        assertTrue(refused.out.contains("System.exit would end jinn itself"), refused.toString());
        assertTrue(refused.out.contains("==> 2"), "the session goes on after the refusal:\n" + refused);
        // Called through a variable, the engine cannot see it coming: the JVM ends, with a word why.
        Result ended = run(List.of(jinn.toString()), "var rt = Runtime.getRuntime();\nrt.exit(4);\n1 + 1\n");
        assertEquals(4, ended.status, ended.toString());
        assertTrue(ended.err.contains("the running cell ended the JVM"), ended.toString());
        assertFalse(ended.out.contains("==> 2"), ended.toString());
    }

    @Test
    void runEvaluatesAScriptAndNamesTheLineOfAnError(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("ok.jsh");
        Files.writeString(ok, "int a = 2;\nint square(int v) {\n  return v * v;\n}\nsquare(a + 1)\n");
        Result r = run(List.of(jinn.toString(), "run", ok.toString()), "");
        assertEquals(0, r.status, r.toString());
        assertTrue(r.out.contains("9"), r.toString());
        Path bad = dir.resolve("bad.jsh");
        Files.writeString(bad, "int a = 1;\n\nint b = a / 0;\nint never = 3;\n");
        Result failed = run(List.of(jinn.toString(), "run", bad.toString()), "");
        String all = failed.out + failed.err;
        assertEquals(1, failed.status, failed.toString());
        assertTrue(all.contains("ArithmeticException: / by zero"), failed.toString());
        assertTrue(all.contains(bad + ":3") || all.contains(bad + ", line 3"), "the file and line of the error:\n" + all);
    }

    /**
     * On a machine of one or two cores the launcher gives C2 a second compiler thread for a notebook
     * that trains (its first epoch otherwise waits on one thread compiling javac and the kernels in
     * turn), and not for one that does not, nor for the REPL, whose start it would slow.
     */
    @Test
    void aNotebookThatTrainsGetsASecondCompilerThreadOnTwoCores(@TempDir Path dir) throws Exception {
        String printArgs = "System.out.println(\"ARGS \" + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());\n";
        Path trains = dir.resolve("trains.jsh"), plain = dir.resolve("plain.jsh");
        Files.writeString(trains, printArgs + "if (Math.abs(1) > 2) net(2).dense(1).build().fit(xor(), 1);\n");
        Files.writeString(plain, printArgs + "int notTraining = 42;\n");
        boolean fewCores = Runtime.getRuntime().availableProcessors() <= 2;
        String flag = "-XX:CICompilerCount=3";
        Result t = run(List.of(jinn.toString(), "run", trains.toString()), "");
        assertEquals(0, t.status, t.toString());
        assertTrue(t.out.contains("ARGS "), t.toString());
        assertEquals(fewCores, t.out.contains(flag), t.toString());
        Result p = run(List.of(jinn.toString(), "run", plain.toString()), "");
        assertEquals(0, p.status, p.toString());
        assertFalse(p.out.contains(flag), p.toString());
        Result repl = run(List.of(jinn.toString()), printArgs);
        assertEquals(0, repl.status, repl.toString());
        assertTrue(repl.out.contains("ARGS "), repl.toString());
        assertFalse(repl.out.contains(flag), repl.toString());
    }

    /**
     * The heap goes on transparent huge pages exactly where the kernel hands them out on request
     * ({@code [madvise]}): with {@code always} the flag would change nothing, with {@code never} the JVM
     * would print a warning into the session.
     */
    @Test
    void theHeapAsksForHugePagesWhereTheKernelGivesThemOnRequest() throws Exception {
        Path setting = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean onRequest = Files.isReadable(setting) && Files.readString(setting).contains("[madvise]");
        Result r = run(List.of(jinn.toString()), "System.out.println(\"ARGS \" + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());\n");
        assertEquals(0, r.status, r.toString());
        assertTrue(r.out.contains("ARGS ") && r.out.contains("-Djinn.launcher="), "no JVM arguments printed:\n" + r);
        assertEquals(onRequest, r.out.contains("-XX:+UseTransparentHugePages"), setting + " says "
                + (Files.isReadable(setting) ? Files.readString(setting).strip() : "nothing") + ":\n" + r);
        assertFalse((r.out + r.err).contains("transparent huge pages are not supported"), r.toString());
    }

    /** The REPL in a pseudo-terminal (util-linux script), so the chart path sees a real terminal of the given type. */
    static Result inPseudoTerminal(String term, String input) throws Exception {
        // CI (set by CI runners) and TMUX make jinn choose text charts on purpose; this test is about TERM alone.
        return run(List.of("script", "-qfec", "env -u CI -u TMUX TERM=" + term + " " + jinn, "/dev/null"), input);
    }

    @Test
    void chartsAreKittyGraphicsInKittyAndTextInADumbTerminal() throws Exception {
        Result kitty = inPseudoTerminal("xterm-kitty", "plot(Math::sin, -3, 3)\n/exit\n");
        assertEquals(0, kitty.status, kitty.toString());
        assertTrue(kitty.out.contains("\u001b_G"), "no kitty graphics escape in:\n" + kitty.out);
        assertTrue(kitty.out.contains("f=100"), "the kitty image is a PNG (f=100):\n" + kitty.out);
        assertFalse(kitty.out.contains("Unable to retrieve infocmp"), "JLine's terminfo noise reached the screen:\n" + kitty.out);
        Result dumb = inPseudoTerminal("dumb", "plot(Math::sin, -3, 3)\n/exit\n");
        assertEquals(0, dumb.status, dumb.toString());
        assertFalse(dumb.out.contains("\u001b_G"), "kitty graphics sent to a dumb terminal:\n" + dumb.out);
        assertTrue(dumb.out.chars().anyMatch(c -> c >= 0x2800 && c <= 0x28FF), "no braille text chart in:\n" + dumb.out);
        assertTrue(dumb.out.contains("┤"), "the text chart has a y axis with ticks:\n" + dumb.out);
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Result r = run(List.of(jinn.toString(), "--help"), "");
        assertEquals(0, r.status, r.toString());
        assertTrue(r.out.contains("jinn run FILE.jsh") || r.out.contains("jinn run "), r.toString());
        assertTrue(r.out.contains("--version"), r.toString());
    }

    /** A tmux session running the launcher in a real pseudo-terminal. */
    static final class Tmux implements AutoCloseable {
        /** One tmux server per session: a server just killed by the test before may still hold a shared socket name. */
        static final java.util.concurrent.atomic.AtomicInteger SESSIONS = new java.util.concurrent.atomic.AtomicInteger();
        final String socket = "jinn-e2e-" + ProcessHandle.current().pid() + "-" + SESSIONS.incrementAndGet();

        Tmux(String command) throws Exception {
            tmux("new-session", "-d", "-s", "e2e", "-x", "120", "-y", "50", command);
        }

        static String tmuxBinary() {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                if (Files.isExecutable(Path.of(dir, "tmux"))) return Path.of(dir, "tmux").toString();
            }
            fail("tmux is not installed; the end-to-end test drives the REPL through it (apt-get install tmux)");
            return null;
        }

        String tmux(String... args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(tmuxBinary(), "-L", socket));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            if (p.exitValue() != 0) throw new IOException("tmux " + List.of(args) + " failed: " + out);
            return out;
        }

        String screen() throws Exception {
            return tmux("capture-pane", "-p", "-J", "-t", "e2e", "-S", "-500");
        }

        boolean alive() {
            try {
                tmux("has-session", "-t", "e2e");
                return true;
            } catch (Exception e) {
                return false;
            }
        }

        void type(String text) throws Exception {
            // tmux reads a trailing ';' of an argument as its own command separator; "\\;" is the literal.
            String literal = text.endsWith(";") ? text.substring(0, text.length() - 1) + "\\;" : text;
            tmux("send-keys", "-t", "e2e", "-l", literal);
            tmux("send-keys", "-t", "e2e", "Enter");
        }

        void key(String key) throws Exception {
            tmux("send-keys", "-t", "e2e", key);
        }

        /** Waits until the screen holds {@code expected} at least {@code count} times. */
        String await(String expected, int count) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            String s = "";
            while (System.nanoTime() < deadline) {
                s = alive() ? screen() : s;
                if (occurrences(s, expected) >= count) return s;
                if (!alive()) fail("jinn ended while waiting for <" + expected + ">; last screen:\n" + s);
                Thread.sleep(100);
            }
            fail("expected <" + expected + "> " + count + "x on the screen; screen:\n" + s);
            return s;
        }

        static int occurrences(String text, String part) {
            int n = 0;
            for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
            return n;
        }

        @Override
        public void close() {
            try {
                tmux("kill-server");
            } catch (Exception ignored) {
                // already gone: jinn exited and took the session with it
            }
        }
    }

    @Test
    void aLearnerSessionInAPseudoTerminal() throws Exception {
        String command = "env JINN_HOME=" + home + " TERM=xterm-256color " + jinn;
        try (Tmux t = new Tmux(command)) {
            t.await("jinn> ", 1);
            t.type("int kept = 41;");
            t.await("kept ==> 41", 1);

            t.type("var model = net(2).dense(8).tanh().dense(1).sigmoid().seed(7).build();");
            t.await("total params: 33", 1);
            t.type("var h = model.fit(xor(), epochs(1000).adam(0.05f).quiet());");
            t.await("1000 epochs", 1);
            t.type("Arrays.toString(model.predictClass(xor().x()))");
            t.await("==> \"[0, 1, 1, 0]\"", 1);

            t.type("while (true) { }");
            Thread.sleep(1500);
            t.key("C-c");
            t.await("stopped (Ctrl-C)", 1);
            t.await("jinn> ", 6);
            t.type("kept + 1");
            String screen = t.await("==> 42", 1);
            assertFalse(screen.contains("Exception"), "no exception in a clean session:\n" + screen);

            t.key("C-d");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (t.alive()) {
                // The screen only for the failure's message: read on every turn, it raced jinn's exit
                // (tmux's server gone between alive() and capture-pane).
                if (System.nanoTime() >= deadline) fail("Ctrl-D did not end jinn; screen:\n" + t.screen());
                Thread.sleep(100);
            }
        }
        assertTrue(Files.readString(home.resolve("history")).contains("int kept = 41;"), "history was not saved");
    }

    /** The same key in a dumb terminal (TERM=dumb), where the tty stays cooked and Ctrl-C arrives as SIGINT. */
    @Test
    void ctrlCInADumbTerminalStopsTheCellAndKeepsTheSession() throws Exception {
        String command = "env JINN_HOME=" + home + " TERM=dumb " + jinn + "; echo EXIT=$?; sleep 30";
        try (Tmux t = new Tmux(command)) {
            t.await("jinn> ", 1);
            t.type("int kept = 41;");
            t.await("kept ==> 41", 1);
            t.type("while (true) { }");
            Thread.sleep(1500);
            t.key("C-c");
            t.await("stopped (Ctrl-C)", 1);
            t.await("jinn> ", 3);
            t.key("C-c"); // at the idle prompt: clears the line, jinn stays
            t.await("jinn> ", 4); // a fresh prompt
            t.type("kept + 1");
            String screen = t.await("==> 42", 1);
            assertFalse(screen.contains("EXIT=") || screen.contains("ended the JVM"), screen);
            t.key("C-d");
            t.await("EXIT=0", 1);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted((a, b) -> b.compareTo(a)).toList()) Files.delete(p);
        }
    }
}
