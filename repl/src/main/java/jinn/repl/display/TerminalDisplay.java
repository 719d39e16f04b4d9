package jinn.repl.display;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import jinn.plot.InlineImages;
import jinn.plot.TerminalKind;

/**
 * What a terminal prints for a {@link MimeBundle}: the image where the terminal draws images
 * (kitty, iTerm2, sixel) and the bundle has one, the plain text everywhere else. The terminal
 * detection and the encodings belong to {@code jinn.plot}; this only chooses.
 */
public final class TerminalDisplay {

    private TerminalDisplay() {}

    /** The text to print for {@code bundle} in {@code context}, as this terminal is detected. */
    public static String text(MimeBundle bundle, DisplayContext context) {
        return text(bundle, context, TerminalKind.detect());
    }

    /**
     * As {@link #text(MimeBundle, DisplayContext)} for a terminal of the given kind. Pipes, logs and
     * dumb terminals ({@code context.ansi()} false) get text; {@code JINN_PLOT=none} (kind NONE)
     * shows no image at all, and says so.
     */
    public static String text(MimeBundle bundle, DisplayContext context, TerminalKind kind) {
        if (!bundle.has(MimeBundle.PNG)) return bundle.plain();
        if (kind == TerminalKind.NONE) return "(chart not shown: JINN_PLOT=none)";
        if (!context.ansi()) return bundle.plain();
        return switch (kind) {
            case KITTY -> InlineImages.kitty(bundle.bytes(MimeBundle.PNG).orElseThrow()).stripTrailing();
            case ITERM -> InlineImages.iterm(bundle.bytes(MimeBundle.PNG).orElseThrow()).stripTrailing();
            case SIXEL -> sixel(bundle);
            case TEXT, NONE -> bundle.plain();
        };
    }

    private static String sixel(MimeBundle bundle) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bundle.bytes(MimeBundle.PNG).orElseThrow()));
            return image == null ? bundle.plain() : InlineImages.sixel(image).stripTrailing();
        } catch (IOException e) {
            return bundle.plain();
        }
    }
}
