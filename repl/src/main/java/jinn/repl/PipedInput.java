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
        EvalResult r = session.submit(cell);
        boolean failed = r != null && r.failed();
        if (failed && sourceName != null) out.println("  (" + sourceName + ", line " + line + ")");
        return failed;
    }
}
