package jinn.tensor;

import java.util.Locale;

/**
 * NumPy-style printing: nested brackets aligned under each other, one number format for the
 * whole tensor, and long axes summarised with "..." so a 60000×784 tensor prints in a few lines.
 */
final class TensorFormat {
    /** Above this many values, each axis shows only its first and last EDGE entries. */
    static final int SUMMARY_THRESHOLD = 1000;
    static final int EDGE = 3;

    private TensorFormat() {}

    static String format(Tensor t) {
        float[] v = t.toArray();
        int[] shape = t.shape;
        boolean summarise = v.length > SUMMARY_THRESHOLD;
        String prefix = "tensor(";
        StringBuilder sb = new StringBuilder(prefix);
        NumberStyle style = NumberStyle.of(v, shape, summarise);
        if (shape.length == 0) {
            sb.append(style.format(v[0]));
        } else {
            int[] strides = Shapes.contiguousStrides(shape);
            appendAxis(sb, v, shape, strides, 0, 0, style, summarise, prefix.length());
        }
        sb.append(", shape=").append(Shapes.str(shape)).append(", dtype=").append(t.dtype());
        if (t.requiresGrad()) sb.append(", requiresGrad=true");
        else if (t.op() != null) sb.append(", op=").append(t.op());
        return sb.append(')').toString();
    }

    private static void appendAxis(StringBuilder sb, float[] v, int[] shape, int[] strides, int axis, int base,
                                   NumberStyle style, boolean summarise, int indent) {
        int n = shape[axis];
        sb.append('[');
        boolean last = axis == shape.length - 1;
        for (int i = 0; i < n; i++) {
            if (summarise && n > 2 * EDGE && i == EDGE) {
                sb.append("...");
                i = n - EDGE - 1;
                if (last) sb.append(", ");
                else sb.append(",\n".repeat(shape.length - axis - 1)).append(" ".repeat(indent + axis + 1));
                continue;
            }
            if (last) {
                sb.append(style.format(v[base + i]));
                if (i < n - 1) sb.append(", ");
            } else {
                appendAxis(sb, v, shape, strides, axis + 1, base + i * strides[axis], style, summarise, indent);
                if (i < n - 1) sb.append(",\n".repeat(shape.length - axis - 1)).append(" ".repeat(indent + axis + 1));
            }
        }
        sb.append(']');
    }

    /** One format for every printed value, so columns line up. */
    private record NumberStyle(String pattern, boolean integral, int width) {
        static NumberStyle of(float[] v, int[] shape, boolean summarise) {
            boolean integral = true;
            double maxAbs = 0, minAbs = Double.MAX_VALUE;
            for (float x : v) {
                if (!Float.isFinite(x)) continue;
                if (x != Math.rint(x)) integral = false;
                double a = Math.abs(x);
                maxAbs = Math.max(maxAbs, a);
                if (a > 0) minAbs = Math.min(minAbs, a);
            }
            String pattern;
            if (integral && maxAbs < 1e8) pattern = "int";
            else if (maxAbs >= 1e5 || (minAbs < 1e-4 && minAbs != Double.MAX_VALUE)) pattern = "%.4e";
            else pattern = "%.4f";
            NumberStyle probe = new NumberStyle(pattern, integral, 0);
            int w = 0;
            for (float x : v) w = Math.max(w, probe.raw(x).length());
            return new NumberStyle(pattern, integral, w);
        }

        String raw(float x) {
            if (Float.isNaN(x)) return "nan";
            if (Float.isInfinite(x)) return x > 0 ? "inf" : "-inf";
            if (pattern.equals("int")) return ((long) x) + ".";
            return String.format(Locale.ROOT, pattern, x);
        }

        String format(float x) {
            String s = raw(x);
            return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
        }
    }
}
