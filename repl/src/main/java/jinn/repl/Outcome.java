package jinn.repl;

import jinn.repl.display.MimeBundle;

/**
 * What one snippet of a cell did.
 *
 * @param kind    what happened
 * @param source  the snippet's source as the engine evaluated it
 * @param name    the variable that holds the value ({@code x}, {@code $1}), or the declared name; may be null
 * @param value   the value object (in-process execution shares the heap), null when none or null itself
 * @param display the text a terminal shows: the rendered value ({@code x ==> ...}), a "created method"
 *                line, or the error message
 * @param bundle  the value's representations (text, HTML, images), null when there is no value
 * @param result  true when the snippet is the kind of code whose value a notebook shows under the
 *                cell: an expression ({@code 6 * 7}, {@code net()}) or a bare variable ({@code x}),
 *                decided from JShell's snippet kinds; false for {@code int a = 20;}, an assignment,
 *                a statement, a value that is null or the stream {@code printf} returns
 * @param line    the line of the cell on which the snippet starts, from 1
 */
public record Outcome(Kind kind, String source, String name, Object value, String display, MimeBundle bundle,
        boolean result, int line) {

    /** An outcome with no value to show, on the cell's first line. */
    public Outcome(Kind kind, String source, String name, Object value, String display) {
        this(kind, source, name, value, display, null, false, 1);
    }

    /** The same outcome, placed on a line of the cell. */
    Outcome at(int cellLine) {
        return new Outcome(kind, source, name, value, display, bundle, result, cellLine);
    }

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
