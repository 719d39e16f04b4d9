package jinn.kernel;

import java.io.PrintStream;

/**
 * The kernel's own lines on the process's stderr (the front end's terminal or log). Captured
 * before a cell can replace System.err, so that a refused message is never shown as cell output.
 */
final class KernelLog {

    private static final PrintStream ERR = System.err;

    private KernelLog() {}

    static void line(String text) {
        ERR.println("jinn kernel: " + text);
        ERR.flush();
    }
}
