package jinn.accel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * C = alpha · A · Bᵀ + beta · C for a small C and a long k, as dot products of rows: a convolution's
 * weight gradient dW [f, c·kH·kW] = dY [f, n·positions] · colsᵀ, where k is every output position of
 * the batch (MNIST's first layer: 16 × 25 entries, k = 36,864). The packed path spent its time there
 * packing (both operands are transposed into panels, and each packed value is used only m or n
 * times) and could not split a C one tile wide over threads; here A's and B's rows are read where they
 * lie, 4 rows of A against 4 of B at a time (16 accumulators, 8 loads per 16 vector multiply-adds: with
 * 2 rows of A, 6 loads per 8, the path ran at 24 GMAC/s on a Zen 4 core). Each
 * entry of C is summed by one thread in one order, so the result does not depend on the thread count.
 */
final class GemmDots {
    private GemmDots() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /**
     * Whether a call of this shape takes this path: A·Bᵀ, k at least 2048, and C at most 64 × 64 with k
     * long enough to dwarf it, or up to 64 × 512: the second MNIST convolution's dW, 32 × 400 with k =
     * 4096 for a batch of 64 (cols, 6.5 MB, comes from memory, and the packed path transposed all of it
     * to use each value 32 times: CNN training ran 1.04× faster here, one thread).
     */
    static boolean suits(boolean transA, boolean transB, int m, int n, int k) {
        return !transA && transB && m <= 64 && n <= 512 && k >= 2048 && (n > 64 || k >= 16 * (m + n));
    }

    static void gemm(int threads, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        long macs = (long) m * n * k;
        if (n > 64) {
            // B's rows (a wide C's) in the outer loop: each block of 4 is read once, from memory, while
            // A's rows (at most 64) are read again for every block, from the cache.
            CpuPool.run(macs < Gemm.PARALLEL_MIN_MACS ? 1 : threads, (n + 3) / 4, blk -> {
                int j0 = 4 * blk;
                for (int i = 0; i < m; i += 4) block(i, m, j0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            });
            return;
        }
        int blocks = (m + 3) / 4;
        CpuPool.run(macs < Gemm.PARALLEL_MIN_MACS ? 1 : threads, blocks, blk -> {
            int i0 = 4 * blk;
            for (int j = 0; j < n; j += 4) block(i0, m, j, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        });
    }

    /** Rows i0 .. i0 + 3 of C and columns j0 .. j0 + 3 (the last row or column repeated past m or n). */
    private static void block(int i0, int m, int j0, int n, int k, float alpha, float[] a, int aOff, int lda,
                              float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int i1 = Math.min(i0 + 1, m - 1), i2 = Math.min(i0 + 2, m - 1), i3 = Math.min(i0 + 3, m - 1);
        int j1 = Math.min(j0 + 1, n - 1), j2 = Math.min(j0 + 2, n - 1), j3 = Math.min(j0 + 3, n - 1);
        int a0 = aOff + i0 * lda, a1 = aOff + i1 * lda, a2 = aOff + i2 * lda, a3 = aOff + i3 * lda;
        int b0 = bOff + j0 * ldb, b1 = bOff + j1 * ldb, b2 = bOff + j2 * ldb, b3 = bOff + j3 * ldb;
        FloatVector z = FloatVector.zero(S);
        FloatVector s00 = z, s01 = z, s02 = z, s03 = z, s10 = z, s11 = z, s12 = z, s13 = z;
        FloatVector s20 = z, s21 = z, s22 = z, s23 = z, s30 = z, s31 = z, s32 = z, s33 = z;
        int p = 0, end = S.loopBound(k);
        for (; p < end; p += S.length()) {
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + p), x1 = FloatVector.fromArray(S, a, a1 + p);
            FloatVector x2 = FloatVector.fromArray(S, a, a2 + p), x3 = FloatVector.fromArray(S, a, a3 + p);
            FloatVector y = FloatVector.fromArray(S, b, b0 + p);
            s00 = x0.fma(y, s00); s10 = x1.fma(y, s10); s20 = x2.fma(y, s20); s30 = x3.fma(y, s30);
            y = FloatVector.fromArray(S, b, b1 + p);
            s01 = x0.fma(y, s01); s11 = x1.fma(y, s11); s21 = x2.fma(y, s21); s31 = x3.fma(y, s31);
            y = FloatVector.fromArray(S, b, b2 + p);
            s02 = x0.fma(y, s02); s12 = x1.fma(y, s12); s22 = x2.fma(y, s22); s32 = x3.fma(y, s32);
            y = FloatVector.fromArray(S, b, b3 + p);
            s03 = x0.fma(y, s03); s13 = x1.fma(y, s13); s23 = x2.fma(y, s23); s33 = x3.fma(y, s33);
        }
        // In lane order, not reduceLanes: its order changes once C2 compiles it, and a CNN's training
        // then depended on how warm the JIT was (two runs of tutorial 08 reached 96.76% and 96.81%).
        // Stored here and added as floats: a method taking the vectors (RowKernels.sumLanes) boxed them
        // whenever C2 did not inline it, 0.7 MB more a CNN training step once this block had two callers.
        float[] t = LANES.get();
        s00.intoArray(t, 0); s01.intoArray(t, L); s02.intoArray(t, 2 * L); s03.intoArray(t, 3 * L);
        s10.intoArray(t, 4 * L); s11.intoArray(t, 5 * L); s12.intoArray(t, 6 * L); s13.intoArray(t, 7 * L);
        s20.intoArray(t, 8 * L); s21.intoArray(t, 9 * L); s22.intoArray(t, 10 * L); s23.intoArray(t, 11 * L);
        s30.intoArray(t, 12 * L); s31.intoArray(t, 13 * L); s32.intoArray(t, 14 * L); s33.intoArray(t, 15 * L);
        int width = Math.min(4, n - j0);
        finish(sum(t, 0), sum(t, 1), sum(t, 2), sum(t, 3), a0, p, k, b0, b1, b2, b3, a, b, c, cOff + i0 * ldc + j0, width, alpha, beta);
        if (i1 != i0) finish(sum(t, 4), sum(t, 5), sum(t, 6), sum(t, 7), a1, p, k, b0, b1, b2, b3, a, b, c, cOff + i1 * ldc + j0, width, alpha, beta);
        if (i2 != i1) finish(sum(t, 8), sum(t, 9), sum(t, 10), sum(t, 11), a2, p, k, b0, b1, b2, b3, a, b, c, cOff + i2 * ldc + j0, width, alpha, beta);
        if (i3 != i2) finish(sum(t, 12), sum(t, 13), sum(t, 14), sum(t, 15), a3, p, k, b0, b1, b2, b3, a, b, c, cOff + i3 * ldc + j0, width, alpha, beta);
    }

    private static final int L = S.length();

    /** Each thread's room for a block's 16 accumulators. */
    private static final ThreadLocal<float[]> LANES = ThreadLocal.withInitial(() -> new float[16 * L]);

    /** Accumulator i's lanes added in lane order, as RowKernels.sumLanes adds them. */
    private static float sum(float[] t, int i) {
        float s = 0;
        for (int l = i * L; l < (i + 1) * L; l++) s += t[l];
        return s;
    }

    /** One row of the block into C: its lane sums, plus the products of k past the vectors. */
    private static void finish(float t0, float t1, float t2, float t3, int ar, int p, int k,
                               int b0, int b1, int b2, int b3, float[] a, float[] b, float[] c, int at, int width, float alpha, float beta) {
        for (; p < k; p++) {
            float x = a[ar + p];
            t0 += x * b[b0 + p]; t1 += x * b[b1 + p]; t2 += x * b[b2 + p]; t3 += x * b[b3 + p];
        }
        store(c, at, width, alpha, beta, t0, t1, t2, t3);
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
