package jinn.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;

/**
 * System.in of a kernel's JVM: each line a cell reads comes from the front end's input box
 * (input_request on the stdin channel), for the cell running now; without one, end of input.
 * (What cells print reaches the kernel through the engine's {@link jinn.repl.CellListener}.)
 */
final class CellInput extends InputStream {

    private static volatile Interpreter.CellEvents current;
    private static boolean installed;

    private byte[] line = new byte[0];
    private int next;

    private CellInput() {}

    static synchronized void install() {
        if (installed) return;
        installed = true;
        System.setIn(new CellInput());
    }

    /** From now on, lines are asked of {@code events} (null: none, end of input). */
    static void route(Interpreter.CellEvents events) {
        current = events;
    }

    @Override
    public synchronized int read() throws IOException {
        if (!fill()) return -1;
        return line[next++] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!fill()) return -1;
        int n = Math.min(len, line.length - next);
        System.arraycopy(line, next, b, off, n);
        next += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return line.length - next;
    }

    private boolean fill() throws IOException {
        if (next < line.length) return true;
        Interpreter.CellEvents to = current;
        if (to == null) return false;
        String text;
        try {
            text = to.readLine("");
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            // Scanner swallows an IOException and reports only "No line found": this one must be seen.
            throw new java.io.UncheckedIOException(e.getMessage(), e);
        }
        line = (text + "\n").getBytes(StandardCharsets.UTF_8);
        next = 0;
        return true;
    }
}
