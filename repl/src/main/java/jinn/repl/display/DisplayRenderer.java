package jinn.repl.display;

/**
 * Shows one kind of value for people, as a {@link MimeBundle}: a tensor as summarised text and an
 * HTML table, a network as its summary, a chart as a text chart, a PNG and an SVG. The front end
 * picks from the bundle what it can show (see {@link TerminalDisplay} for the terminal's choice).
 *
 * <p>Other modules add renderers without the REPL knowing their types: list the class in
 * {@code META-INF/services/jinn.repl.display.DisplayRenderer}. The one with the highest
 * {@link #priority()} among those that {@link #accepts} a value wins; built-in renderers use 0.
 */
public interface DisplayRenderer {

    /** True when this renderer knows how to draw {@code value} (never null). */
    boolean accepts(Object value);

    /**
     * The value's representations. The text/plain may span several lines and, when the context
     * allows ({@link DisplayContext#ansi()}), hold colour codes; never inline-image escapes, which
     * are the terminal's choice from the bundle's image.
     */
    MimeBundle render(Object value, DisplayContext context);

    /** Higher wins when several renderers accept a value. */
    default int priority() {
        return 0;
    }
}
