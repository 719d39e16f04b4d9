package jinn.repl.terminal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in a real pseudo-terminal with TERM=dumb (an editor's shell buffer, an IDE console): there
 * the tty stays in cooked mode and the kernel turns the key into SIGINT, which used to end jinn with
 * exit 130 and every variable with it. Now it stops the running cell and clears the line at the
 * prompt, as in a full terminal; piped input too. Driven through tmux, which types the key into the pty.
 */
class DumbTerminalInterruptTest {

    @TempDir
    Path home;

    /** jinn's Main on this test's class path, with the launcher's JVM options, then its exit status. */
    String jinn(String env) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return "env " + env + " JINN_HOME=" + home + " " + java + " --add-modules jdk.incubator.vector"
                + " --enable-native-access=ALL-UNNAMED --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED"
                + " -Djinn.sources=" + System.getProperty("jinn.sources", "")
                + " -cp " + System.getProperty("java.class.path") + " jinn.repl.Main";
    }

    @Test
    void ctrlCStopsTheCellAndClearsTheLineInADumbTerminal() throws Exception {
        try (Tmux t = new Tmux(jinn("TERM=dumb") + "; echo EXIT=$?; sleep 60")) {
            t.await("jinn> ", 1);
            t.type("int kept = 41");
            t.await("kept ==> 41", 1);
            t.type("while (true) {}");
            Thread.sleep(1500);
            t.key("C-c");
            String s = t.await("stopped (Ctrl-C)", 1);
            assertFalse(s.contains("EXIT="), s);
            t.type("kept + 1");
            t.await("==> 42", 1);
            t.literal("half typed");
            t.key("C-c");
            t.await("jinn> ", 5); // a fresh prompt after "jinn> half typed^C"
            t.type("kept + 2");
            s = t.await("==> 43", 1);
            assertFalse(s.contains("half typed" + "kept"), "the line was cleared:\n" + s);
            assertFalse(s.contains("EXIT=") || s.contains("ended the JVM"), s);
            t.key("C-d");
            s = t.await("EXIT=0", 1);
        }
    }

    @Test
    void ctrlCStopsAPipedCellAndTheInputGoesOn() throws Exception {
        // the input's producer ends on the same Ctrl-C (tmux signals the whole foreground group): its
        // end of input ends jinn, after the cells already read
        try (Tmux t = new Tmux("(printf 'int kept = 41;\\nwhile (true) {}\\nkept + 1\\n'; sleep 60) | "
                + jinn("TERM=dumb") + "; echo EXIT=$?; sleep 60")) {
            t.await("kept ==> 41", 1);
            Thread.sleep(1500);
            t.key("C-c");
            String s = t.await("EXIT=", 1);
            assertTrue(s.contains("stopped (Ctrl-C)"), s);
            assertTrue(s.contains("==> 42"), s);
            assertFalse(s.contains("ended the JVM") || s.contains("EXIT=130"), s);
        }
    }

    /** A tmux server of its own running one command in a 120x40 pseudo-terminal. */
    static final class Tmux implements AutoCloseable {
        static final int TIMEOUT_SECONDS = 60;
        final String socket = "jinn-dumb-" + ProcessHandle.current().pid();

        Tmux(String command) throws Exception {
            tmux("new-session", "-d", "-s", "t", "-x", "120", "-y", "40", command);
        }

        static String tmuxBinary() {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                if (Files.isExecutable(Path.of(dir, "tmux"))) return Path.of(dir, "tmux").toString();
            }
            fail("tmux is not installed; this test types Ctrl-C into a pseudo-terminal through it (apt-get install tmux)");
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
            return tmux("capture-pane", "-p", "-J", "-t", "t", "-S", "-200");
        }

        void literal(String text) throws Exception {
            // tmux reads a trailing ';' of an argument as its own command separator; "\\;" is the literal.
            tmux("send-keys", "-t", "t", "-l", text.endsWith(";") ? text.substring(0, text.length() - 1) + "\\;" : text);
        }

        void type(String text) throws Exception {
            literal(text);
            tmux("send-keys", "-t", "t", "Enter");
        }

        void key(String key) throws Exception {
            tmux("send-keys", "-t", "t", key);
        }

        String await(String expected, int count) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            String s = "";
            while (System.nanoTime() < deadline) {
                s = screen();
                int n = 0;
                for (int i = s.indexOf(expected); i >= 0; i = s.indexOf(expected, i + 1)) n++;
                if (n >= count) return s;
                Thread.sleep(100);
            }
            fail("expected <" + expected + "> " + count + "x on the screen; screen:\n" + s);
            return s;
        }

        @Override
        public void close() {
            try {
                tmux("kill-server");
            } catch (Exception ignored) {
                // gone already
            }
        }
    }
}
