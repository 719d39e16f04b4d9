package jinn.repl;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What cells print. In-process cells write to {@code System.out} and {@code System.err} directly,
 * so the engine installs this stream in their place. While a cell runs it hands the text to the
 * cell's {@link CellListener} (named "stdout" or "stderr", so that a Jupyter client can tell them
 * apart), keeps a copy so that the cell's result carries its output, and passes everything through
 * to the real stream unless the listener says not to (the kernel's real streams are its log).
 */
final class CellOutput extends OutputStream {

    /** A cell printing megabytes (a loop gone wild) must not fill the heap twice. */
    static final int LIMIT = 1 << 20;

    private static final Object LOCK = new Object();
    private static ByteArrayOutputStream recording;
    private static boolean truncated;
    private static boolean installed;
    private static volatile CellListener listener;
    private static CellOutput out, err;
    private static PrintStream outStream, errStream;

    private final PrintStream target;
    private final String name;
    /** Bytes to text for the listener, keeping a character split between two writes whole. */
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(0);

    private CellOutput(PrintStream target, String name) {
        this.target = target;
        this.name = name;
    }

    /** Replaces System.out and System.err once per JVM; later engines share the same streams. */
    static void install() {
        synchronized (LOCK) {
            if (installed) return;
            installed = true;
            out = new CellOutput(System.out, "stdout");
            err = new CellOutput(System.err, "stderr");
            outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
            errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
            System.setOut(outStream);
            System.setErr(errStream);
        }
    }

    /**
     * After a cell that set {@code System.out} or {@code System.err} to null: jinn's streams go back,
     * since everything after (the next cell, the runner's summary, jinn's exit) prints through them.
     */
    static void repair() {
        synchronized (LOCK) {
            if (!installed) return;
            if (System.out == null) System.setOut(outStream);
            if (System.err == null) System.setErr(errStream);
        }
    }

    /** The JVM's own standard output, as it was before jinn replaced it: never a cell's. */
    static PrintStream realOut() {
        synchronized (LOCK) {
            return out == null ? System.out : out.target;
        }
    }

    static void startRecording(CellListener cellListener) {
        synchronized (LOCK) {
            recording = new ByteArrayOutputStream();
            truncated = false;
            listener = cellListener;
        }
    }

    /** What was printed since {@link #startRecording}; recording and forwarding to the listener stop. */
    static String stopRecording() {
        repair();
        System.out.flush();
        System.err.flush();
        synchronized (LOCK) {
            if (out != null) out.drain(true);
            if (err != null) err.drain(true);
            listener = null;
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
        CellListener l = listener;
        if (l == null || l.echo()) target.write(b, off, len);
        if (l == null) return;
        synchronized (LOCK) {
            if (recording == null) return;
            int room = LIMIT - recording.size();
            if (len > room) truncated = true;
            recording.write(b, off, Math.max(0, Math.min(len, room)));
            ByteBuffer more = ByteBuffer.allocate(pending.remaining() + len);
            more.put(pending).put(b, off, len).flip();
            pending = more;
            drain(false);
        }
    }

    /** Decodes what is pending and hands it to the listener; at the end, a cut character too. Holds LOCK. */
    private void drain(boolean end) {
        CellListener l = listener;
        if (l == null || !pending.hasRemaining()) return;
        CharBuffer chars = CharBuffer.allocate(pending.remaining() + 1);
        decoder.decode(pending, chars, end);
        if (end) {
            decoder.flush(chars);
            decoder.reset();
            pending = ByteBuffer.allocate(0);
        }
        chars.flip();
        if (chars.hasRemaining()) {
            try {
                l.stream(name, chars.toString());
            } catch (RuntimeException e) {
                // a front end that cannot take the text must not turn printing into the cell's exception
            }
        }
    }

    @Override
    public void flush() {
        target.flush();
    }
}
