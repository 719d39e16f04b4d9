package jinn.repl.display;

import jinn.tensor.Tensor;

/** A tensor as NumPy users know it: summarised values with {@code ...}, then shape. */
final class TensorRenderer implements DisplayRenderer {

    @Override
    public boolean accepts(Object value) {
        return value instanceof Tensor;
    }

    @Override
    public String render(Object value, DisplayContext context) {
        return value.toString();
    }
}
