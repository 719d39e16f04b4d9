package jinn.repl.command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import jinn.repl.Engine;
import jinn.repl.EvalResult;

/**
 * What a command may touch: the engine, the place to print, the cells typed so far, and the way
 * out. Front ends (terminal, piped input) create one and hand it to {@link Commands}.
 */
public final class Session {

    private final Engine engine;
    private final PrintWriter out;
    private final Commands commands;
    private final List<String> cells = new ArrayList<>();
    private final SessionLog log = new SessionLog();
    private final boolean ansi;
    private boolean exitRequested;

    public Session(Engine engine, PrintWriter out, Commands commands, boolean ansi) {
        this.engine = engine;
        this.out = out;
        this.commands = commands;
        this.ansi = ansi;
    }

    public Engine engine() {
        return engine;
    }

    public PrintWriter out() {
        return out;
    }

    public Commands commands() {
        return commands;
    }

    /** The cells and commands typed in this session, oldest first. */
    public List<String> cells() {
        return cells;
    }

    /** The cells evaluated with their results, and the drops and resets, for /save. */
    SessionLog log() {
        return log;
    }

    public void exit() {
        exitRequested = true;
    }

    public boolean exitRequested() {
        return exitRequested;
    }

    /**
     * Handles one complete input, a command or a cell: runs it, prints what it produced,
     * remembers it. Returns the cell's result, or null for a command.
     */
    public EvalResult submit(String input) {
        input = PastedPrompt.strip(input);
        if (input.isBlank()) return null;
        cells.add(input.strip());
        if (Commands.isCommand(input)) {
            commands.run(input.strip(), this);
            out.flush();
            return null;
        }
        EvalResult r = evaluate(input);
        jinn.repl.StartupTrace.firstResult();
        // The first call chooses the backend, which starts the CPU kernels' JIT warm-up
        // (KernelWarmUp in accel) while the person reads and types, rather than during their first
        // epoch; not before the first result, whose javac compilation it would slow down. Later
        // calls only read the choice.
        jinn.accel.Backends.current();
        return r;
    }

    /** Evaluates a cell, shows its result and remembers both (for /save); no command handling. */
    EvalResult evaluate(String cell) {
        EvalResult r = engine.eval(cell);
        log.cell(cell, r);
        show(r);
        return r;
    }

    /** Prints a cell's result (its output was already printed live), errors in red on a terminal. */
    public void show(EvalResult r) {
        System.out.flush();
        System.err.flush();
        String text = r.text();
        if (!text.isEmpty()) {
            if (ansi && r.failed()) text = "\u001b[31m" + text + "\u001b[0m";
            out.println(text);
        }
        out.flush();
    }
}
