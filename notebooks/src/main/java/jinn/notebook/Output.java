package jinn.notebook;

/** Something a code cell produced, in the order it produced it. */
public sealed interface Output {

    /** What the cell printed to System.out or System.err. */
    record Text(String text) implements Output {}

    /** The value of an expression, as the REPL displays it. */
    record Value(String text) implements Output {}

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
