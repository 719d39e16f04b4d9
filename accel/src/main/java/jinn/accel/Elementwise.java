package jinn.accel;

import static jdk.incubator.vector.VectorOperators.ABS;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.EXP;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LOG;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.POW;
import static jdk.incubator.vector.VectorOperators.SQRT;
import static jdk.incubator.vector.VectorOperators.TANH;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorised elementwise kernels. Each op has its own loop (the switch sits outside it) so the JIT
 * sees one constant vector operation per loop and keeps every vector in a register. Tails shorter
 * than a vector go through {@link ScalarBackend}'s definitions, which these loops must agree with.
 */
final class Elementwise {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private Elementwise() {}

    static void map(UnaryOp op, float p, float[] x, int xo, float[] y, int yo, int n) {
        int i = 0, end = S.loopBound(n);
        // Constant vectors are made inside the cases that use them, not live across the whole switch,
        // where a trap or an unusual compilation of one case would box them on every call.
        switch (op) {
            case IDENTITY -> {
                System.arraycopy(x, xo, y, yo, n);
                return;
            }
            case NEG -> { for (; i < end; i += L) v(x, xo + i).neg().intoArray(y, yo + i); }
            case ABS -> { for (; i < end; i += L) v(x, xo + i).lanewise(ABS).intoArray(y, yo + i); }
            // Transcendentals go through Math (the scalar tail below) on purpose: the Vector API's
            // lanewise EXP/LOG/POW/TANH give different last bits once C2 swaps in its vector math
            // library, so the same seed trained to different weights before and after warm-up.
            case EXP, LOG, POW, SIGMOID, TANH -> i = 0;
            case SQRT -> { for (; i < end; i += L) v(x, xo + i).lanewise(SQRT).intoArray(y, yo + i); }
            case SQUARE -> {
                for (; i < end; i += L) {
                    FloatVector v = v(x, xo + i);
                    v.mul(v).intoArray(y, yo + i);
                }
            }
            case RECIPROCAL -> {
                FloatVector one = FloatVector.broadcast(S, 1f);
                for (; i < end; i += L) one.div(v(x, xo + i)).intoArray(y, yo + i);
            }
            case SCALE -> { for (; i < end; i += L) v(x, xo + i).mul(p).intoArray(y, yo + i); }
            case ADD_SCALAR -> { for (; i < end; i += L) v(x, xo + i).add(p).intoArray(y, yo + i); }
            case RELU -> {
                FloatVector zero = FloatVector.zero(S);
                for (; i < end; i += L) {
                    FloatVector v = v(x, xo + i);
                    zero.blend(v, v.compare(GT, 0f)).intoArray(y, yo + i);
                }
            }
            case LEAKY_RELU -> {
                for (; i < end; i += L) {
                    FloatVector v = v(x, xo + i);
                    v.mul(p).blend(v, v.compare(GT, 0f)).intoArray(y, yo + i);
                }
            }
            case STEP -> {
                FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
                for (; i < end; i += L) zero.blend(one, v(x, xo + i).compare(GE, 0f)).intoArray(y, yo + i);
            }
        }
        for (; i < n; i++) y[yo + i] = ScalarBackend.apply(op, p, x[xo + i]);
    }

