package jinn.display;

/**
 * Where {@code display(value)} sends a value: the front end that runs the code. The REPL, the
 * notebook runner and the Jupyter kernel each install one ({@link Displays#install}); a plain Java
 * program gets {@link Displays#PRINT}, which prints {@code toString()}.
 */
public interface DisplaySink {

    /** Shows {@code value} now; {@code id} (may be null) names the output for {@link #update}. */
    void show(Object value, String id);

    /**
     * Replaces what was shown under {@code id} by {@code value} where the front end can
     * ({@link #updatesInPlace()}); elsewhere shows it anew.
     */
    void update(String id, Object value);

    /**
     * True when {@link #update} replaces the earlier output in place (a Jupyter front end), so that
     * live output (a progress bar, a loss curve) is one output that changes, not a new one per step.
     */
    default boolean updatesInPlace() {
        return false;
    }
}
