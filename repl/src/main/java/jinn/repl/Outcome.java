package jinn.repl;

/**
 * What one snippet of a cell did.
 *
 * @param kind    what happened
 * @param source  the snippet's source as the user typed it
 * @param name    the variable that holds the value ({@code x}, {@code $1}), or the declared name; may be null
 * @param value   the value object (in-process execution shares the heap), null when none or null itself
 * @param display the text to show: the rendered value, a "created method" line, or the error message
 */
public record Outcome(Kind kind, String source, String name, Object value, String display) {

    /** The kinds of outcome a front end shows differently. */
    public enum Kind {
        /** An expression or variable with a value to show. */
        VALUE,
        /** A method, class, interface, record or enum was declared. */
        DECLARED,
        /** A statement or import: nothing to show. */
        SILENT,
        /** Compile error, exception, or refusal (System.exit); {@code display} explains it. */
        ERROR,
        /** Stopped by the user (Ctrl-C). */
        INTERRUPTED
    }
}
