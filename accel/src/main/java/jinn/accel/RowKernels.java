package jinn.accel;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.EXP;
import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.MIN;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Vectorised reductions and the row-wise softmax family. */
final class RowKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private RowKernels() {}

    static void reduce(ReduceOp op, float[] x, int xo, int outer, int len, int inner, float[] out, int oo) {
        if (inner == 1) {
            for (int o = 0; o < outer; o++) out[oo + o] = reduceRow(op, x, xo + o * len, len);
            return;
        }
        for (int o = 0; o < outer; o++) {
            int dst = oo + o * inner, src = xo + o * len * inner;
            if (len == 0) {
                java.util.Arrays.fill(out, dst, dst + inner, identity(op));
                continue;
            }
            System.arraycopy(x, src, out, dst, inner);
            for (int r = 1; r < len; r++) combineInto(op, x, src + r * inner, out, dst, inner);
        }
    }

    private static float identity(ReduceOp op) {
        return switch (op) {
            case SUM -> 0f;
            case MAX -> Float.NEGATIVE_INFINITY;
            case MIN -> Float.POSITIVE_INFINITY;
        };
    }

    /** out[i] = op(out[i], x[i]) for i in [0, n). */
    private static void combineInto(ReduceOp op, float[] x, int xo, float[] out, int oo, int n) {
        int i = 0, end = S.loopBound(n);
        switch (op) {
            case SUM -> { for (; i < end; i += L) v(out, oo + i).add(v(x, xo + i)).intoArray(out, oo + i); }
            case MAX -> { for (; i < end; i += L) v(out, oo + i).max(v(x, xo + i)).intoArray(out, oo + i); }
            case MIN -> { for (; i < end; i += L) v(out, oo + i).min(v(x, xo + i)).intoArray(out, oo + i); }
        }
        for (; i < n; i++) {
            float a = out[oo + i], b = x[xo + i];
            out[oo + i] = switch (op) {
                case SUM -> a + b;
                case MAX -> Math.max(a, b);
                case MIN -> Math.min(a, b);
            };
        }
    }

    /** op over x[xo .. xo+n). Sums use four accumulators, which also keeps rounding error low. */
    static float reduceRow(ReduceOp op, float[] x, int xo, int n) {
        float init = identity(op);
        if (n < L) {
            // Shorter than a vector: no vector is made at all (one per row is one C2 may box).
            float s = init;
            for (int i = 0; i < n; i++) {
                float b = x[xo + i];
                s = switch (op) {
                    case SUM -> s + b;
                    case MAX -> Math.max(s, b);
                    case MIN -> Math.min(s, b);
                };
            }
            return s;
        }
        int i = 0, end4 = n - n % (4 * L), end = S.loopBound(n);
        FloatVector a0 = FloatVector.broadcast(S, init), a1 = a0, a2 = a0, a3 = a0;
        switch (op) {
            case SUM -> {
                for (; i < end4; i += 4 * L) {
                    a0 = a0.add(v(x, xo + i));
                    a1 = a1.add(v(x, xo + i + L));
                    a2 = a2.add(v(x, xo + i + 2 * L));
                    a3 = a3.add(v(x, xo + i + 3 * L));
                }
                for (; i < end; i += L) a0 = a0.add(v(x, xo + i));
                float s = sumLanes(a0.add(a1).add(a2.add(a3)));
                for (; i < n; i++) s += x[xo + i];
                return s;
            }
            case MAX -> {
                for (; i < end; i += L) a0 = a0.max(v(x, xo + i));
                float s = a0.reduceLanes(MAX);
                for (; i < n; i++) s = Math.max(s, x[xo + i]);
                return s;
            }
            case MIN -> {
                for (; i < end; i += L) a0 = a0.min(v(x, xo + i));
                float s = a0.reduceLanes(MIN);
                for (; i < n; i++) s = Math.min(s, x[xo + i]);
                return s;
            }
        }
        throw new AssertionError(op);
    }

    /**
     * Writes exp(x[i] - shift) to out and returns their sum: the shared middle step of softmax and
     * softmax cross-entropy.
     */
    private static double expShifted(float[] x, int xo, float shift, float[] out, int oo, int n) {
        // Math.exp, not lanewise(EXP): see Elementwise.map on why results must not depend on warm-up.
        double s = 0;
        for (int i = 0; i < n; i++) {
            float e = (float) Math.exp(x[xo + i] - shift);
            out[oo + i] = e;
            s += e;
        }
        return s;
    }

    /**
     * The softmax family is scalar on purpose: a row's Math.exp calls cost far more than its max and
     * scaling, and a vector used once per row (a MNIST row of 10 is shorter than one AVX-512 vector)
     * is a vector C2 may box at every row when it compiles the caller differently (under load, after
     * other shapes): a prediction must leave only its output whatever the compilation.
     */
    static void softmax(float[] x, int xo, int rows, int cols, float[] out, int oo, boolean log) {
        for (int r = 0; r < rows; r++) {
            int row = xo + r * cols, orow = oo + r * cols;
            float max = rowMax(x, row, cols);
            if (log) {
                // exp values are only needed for their sum; out is overwritten right after.
                float shift = max + (float) Math.log(expShifted(x, row, max, out, orow, cols));
                for (int i = 0; i < cols; i++) out[orow + i] = x[row + i] - shift;
            } else {
                float inv = (float) (1.0 / expShifted(x, row, max, out, orow, cols));
                scaleInPlace(out, orow, cols, inv);
            }
        }
    }

    static float softmaxCrossEntropy(float[] logits, int off, int rows, int cols, int[] labels,
                                     float[] grad, int gradOff, float gradScale) {
        if (labels.length < rows) {
            throw new IllegalArgumentException("softmaxCrossEntropy: expected " + rows + " labels (one per row), received "
                    + labels.length);
        }
        ClassLabels.check("softmaxCrossEntropy", labels, rows, cols);
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            int label = labels[r];
            int row = off + r * cols;
            float max = rowMax(logits, row, cols);
            double sum;
            if (grad != null) {
                int grow = gradOff + r * cols;
                sum = expShifted(logits, row, max, grad, grow, cols);
                scaleInPlace(grad, grow, cols, (float) (gradScale / sum));
                grad[grow + label] -= gradScale;
            } else {
                sum = sumExpShifted(logits, row, max, cols);
            }
            loss += Math.log(sum) - (logits[row + label] - max);
        }
        return (float) loss;
    }

    private static double sumExpShifted(float[] x, int xo, float shift, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += Math.exp(x[xo + i] - shift);
        return s;
    }

    /**
     * The lanes' sum in lane order. reduceLanes(ADD) may add in a different order once C2
     * intrinsifies it, which made results depend on how warm the JIT was. For every preferred-width
     * vector the kernels sum (GemmDots adds its own the same way, from an array).
     */
    static float sumLanes(FloatVector v) {
        float s = 0;
        for (int l = 0; l < L; l++) s += v.lane(l);
        return s;
    }

    private static void scaleInPlace(float[] x, int xo, int n, float f) {
        for (int i = 0; i < n; i++) x[xo + i] *= f;
    }

    /** The largest of x[xo .. xo+n), as reduceRow(MAX) gives it (-infinity for none), without vectors. */
    private static float rowMax(float[] x, int xo, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) m = Math.max(m, x[xo + i]);
        return m;
    }

    private static FloatVector v(float[] x, int at) {
        return FloatVector.fromArray(S, x, at);
    }
}