    static void mapBackward(UnaryOp op, float p, float[] x, int xo, float[] y, int yo,
                            float[] dy, int dyo, float[] dx, int dxo, int n) {
        if (op == UnaryOp.STEP) {
            throw new UnsupportedOperationException("step has no gradient: it is flat everywhere except a jump at 0");
        }
        int i = 0, end = S.loopBound(n);
        FloatVector zero = FloatVector.zero(S), one = FloatVector.broadcast(S, 1f);
        switch (op) {
            case IDENTITY, ADD_SCALAR -> { for (; i < end; i += L) acc(dx, dxo + i, v(dy, dyo + i)); }
            case NEG -> { for (; i < end; i += L) v(dx, dxo + i).sub(v(dy, dyo + i)).intoArray(dx, dxo + i); }
            case ABS -> {
                FloatVector minusOne = one.neg();
                for (; i < end; i += L) {
                    FloatVector xv = v(x, xo + i);
                    FloatVector d = zero.blend(one, xv.compare(GT, 0f)).blend(minusOne, xv.compare(LT, 0f));
                    acc(dx, dxo + i, v(dy, dyo + i).mul(d));
                }
            }
            case EXP -> { for (; i < end; i += L) acc(dx, dxo + i, v(dy, dyo + i).mul(v(y, yo + i))); }
            case LOG -> { for (; i < end; i += L) acc(dx, dxo + i, v(dy, dyo + i).mul(one.div(v(x, xo + i)))); }
            case RECIPROCAL -> {
                for (; i < end; i += L) {
                    FloatVector yv = v(y, yo + i);
                    acc(dx, dxo + i, v(dy, dyo + i).mul(yv.neg().mul(yv)));
                }
            }
            case SQRT -> {
                FloatVector half = FloatVector.broadcast(S, 0.5f);
                for (; i < end; i += L) acc(dx, dxo + i, v(dy, dyo + i).mul(half.div(v(y, yo + i))));
            }
            case SQUARE -> { for (; i < end; i += L) acc(dx, dxo + i, v(dy, dyo + i).mul(v(x, xo + i).mul(2f))); }
            case POW -> i = 0;   // through Math.pow in the scalar tail, as in map
            case SCALE -> { for (; i < end; i += L) acc(dx, dxo + i, v(dy, dyo + i).mul(p)); }
            case SIGMOID -> {
                for (; i < end; i += L) {
                    FloatVector yv = v(y, yo + i);
                    acc(dx, dxo + i, v(dy, dyo + i).mul(yv.mul(one.sub(yv))));
                }
            }
            case TANH -> {
                for (; i < end; i += L) {
                    FloatVector yv = v(y, yo + i);
                    acc(dx, dxo + i, v(dy, dyo + i).mul(one.sub(yv.mul(yv))));
                }
            }
            case RELU -> {
                for (; i < end; i += L) acc(dx, dxo + i, v(dy, dyo + i).mul(zero.blend(one, v(x, xo + i).compare(GT, 0f))));
            }
            case LEAKY_RELU -> {
                FloatVector slope = FloatVector.broadcast(S, p);
                for (; i < end; i += L) acc(dx, dxo + i, v(dy, dyo + i).mul(slope.blend(one, v(x, xo + i).compare(GT, 0f))));
            }
            case STEP -> throw new AssertionError("handled above");
        }
        for (; i < n; i++) {
            dx[dxo + i] += dy[dyo + i] * ScalarBackend.derivative(op, p, x[xo + i], y[yo + i]);
        }
    }

    static void zip(BinaryOp op, int n, float[] a, int ao, int aInc, float[] b, int bo, int bInc,
                    float[] out, int oo) {
        if ((aInc != 0 && aInc != 1) || (bInc != 0 && bInc != 1)) {
            throw new IllegalArgumentException("zip " + op + ": increments must be 0 (broadcast) or 1, received aInc="
                    + aInc + ", bInc=" + bInc);
        }
        if (n <= 0) return;
        if (aInc == 0 && bInc == 0) {
            java.util.Arrays.fill(out, oo, oo + n, ScalarBackend.apply(op, a[ao], b[bo]));
            return;
        }
        int i = 0, end = S.loopBound(n);
        if (aInc == 1 && bInc == 1) {
            for (; i < end; i += L) apply(op, v(a, ao + i), v(b, bo + i)).intoArray(out, oo + i);
        } else if (aInc == 0) {
            FloatVector av = FloatVector.broadcast(S, a[ao]);
            for (; i < end; i += L) apply(op, av, v(b, bo + i)).intoArray(out, oo + i);
        } else {
            FloatVector bv = FloatVector.broadcast(S, b[bo]);
            for (; i < end; i += L) apply(op, v(a, ao + i), bv).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = ScalarBackend.apply(op, a[ao + i * aInc], b[bo + i * bInc]);
    }

    /** Small and branch-only on a loop invariant, so C2 inlines it and unswitches the loop. */
    private static FloatVector apply(BinaryOp op, FloatVector a, FloatVector b) {
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case DIV -> a.div(b);
            case MAX -> a.max(b);
            case MIN -> a.min(b);
            case EQ -> FloatVector.zero(S).blend(1f, a.compare(EQ, b));
            case GT -> FloatVector.zero(S).blend(1f, a.compare(GT, b));
        };
    }

    private static FloatVector v(float[] x, int at) {
        return FloatVector.fromArray(S, x, at);
    }

    private static void acc(float[] dx, int at, FloatVector add) {
        v(dx, at).add(add).intoArray(dx, at);
    }
}
