package jinn.repl.display;

/**
 * Where a value is drawn.
 *
 * @param width  columns available, for wrapping and summarising
 * @param ansi   whether escape codes (colour, inline images) reach a terminal that understands them;
 *               false for pipes, dumb terminals, logs and tests
 */
public record DisplayContext(int width, boolean ansi) {

    /** Plain text of the given width: what pipes, files and tests get. */
    public static DisplayContext plain(int width) {
        return new DisplayContext(width, false);
    }
}
