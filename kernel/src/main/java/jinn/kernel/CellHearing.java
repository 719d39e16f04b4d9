package jinn.kernel;

import java.util.List;
import jinn.repl.CellListener;
import jinn.repl.Outcome;
import jinn.repl.display.MimeBundle;

/**
 * What the engine tells about a cell as it runs, turned into kernel events. One result per
 * cell, as in IPython: a value shown under the cell waits until the next one comes (then it
 * becomes a display) or the cell ends (then it is the execute_result).
 */
final class CellHearing implements CellListener {
    private final Interpreter.CellEvents events;
    private Interpreter.MimeData pending;
    private Interpreter.ExecuteOutcome failure;
    /** Lines of the cell before the code being run (magic lines), added to an error's line. */
    private int lineOffset;

    void lineOffset(int lines) {
        lineOffset = lines;
    }

    /** Whether a snippet of the cell failed or was stopped so far. */
    boolean failed() {
        return failure != null;
    }

    int executionCount() {
        return events.executionCount();
    }

    CellHearing(Interpreter.CellEvents events) {
        this.events = events;
    }

    @Override
    public void stream(String name, String text) {
        events.stream(name, text);
    }

    @Override
    public void display(MimeBundle bundle, String displayId, boolean update) {
        events.display(EngineInterpreter.mimeData(bundle), displayId, update);
    }

    @Override
    public void outcome(Outcome o) {
        switch (o.kind()) {
            case VALUE -> {
                if (!o.result() || o.bundle() == null) return;
                if (pending != null) events.display(pending, null, false);
                pending = EngineInterpreter.mimeData(o.bundle());
            }
            case ERROR -> failure = EngineInterpreter.error(o.display(), o.line() + lineOffset, events.executionCount());
            case INTERRUPTED -> failure = Interpreter.ExecuteOutcome.error("Interrupted", o.display(),
                    List.of("Cell In[" + events.executionCount() + "], line " + (o.line() + lineOffset), "Interrupted: " + o.display()));
            default -> { }
        }
    }

    /** The kernel's output goes to its client, not to the JVM's streams (the front end's log). */
    @Override
    public boolean echo() {
        return false;
    }

    /** Jupyter replaces a display in place: fit's progress is one output, not one per step. */
    @Override
    public boolean updatesInPlace() {
        return true;
    }

    Interpreter.ExecuteOutcome finish() {
        if (pending != null) events.result(pending);
        return failure != null ? failure : Interpreter.ExecuteOutcome.success();
    }
}
