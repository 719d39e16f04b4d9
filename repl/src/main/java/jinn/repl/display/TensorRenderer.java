package jinn.repl.display;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jinn.tensor.Tensor;

/**
 * A tensor as NumPy users know it: summarised values with {@code ...}, then shape; in HTML, a
 * small vector or matrix as a table, anything bigger as that same text.
 */
final class TensorRenderer implements DisplayRenderer {

    /** Tables with more cells than this say little a summary does not, and bloat a notebook. */
    static final int MAX_TABLE_CELLS = 400;

    @Override
    public boolean accepts(Object value) {
        return value instanceof Tensor;
    }

    @Override
    public MimeBundle render(Object value, DisplayContext context) {
        Tensor t = (Tensor) value;
        String text = t.toString();
        return MimeBundle.plain(text).with(MimeBundle.HTML, html(t, text));
    }

    private static String html(Tensor t, String text) {
        int[] shape = t.shape();
        if (shape.length == 0 || shape.length > 2 || t.size() > MAX_TABLE_CELLS) return Html.pre(text);
        int rows = shape.length == 1 ? 1 : shape[0];
        int cols = shape.length == 1 ? shape[0] : shape[1];
        List<List<String>> body = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < cols; c++) row.add(Float.toString(shape.length == 1 ? t.get(c) : t.get(r, c)));
            body.add(row);
        }
        return Html.table("tensor " + Arrays.toString(shape), List.of(), body);
    }
}
