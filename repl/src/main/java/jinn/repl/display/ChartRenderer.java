package jinn.repl.display;

import jinn.plot.Chart;

/**
 * A chart as a Unicode text chart (the plain text), a PNG and an SVG. The images are made only when
 * a front end asks for them: a text terminal never pays for them. Which one is shown where is the
 * front end's choice ({@link TerminalDisplay} for the terminal).
 */
final class ChartRenderer implements DisplayRenderer {

    /** Rows of the text chart. */
    static final int TEXT_ROWS = 18;

    @Override
    public boolean accepts(Object value) {
        return value instanceof Chart;
    }

    @Override
    public MimeBundle render(Object value, DisplayContext context) {
        Chart chart = (Chart) value;
        int width = Math.max(40, Math.min(context.width() - 1, 120));
        return MimeBundle.plain(chart.text(width, TEXT_ROWS, context.ansi()).stripTrailing())
                .withLazyBytes(MimeBundle.PNG, chart::toPng)
                .withLazyText(MimeBundle.SVG, chart::toSvg)
                .withTitle(chart.title());
    }
}
