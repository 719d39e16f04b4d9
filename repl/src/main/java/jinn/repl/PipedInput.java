package jinn.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import jinn.repl.command.Commands;
import jinn.repl.command.PastedPrompt;
import jinn.repl.command.Session;

/**
 * The REPL without a terminal: {@code echo 'net()' | jinn}, {@code jinn < cells.jsh}, and the
 * plain {@code jinn run}. Lines are gathered until the engine says the snippet is complete, then
 * evaluated; values and errors are printed as text with no prompt and no escape codes. JLine is
 * not loaded at all, which is also the fastest start.
 */
final class PipedInput {

    private final Engine engine;
    private final PrintStream out;
    private final String sourceName;
    private final boolean stopAtError;

    /** @param sourceName a file name: errors then name file and line, and the first error ends the run */
    PipedInput(Engine engine, PrintStream out, String sourceName) {
        this.engine = engine;
        this.out = out;
        this.sourceName = sourceName;
        this.stopAtError = sourceName != null;
    }

    /** Ctrl-C presses on the running cell; a third on a cell that ignores them ends jinn, as in the terminal. */
    private final java.util.concurrent.atomic.AtomicInteger presses = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Ctrl-C (SIGINT) stops the running cell and the input goes on, as in a terminal, instead of ending
     * the JVM and every variable with it. Between cells there is nothing to stop or clear: the
     * program writing into the pipe gets the same Ctrl-C, and its end of input ends jinn.
     */
    void catchInterruptSignal() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> onInterrupt());
        } catch (IllegalArgumentException e) {
            // no SIGINT here (or -Xrs): Ctrl-C keeps the JVM's default
        }
    }

    void onInterrupt() {
        if (!engine.isRunning()) return;
        int n = presses.incrementAndGet();
        engine.stop();
        if (n == 2) {
            System.err.println("jinn: the cell is still running inside library code that does not check Thread.interrupted();"
                    + " press Ctrl-C once more to end jinn.");
        } else if (n >= 3) { // as Shell.PRESSES_TO_QUIT
            System.err.println("jinn: ending at your request (the running cell could not be stopped).");
            Runtime.getRuntime().halt(130);
        }
    }

    /** Reads to the end (or /exit); 0 when every cell ran, 1 when one failed. */
    int run(BufferedReader in) throws IOException {
        PrintWriter writer = new PrintWriter(out, true);
        Session session = new Session(engine, writer, Commands.standard(), false);
        StringBuilder cell = new StringBuilder();
        int lineNo = 0;
        int cellStart = 1;
        boolean failed = false;
        boolean pasted = false;
        String line;
        while (!session.exitRequested() && (line = in.readLine()) != null) {
            lineNo++;
            // A line pasted from a transcript: "jinn> x + 1" is the cell "x + 1", and "...> " continues it.
            if (cell.isEmpty()) pasted = PastedPrompt.startsWithPrompt(line);
            if (pasted) line = PastedPrompt.stripLine(line);
            if (cell.isEmpty()) {
                if (line.isBlank()) continue;
                cellStart = lineNo;
                if (Commands.isCommand(line)) {
                    session.submit(line);
                    continue;
                }
            }
            cell.append(line).append('\n');
            if (engine.isComplete(cell.toString())) {
                failed |= submit(session, cell.toString(), cellStart);
                cell.setLength(0);
                if (failed && stopAtError) return 1;
            }
        }
        if (!cell.toString().isBlank()) failed |= submit(session, cell.toString(), cellStart);
        return failed ? 1 : 0;
    }

    private boolean submit(Session session, String cell, int line) {
        presses.set(0);
        EvalResult r = session.submit(cell);
        boolean failed = r != null && r.failed();
        if (failed && sourceName != null) out.println("  (" + sourceName + ", line " + line + ")");
        return failed;
    }
}
