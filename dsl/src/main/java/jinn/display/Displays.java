package jinn.display;

import java.util.Objects;

/**
 * The one place {@code display(value)} goes through, whichever front end runs the code. jinn's
 * own live output (fit's progress in a notebook, a live loss curve) asks {@link #current()} whether
 * outputs update in place there.
 */
public final class Displays {

    /** Prints each value's {@code toString()} on its own line: what a program without a front end gets. */
    public static final DisplaySink PRINT = new DisplaySink() {
        @Override
        public void show(Object value, String id) {
            System.out.println(value);
        }

        @Override
        public void update(String id, Object value) {
            System.out.println(value);
        }
    };

    private static volatile DisplaySink current = PRINT;

    private Displays() {}

    /** The sink in force: the front end's, or {@link #PRINT}. */
    public static DisplaySink current() {
        return current;
    }

    /** Makes {@code sink} the one {@code display} uses (the last front end to start wins). */
    public static void install(DisplaySink sink) {
        current = Objects.requireNonNull(sink, "sink");
    }

    /** Puts {@link #PRINT} back if {@code sink} is still the one in force. */
    public static void uninstall(DisplaySink sink) {
        if (current == sink) current = PRINT;
    }

    /** Shows {@code value}, optionally under an {@code id} that {@link #update} can later replace. */
    public static void show(Object value, String id) {
        current.show(value, id);
    }

    /** Replaces the output shown under {@code id} (in place where the front end can). */
    public static void update(String id, Object value) {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("updateDisplay: expected the id given to display(value, id), received " + (id == null ? "null" : "a blank id"));
        current.update(id, value);
    }
}
