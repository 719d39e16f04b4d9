package jinn.accel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * C = alpha · A · Bᵀ + beta · C for a small C and a long k, as dot products of rows: a convolution's
 * weight gradient dW [f, c·kH·kW] = dY [f, n·positions] · colsᵀ, where k is every output position of
 * the batch (MNIST's first layer: 16 × 25 entries, k = 36,864). The packed path spent its time there
 * packing (both operands are transposed into panels, and each packed value is used only m or n
 * times) and could not split a C one tile wide over threads; here A's and B's rows are read where they
 * lie, 2 rows of A against 4 of B at a time (8 accumulators, 6 loads per 8 vector multiply-adds). Each
 * entry of C is summed by one thread in one order, so the result does not depend on the thread count.
 */
final class GemmDots {
    private GemmDots() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Whether a call of this shape takes this path: A·Bᵀ, C at most 64 × 64, k long enough to dwarf C. */
    static boolean suits(boolean transA, boolean transB, int m, int n, int k) {
        return !transA && transB && m <= 64 && n <= 64 && k >= 2048 && k >= 16 * (m + n);
    }

    static void gemm(int threads, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int blocks = (m + 1) / 2;
        long macs = (long) m * n * k;
        CpuPool.run(macs < Gemm.PARALLEL_MIN_MACS ? 1 : threads, blocks, blk -> {
            int i0 = 2 * blk, i1 = Math.min(i0 + 1, m - 1);
            for (int j = 0; j < n; j += 4) block(i0, i1, j, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        });
    }

    /** Rows i0 and i1 of C (the same row when m is odd), columns j0 .. j0 + 3 (the last one repeated past n). */
    private static void block(int i0, int i1, int j0, int n, int k, float alpha, float[] a, int aOff, int lda,
                              float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int j1 = Math.min(j0 + 1, n - 1), j2 = Math.min(j0 + 2, n - 1), j3 = Math.min(j0 + 3, n - 1);
        int a0 = aOff + i0 * lda, a1 = aOff + i1 * lda;
        int b0 = bOff + j0 * ldb, b1 = bOff + j1 * ldb, b2 = bOff + j2 * ldb, b3 = bOff + j3 * ldb;
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        int p = 0, end = S.loopBound(k);
        for (; p < end; p += S.length()) {
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + p), x1 = FloatVector.fromArray(S, a, a1 + p);
            FloatVector y = FloatVector.fromArray(S, b, b0 + p);
            s00 = x0.fma(y, s00);
            s10 = x1.fma(y, s10);
            y = FloatVector.fromArray(S, b, b1 + p);
            s01 = x0.fma(y, s01);
            s11 = x1.fma(y, s11);
            y = FloatVector.fromArray(S, b, b2 + p);
            s02 = x0.fma(y, s02);
            s12 = x1.fma(y, s12);
            y = FloatVector.fromArray(S, b, b3 + p);
            s03 = x0.fma(y, s03);
            s13 = x1.fma(y, s13);
        }
        // In lane order, not reduceLanes: its order changes once C2 compiles it, and a CNN's training
        // then depended on how warm the JIT was (two runs of tutorial 08 reached 96.76% and 96.81%).
        float t00 = RowKernels.sumLanes(s00), t01 = RowKernels.sumLanes(s01), t02 = RowKernels.sumLanes(s02), t03 = RowKernels.sumLanes(s03);
        float t10 = RowKernels.sumLanes(s10), t11 = RowKernels.sumLanes(s11), t12 = RowKernels.sumLanes(s12), t13 = RowKernels.sumLanes(s13);
        for (; p < k; p++) {
            float x0 = a[a0 + p], x1 = a[a1 + p], y0 = b[b0 + p], y1 = b[b1 + p], y2 = b[b2 + p], y3 = b[b3 + p];
            t00 += x0 * y0; t01 += x0 * y1; t02 += x0 * y2; t03 += x0 * y3;
            t10 += x1 * y0; t11 += x1 * y1; t12 += x1 * y2; t13 += x1 * y3;
        }
        int width = Math.min(4, n - j0);
        store(c, cOff + i0 * ldc + j0, width, alpha, beta, t00, t01, t02, t03);
        if (i1 != i0) store(c, cOff + i1 * ldc + j0, width, alpha, beta, t10, t11, t12, t13);
    }

    private static void store(float[] c, int at, int width, float alpha, float beta, float t0, float t1, float t2, float t3) {
        put(c, at, alpha, beta, t0);
        if (width > 1) put(c, at + 1, alpha, beta, t1);
        if (width > 2) put(c, at + 2, alpha, beta, t2);
        if (width > 3) put(c, at + 3, alpha, beta, t3);
    }

    /** beta == 0 writes C without reading it (a NaN there does not leak through). */
    private static void put(float[] c, int at, float alpha, float beta, float sum) {
        c[at] = beta == 0f ? alpha * sum : alpha * sum + beta * c[at];
    }
}
