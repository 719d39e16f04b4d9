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
    public String render(Object value, DisplayContext context) {
        Net net = value instanceof NetBuilder b ? b.net() : (Net) value;
        return net.summary();
    }
}
