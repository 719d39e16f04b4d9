package jinn.notebook;

/** Something a code cell produced, in the order it produced it. */
public sealed interface Output {

    /** What the cell printed to System.out or System.err. */
    record Text(String text) implements Output {}

    /**
     * The value of an expression, as the REPL displays it, and as HTML where it has a richer form
     * (a tensor, a table, a history, an evaluation).
     *
     * @param text the plain text
     * @param html an HTML fragment made by jinn's renderers, or null
     */
    record Value(String text, String html) implements Output {

        /** A value that is text only. */
        public Value(String text) {
            this(text, null);
        }
    }

    /**
     * A chart or image as PNG bytes, with a text version for terminals and plain-text exports.
     *
     * @param png   the image
     * @param text  a text rendering (a Unicode chart) or a one-line description
     * @param title the chart's title, for alt text and captions; null when it has none
     */
    record Image(byte[] png, String text, String title) implements Output {

        /** An image without a title. */
        public Image(byte[] png, String text) {
            this(png, text, null);
        }
    }

    /** Why the cell failed: the message with the user's line, as {@code FILE:LINE (cell N): message}. */
    record Error(String text) implements Output {}
}
