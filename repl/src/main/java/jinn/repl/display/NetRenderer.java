package jinn.repl.display;

import jinn.nn.Net;
import jinn.nn.NetBuilder;

/** A network (or a recipe still being built) as its summary table: layer, type, output shape, parameters. */
final class NetRenderer implements DisplayRenderer {

    @Override
    public boolean accepts(Object value) {
        return value instanceof Net || value instanceof NetBuilder;
    }

    @Override
    public MimeBundle render(Object value, DisplayContext context) {
        String text = text(value);
        // The summary's columns are aligned with spaces: monospace keeps them aligned in a notebook.
        return MimeBundle.plain(text).with(MimeBundle.HTML, Html.pre(text));
    }

    private static String text(Object value) {
        if (value instanceof Net net) return net.summary();
        try {
            return ((NetBuilder) value).net().summary();
        } catch (IllegalStateException e) {
            // net() with no layers yet: the recipe is fine, it just cannot be built
            return "a network recipe with no layers yet (" + e.getMessage() + ")";
        }
    }
}
