package jinn.repl;

import jinn.repl.display.MimeBundle;

/**
 * What a front end hears while a cell runs, as it happens: the cell's printed text, values shown
 * with {@code display(...)}, and each snippet's outcome. The terminal prints them, the notebook
 * runner records them, the Jupyter kernel sends them as messages. Every method has a default that
 * ignores the event.
 *
 * <p>{@link #stream} and {@link #display} are called from whichever thread printed or displayed
 * (a cell may start threads of its own); {@link #outcome} from the thread that runs the cell.
 */
public interface CellListener {

    /** Ignores everything; printed text still reaches the terminal ({@link #echo()}). */
    CellListener NONE = new CellListener() {};

    /** Text the cell printed: {@code name} is "stdout" or "stderr". */
    default void stream(String name, String text) {}

    /** A value shown with {@code display(value)}, {@code display(value, id)} or {@code updateDisplay(id, value)}. */
    default void display(MimeBundle bundle, String displayId, boolean update) {}

    /** A snippet of the cell finished (its value, declaration, error or interruption). */
    default void outcome(Outcome outcome) {}

    /**
     * Whether what the cell prints also goes to this JVM's own standard streams: yes in the REPL,
     * where they are the terminal; no in the Jupyter kernel, whose output goes to its client.
     */
    default boolean echo() {
        return true;
    }

    /**
     * Whether {@code updateDisplay} replaces the earlier output in place here (a Jupyter front end);
     * jinn's live output (fit's progress, a live loss curve) then updates one output instead of
     * printing a new one per step.
     */
    default boolean updatesInPlace() {
        return false;
    }
}
