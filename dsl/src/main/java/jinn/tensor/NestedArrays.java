package jinn.tensor;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/** Turns Java arrays of any nesting ({@code double[][]}, {@code float[]}, {@code int[][][]}...) into tensors. */
final class NestedArrays {
    private NestedArrays() {}

    static Tensor toTensor(Object nested) {
        if (nested == null) throw new IllegalArgumentException("tensor: got null instead of an array or a number");
        if (nested instanceof Tensor t) return Tensor.of(t.toArray(), t.shape);
        if (nested instanceof Number n) return Tensor.scalar(n.floatValue());
        if (!nested.getClass().isArray()) {
            throw new IllegalArgumentException("tensor: expected a number or a Java array (e.g. new double[][]{{1, 2}, {3, 4}}), got a "
                    + nested.getClass().getSimpleName());
        }
        List<Integer> dims = new ArrayList<>();
        Object probe = nested;
        while (probe != null && probe.getClass().isArray()) {
            int len = Array.getLength(probe);
            dims.add(len);
            if (len == 0) break;
            probe = Array.get(probe, 0);
        }
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        float[] out = new float[Shapes.size(shape)];
        int[] at = {0};
        fill(nested, shape, 0, out, at, "");
        return Tensor.of(out, shape);
    }

    private static void fill(Object arr, int[] shape, int axis, float[] out, int[] at, String path) {
        int len = Array.getLength(arr);
        if (len != shape[axis]) {
            throw new IllegalArgumentException("tensor: ragged array: row " + path + " has " + len + " entries but row "
                    + "[0]".repeat(axis) + " has " + shape[axis] + "; every row at one depth must have the same length");
        }
        boolean leaf = axis == shape.length - 1;
        for (int i = 0; i < len; i++) {
            Object e = Array.get(arr, i);
            if (leaf) {
                if (!(e instanceof Number n)) {
                    throw new IllegalArgumentException("tensor: element " + path + "[" + i + "] is "
                            + (e == null ? "null" : "a " + e.getClass().getSimpleName()) + ", expected a number"
                            + (e != null && e.getClass().isArray() ? " (the array is nested deeper here than in its first row)" : ""));
                }
                out[at[0]++] = n.floatValue();
            } else {
                if (e == null || !e.getClass().isArray()) {
                    throw new IllegalArgumentException("tensor: ragged array: element " + path + "[" + i
                            + "] is not an array but the first row is nested " + (shape.length - axis - 1) + " deeper");
                }
                fill(e, shape, axis + 1, out, at, path + "[" + i + "]");
            }
        }
    }
}
