package jinn.repl.display;

import java.lang.reflect.Array;

/**
 * Java arrays, summarised: JShell prints every element, which floods the screen for an MNIST image
 * row or a weight vector. Long arrays show their head and tail, as NumPy does.
 */
final class ArrayRenderer implements DisplayRenderer {

    static final int HEAD = 6;
    static final int TAIL = 3;

    @Override
    public boolean accepts(Object value) {
        return value.getClass().isArray();
    }

    @Override
    public MimeBundle render(Object value, DisplayContext context) {
        return MimeBundle.plain(text(value));
    }

    static String text(Object value) {
        int n = Array.getLength(value);
        StringBuilder sb = new StringBuilder(value.getClass().getComponentType().getSimpleName())
                .append('[').append(n).append("] { ");
        if (n <= HEAD + TAIL) {
            for (int i = 0; i < n; i++) sb.append(i > 0 ? ", " : "").append(element(value, i));
        } else {
            for (int i = 0; i < HEAD; i++) sb.append(i > 0 ? ", " : "").append(element(value, i));
            sb.append(", ...");
            for (int i = n - TAIL; i < n; i++) sb.append(", ").append(element(value, i));
        }
        return sb.append(" }").toString();
    }

    private static String element(Object array, int i) {
        Object e = Array.get(array, i);
        if (e != null && e.getClass().isArray()) return text(e);
        if (e instanceof String s) return '"' + s + '"';
        return String.valueOf(e);
    }
}
