package jinn.repl.terminal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jinn.repl.Engine;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * Drives a {@link Shell} on an in-memory xterm: bytes typed in, screen text out (escape codes
 * removed). The shell runs on its own thread, as it would on a real terminal.
 */
final class ScreenDriver implements AutoCloseable {

    static final long TIMEOUT_SECONDS = 60;

    private final PipedOutputStream keys;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final Terminal terminal;
    private final CompletableFuture<Integer> loop;
    private int mark;

    ScreenDriver(Engine engine, Path historyFile) throws IOException {
        PipedInputStream in = new PipedInputStream(1 << 16);
        keys = new PipedOutputStream(in);
        // ExternalTerminal runs its line discipline in Java, so Ctrl-C raises the Java signal handlers;
        // TerminalBuilder would open a real pty here, whose SIGINT goes to no process.
        terminal = new ExternalTerminal("test", "xterm-256color", in, screen, StandardCharsets.UTF_8);
        terminal.setSize(new Size(120, 40));
        Shell shell = new Shell(terminal, CompletableFuture.completedFuture(engine), historyFile);
        loop = new CompletableFuture<>();
        // One thread per shell: a shared pool with one worker (two cores) would queue the next test behind this one.
        Thread t = new Thread(() -> {
            try {
                loop.complete(shell.loop());
            } catch (Throwable e) {
                loop.completeExceptionally(e);
            }
        }, "shell-under-test");
        t.setDaemon(true);
        t.start();
    }

    /** Types keys; \r is Enter, \t Tab, \u0003 Ctrl-C, \u0004 Ctrl-D, \u001bh Alt-H. */
    ScreenDriver type(String keysTyped) throws IOException {
        keys.write(keysTyped.getBytes(StandardCharsets.UTF_8));
        keys.flush();
        return this;
    }

    /** Everything shown so far, escape codes removed. */
    String text() {
        String raw;
        synchronized (screen) {
            raw = screen.toString(StandardCharsets.UTF_8);
        }
        return plain(raw);
    }

    /** The screen bytes as written, escape codes included. */
    String raw() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    static String plain(String raw) {
        return raw.replaceAll("\u001b\\[[0-9;?]*[ -/]*[@-~]", "")
                .replaceAll("\u001b\\][^\u0007\u001b]*(\u0007|\u001b\\\\)", "")
                .replaceAll("\u001b[()][0-9A-B]", "")
                .replaceAll("\u001b[=>78]", "")
                .replace("\r", "");
    }

    /** Waits until {@code expected} appears on the screen after the last mark, then marks past it. */
    String await(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            String t = text();
            int at = t.indexOf(expected, Math.min(mark, t.length()));
            if (at >= 0) {
                String seen = t.substring(Math.min(mark, t.length()), at + expected.length());
                mark = at + expected.length();
                return seen;
            }
            if (System.nanoTime() > deadline) fail("expected <" + expected + "> on the screen after position " + mark + ", screen:\n" + t);
            Thread.sleep(10);
        }
    }

    /** Waits for the next prompt: keys typed before it would be echoed by the line discipline, not read by JLine. */
    ScreenDriver prompt() throws InterruptedException {
        await("jinn> ");
        return this;
    }

    /** Ends the session with Ctrl-D and returns the shell's exit status. */
    int exit() throws Exception {
        type("\u0004");
        return loop.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    boolean finished() {
        return loop.isDone();
    }

    @Override
    public void close() throws Exception {
        if (!loop.isDone()) {
            type("\u0004");
            try {
                loop.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } finally {
                keys.close();
            }
        }
        terminal.close();
    }
}
