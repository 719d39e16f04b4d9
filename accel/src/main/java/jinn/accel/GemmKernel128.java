package jinn.accel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** 128-bit vectors (SSE, NEON): a 6×8 tile, 12 accumulators. */
final class GemmKernel128 extends GemmKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_128;
    private static final int L = 4;

    GemmKernel128() { super(128, 6, 8, 256, 120, 2048); }

    @Override
    void tile(int kc, float[] a, int ai, float[] b, int bi, int bStep, float[] c, int ci, int ldc, boolean add) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        // pa and pb step along as induction variables, for the reason given in GemmKernel256.
        for (int pa = ai, pb = bi, end = ai + kc * 6; pa < end; pa += 6, pb += 8) {
            FloatVector b0 = FloatVector.fromArray(S, b, pb + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, b, pb + 1 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[pa + 0]);
            c00 = fma(a0, b0, c00);
            c01 = fma(a0, b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[pa + 1]);
            c10 = fma(a1, b0, c10);
            c11 = fma(a1, b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[pa + 2]);
            c20 = fma(a2, b0, c20);
            c21 = fma(a2, b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[pa + 3]);
            c30 = fma(a3, b0, c30);
            c31 = fma(a3, b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[pa + 4]);
            c40 = fma(a4, b0, c40);
            c41 = fma(a4, b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[pa + 5]);
            c50 = fma(a5, b0, c50);
            c51 = fma(a5, b1, c51);
        }
        store(c00, c, ci + 0 * ldc + 0 * L, add);
        store(c01, c, ci + 0 * ldc + 1 * L, add);
        store(c10, c, ci + 1 * ldc + 0 * L, add);
        store(c11, c, ci + 1 * ldc + 1 * L, add);
        store(c20, c, ci + 2 * ldc + 0 * L, add);
        store(c21, c, ci + 2 * ldc + 1 * L, add);
        store(c30, c, ci + 3 * ldc + 0 * L, add);
        store(c31, c, ci + 3 * ldc + 1 * L, add);
        store(c40, c, ci + 4 * ldc + 0 * L, add);
        store(c41, c, ci + 4 * ldc + 1 * L, add);
        store(c50, c, ci + 5 * ldc + 0 * L, add);
        store(c51, c, ci + 5 * ldc + 1 * L, add);
    }

    private static void store(FloatVector v, float[] c, int at, boolean add) {
        (add ? v.add(FloatVector.fromArray(S, c, at)) : v).intoArray(c, at);
    }
}
