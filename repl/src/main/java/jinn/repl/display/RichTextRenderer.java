package jinn.repl.display;

import jinn.display.RichText;

/** {@code html(...)}, {@code markdown(...)}, {@code latex(...)}: the source under its type, the plain text beside it. */
final class RichTextRenderer implements DisplayRenderer {

    @Override
    public boolean accepts(Object value) {
        return value instanceof RichText;
    }

    @Override
    public MimeBundle render(Object value, DisplayContext context) {
        RichText r = (RichText) value;
        return MimeBundle.plain(r.plainText()).with(r.mimeType(), r.source());
    }
}
