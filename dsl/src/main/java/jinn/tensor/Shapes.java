package jinn.tensor;

import java.util.Arrays;

/** Shape arithmetic and the error messages that go with it. */
final class Shapes {
    private Shapes() {}

    static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n *= d;
        }
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^31 elements");
        return (int) n;
    }

    static int[] contiguousStrides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** NumPy broadcasting of two shapes, or an error naming the op, both shapes and the axis. */
    static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": cannot broadcast " + Arrays.toString(a) + " with "
                        + Arrays.toString(b) + ": axis " + i + " has sizes " + da + " and " + db
                        + " (sizes must match or one of them must be 1)");
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    /** Strides of a contiguous tensor of shape {@code in} read as if broadcast to {@code out}: 0 on stretched axes. */
    static int[] broadcastStrides(int[] in, int[] out) {
        int[] own = contiguousStrides(in);
        int[] s = new int[out.length];
        int shift = out.length - in.length;
        for (int i = 0; i < out.length; i++) {
            if (i < shift) s[i] = 0;
            else s[i] = in[i - shift] == 1 && out[i] != 1 ? 0 : own[i - shift];
        }
        return s;
    }

    static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for a tensor of rank " + rank
                    + " (valid: " + (-rank) + " to " + (rank - 1) + ")");
        }
        return a;
    }

    static String str(int[] shape) {
        return Arrays.toString(shape);
    }
}
