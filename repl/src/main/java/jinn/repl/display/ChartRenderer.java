package jinn.repl.display;

import jinn.plot.Chart;
import jinn.plot.InlineImages;
import jinn.plot.TerminalKind;

/**
 * A chart, inline: an image (kitty, iTerm2, sixel) where the terminal shows images, a Unicode
 * text chart elsewhere. The terminal detection and the encodings belong to {@code jinn.plot}; this
 * only decides, from the display context, whether escape codes may be written at all.
 */
final class ChartRenderer implements DisplayRenderer {

    @Override
    public boolean accepts(Object value) {
        return value instanceof Chart;
    }

    @Override
    public String render(Object value, DisplayContext context) {
        TerminalKind detected = TerminalKind.detect();
        // Pipes, logs and dumb terminals get text; JINN_PLOT=none still means nothing at all.
        TerminalKind kind = context.ansi() || detected == TerminalKind.NONE ? detected : TerminalKind.TEXT;
        String shown = InlineImages.render((Chart) value, kind, context.width(), context.ansi());
        return shown.stripTrailing().isEmpty() ? "(chart not shown: JINN_PLOT=none)" : shown.stripTrailing();
    }
}
