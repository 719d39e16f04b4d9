package jinn.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * System.out, System.err and System.in of a kernel's JVM: cells print and read through them, from
 * whatever thread, and they route to the cell now running (or the last one, for a thread that
 * prints after its cell ended, as ipykernel does). Installed once per JVM, before the engine wraps
 * System.out; before the first cell, output goes to the process's own streams.
 */
final class CellStreams {

    private static volatile Interpreter.CellEvents current;
    private static boolean installed;

    private CellStreams() {}

    static synchronized void install() {
        if (installed) return;
        installed = true;
        System.setOut(new PrintStream(new Forward("stdout", System.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Forward("stderr", System.err), true, StandardCharsets.UTF_8));
        System.setIn(new Input());
    }

    /** From now on, output and input belong to {@code events}. */
    static void route(Interpreter.CellEvents events) {
        current = events;
    }

    /** Text written to one stream, decoded as UTF-8 across writes that split a character. */
    private static final class Forward extends OutputStream {
        private final String name;
        private final PrintStream before;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private ByteBuffer leftover = ByteBuffer.allocate(0);

        Forward(String name, PrintStream before) {
            this.name = name;
            this.before = before;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            Interpreter.CellEvents to = current;
            if (to == null) {
                before.write(b, off, len);
                return;
            }
            ByteBuffer in = ByteBuffer.allocate(leftover.remaining() + len);
            in.put(leftover).put(b, off, len).flip();
            CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
            decoder.decode(in, out, false);
            leftover = in.slice();
            out.flip();
            if (out.hasRemaining()) to.stream(name, out.toString());
        }

        @Override
        public void flush() {
            if (current == null) before.flush();
        }
    }

    /** System.in: each line the cell asks for comes from the front end's input box (input_request). */
    private static final class Input extends InputStream {
        private byte[] line = new byte[0];
        private int next;

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
}
