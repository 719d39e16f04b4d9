package jinn.repl.display;

/**
 * Draws one kind of value for people: a tensor as a summarised array, a network as its summary
 * table, a chart as an inline image or a text chart.
 *
 * <p>Other modules add renderers without the REPL knowing their types: list the class in
 * {@code META-INF/services/jinn.repl.display.DisplayRenderer}. The one with the highest
 * {@link #priority()} among those that {@link #accepts} a value wins; built-in renderers use 0.
 */
public interface DisplayRenderer {

    /** True when this renderer knows how to draw {@code value} (never null). */
    boolean accepts(Object value);

    /** The text shown for {@code value}; may span several lines and, when the context allows, hold escape codes. */
    String render(Object value, DisplayContext context);

    /** Higher wins when several renderers accept a value. */
    default int priority() {
        return 0;
    }
}
