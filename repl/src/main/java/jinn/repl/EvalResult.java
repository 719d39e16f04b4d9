package jinn.repl;

import java.util.List;

/**
 * The result of evaluating one cell: each snippet's {@link Outcome}, what the cell printed, how long it took.
 *
 * @param source   the cell as typed
 * @param outcomes one per snippet evaluated; evaluation stops at the first error or interruption
 * @param output   what the cell wrote to System.out and System.err while it ran
 * @param nanos    wall time of the whole cell, compilation included
 * @param runNanos of that, the time its compiled code ran (javac's share is the rest); -1 where not known
 */
public record EvalResult(String source, List<Outcome> outcomes, String output, long nanos, long runNanos) {

    /** True when a snippet failed (compile error, exception) or the cell was stopped. */
    public boolean failed() {
        return outcomes.stream().anyMatch(o -> o.kind() == Outcome.Kind.ERROR || o.kind() == Outcome.Kind.INTERRUPTED);
    }

    /** True when the user stopped the cell. */
    public boolean interrupted() {
        return outcomes.stream().anyMatch(o -> o.kind() == Outcome.Kind.INTERRUPTED);
    }

    /** The last value the cell produced, or null. */
    public Object value() {
        for (int i = outcomes.size() - 1; i >= 0; i--) {
            if (outcomes.get(i).kind() == Outcome.Kind.VALUE) return outcomes.get(i).value();
        }
        return null;
    }

    /** What a front end prints after the cell's own output: one block per outcome that shows something. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Outcome o : outcomes) {
            if (o.kind() == Outcome.Kind.SILENT) continue;
            if (!sb.isEmpty()) sb.append('\n');
            sb.append(o.display());
        }
        return sb.toString();
    }
}
