package jinn.repl;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What cells print. In-process cells write to {@code System.out} and {@code System.err} directly,
 * so the engine installs this stream in their place: it passes everything through to the real
 * stream (a user watching a training loop sees it live) and, while a cell runs, also keeps a copy
 * so that the cell's result carries its output (tests, notebooks).
 */
final class CellOutput extends OutputStream {

    /** A cell printing megabytes (a loop gone wild) must not fill the heap twice. */
    static final int LIMIT = 1 << 20;

    private static final Object LOCK = new Object();
    private static ByteArrayOutputStream recording;
    private static boolean truncated;
    private static boolean installed;

    private final PrintStream target;

    private CellOutput(PrintStream target) {
        this.target = target;
    }

    /** Replaces System.out and System.err once per JVM; later engines share the same streams. */
    static void install() {
        synchronized (LOCK) {
            if (installed) return;
            installed = true;
            System.setOut(new PrintStream(new CellOutput(System.out), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new CellOutput(System.err), true, StandardCharsets.UTF_8));
        }
    }

    static void startRecording() {
        synchronized (LOCK) {
            recording = new ByteArrayOutputStream();
            truncated = false;
        }
    }

    /** What was printed since {@link #startRecording()}; recording stops. */
    static String stopRecording() {
        synchronized (LOCK) {
            if (recording == null) return "";
            String text = recording.toString(StandardCharsets.UTF_8);
            if (truncated) text += "\n... (output over " + LIMIT / 1024 + " KiB not kept)\n";
            recording = null;
            return text;
        }
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        target.write(b, off, len);
        synchronized (LOCK) {
            if (recording == null) return;
            int room = LIMIT - recording.size();
            if (len > room) truncated = true;
            recording.write(b, off, Math.max(0, Math.min(len, room)));
        }
    }

    @Override
    public void flush() {
        target.flush();
    }
}
