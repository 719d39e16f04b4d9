package jinn.accel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * AVX-512-class CPUs (32 vector registers): an 8×32 tile, 16 accumulators.
 *
 * <p>Its A panels are packed by rows ({@link #ROW_STRIDE}): a step broadcasts the eight values it needs
 * from eight rows at constant distances from one index, which C2 folds into the loads, so the loop
 * runs as fast as over interleaved panels (196–198 GFLOP/s either way, 128×256×784 with B in place,
 * Zen 5), while packing a row-major A becomes eight row copies instead of 8×8 transposes in
 * registers (0.55–0.85 cycles a float; 11% of one-thread MNIST inference, async-profiler).
 */
final class GemmKernel512 extends GemmKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int L = 16;

    /**
     * Floats from one row of a packed A panel to the next: at least the kc of 256, plus 16 so that a
     * panel's eight rows fall into different L1 sets (1024 bytes apart, they shared four).
     */
    static final int ROW_STRIDE = 272;

    GemmKernel512() { super(512, 8, 32, 256, 128, 2048, ROW_STRIDE); }

    /**
     * Two methods, one per way of storing, each compiled on its own. As one method with a store
     * helper choosing per vector, this tile grew past C2's NodeCountInliningCutoff while inlining
     * the Vector API: the last eight stores were left as calls, so their vectors were boxed, and
     * an MNIST training step allocated 2.8 MB on AVX-512 (GarbagePerBatchTest; the 8-accumulator
     * AVX2 tile fits). One zero vector shared by all accumulators keeps the count down too.
     */
    @Override
    void tile(int kc, float[] a, int ai, float[] b, int bi, int bStep, float[] c, int ci, int ldc, boolean add) {
        if (add) accumulate(kc, a, ai, b, bi, bStep, c, ci, ldc);
        else overwrite(kc, a, ai, b, bi, bStep, c, ci, ldc);
    }

    /** The tile's sums written over C. */
    private static void overwrite(int kc, float[] a, int ai, float[] b, int bi, int bStep, float[] c, int ci, int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z;
        FloatVector c10 = z, c11 = z;
        FloatVector c20 = z, c21 = z;
        FloatVector c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z;
        FloatVector c50 = z, c51 = z;
        FloatVector c60 = z, c61 = z;
        FloatVector c70 = z, c71 = z;
        // pa and pb step along as induction variables, for the reason given in GemmKernel256.
        for (int pa = ai, pb = bi, end = ai + kc; pa < end; pa++, pb += bStep) {
            FloatVector b0 = FloatVector.fromArray(S, b, pb + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, b, pb + 1 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[pa]);
            c00 = fma(a0, b0, c00);
            c01 = fma(a0, b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[pa + 1 * ROW_STRIDE]);
            c10 = fma(a1, b0, c10);
            c11 = fma(a1, b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[pa + 2 * ROW_STRIDE]);
            c20 = fma(a2, b0, c20);
            c21 = fma(a2, b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[pa + 3 * ROW_STRIDE]);
            c30 = fma(a3, b0, c30);
            c31 = fma(a3, b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[pa + 4 * ROW_STRIDE]);
            c40 = fma(a4, b0, c40);
            c41 = fma(a4, b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[pa + 5 * ROW_STRIDE]);
            c50 = fma(a5, b0, c50);
            c51 = fma(a5, b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[pa + 6 * ROW_STRIDE]);
            c60 = fma(a6, b0, c60);
            c61 = fma(a6, b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[pa + 7 * ROW_STRIDE]);
            c70 = fma(a7, b0, c70);
            c71 = fma(a7, b1, c71);
        }
        c00.intoArray(c, ci + 0 * ldc + 0 * L);
        c01.intoArray(c, ci + 0 * ldc + 1 * L);
        c10.intoArray(c, ci + 1 * ldc + 0 * L);
        c11.intoArray(c, ci + 1 * ldc + 1 * L);
        c20.intoArray(c, ci + 2 * ldc + 0 * L);
        c21.intoArray(c, ci + 2 * ldc + 1 * L);
        c30.intoArray(c, ci + 3 * ldc + 0 * L);
        c31.intoArray(c, ci + 3 * ldc + 1 * L);
        c40.intoArray(c, ci + 4 * ldc + 0 * L);
        c41.intoArray(c, ci + 4 * ldc + 1 * L);
        c50.intoArray(c, ci + 5 * ldc + 0 * L);
        c51.intoArray(c, ci + 5 * ldc + 1 * L);
        c60.intoArray(c, ci + 6 * ldc + 0 * L);
        c61.intoArray(c, ci + 6 * ldc + 1 * L);
        c70.intoArray(c, ci + 7 * ldc + 0 * L);
        c71.intoArray(c, ci + 7 * ldc + 1 * L);
    }

    /** The tile's sums added to C (the sum first, then C, as the other kernels round). */
    private static void accumulate(int kc, float[] a, int ai, float[] b, int bi, int bStep, float[] c, int ci, int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z;
        FloatVector c10 = z, c11 = z;
        FloatVector c20 = z, c21 = z;
        FloatVector c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z;
        FloatVector c50 = z, c51 = z;
        FloatVector c60 = z, c61 = z;
        FloatVector c70 = z, c71 = z;
        // pa and pb step along as induction variables, for the reason given in GemmKernel256.
        for (int pa = ai, pb = bi, end = ai + kc; pa < end; pa++, pb += bStep) {
            FloatVector b0 = FloatVector.fromArray(S, b, pb + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, b, pb + 1 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[pa]);
            c00 = fma(a0, b0, c00);
            c01 = fma(a0, b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[pa + 1 * ROW_STRIDE]);
            c10 = fma(a1, b0, c10);
            c11 = fma(a1, b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[pa + 2 * ROW_STRIDE]);
            c20 = fma(a2, b0, c20);
            c21 = fma(a2, b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[pa + 3 * ROW_STRIDE]);
            c30 = fma(a3, b0, c30);
            c31 = fma(a3, b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[pa + 4 * ROW_STRIDE]);
            c40 = fma(a4, b0, c40);
            c41 = fma(a4, b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[pa + 5 * ROW_STRIDE]);
            c50 = fma(a5, b0, c50);
            c51 = fma(a5, b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[pa + 6 * ROW_STRIDE]);
            c60 = fma(a6, b0, c60);
            c61 = fma(a6, b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[pa + 7 * ROW_STRIDE]);
            c70 = fma(a7, b0, c70);
            c71 = fma(a7, b1, c71);
        }
        c00.add(FloatVector.fromArray(S, c, ci + 0 * ldc + 0 * L)).intoArray(c, ci + 0 * ldc + 0 * L);
        c01.add(FloatVector.fromArray(S, c, ci + 0 * ldc + 1 * L)).intoArray(c, ci + 0 * ldc + 1 * L);
        c10.add(FloatVector.fromArray(S, c, ci + 1 * ldc + 0 * L)).intoArray(c, ci + 1 * ldc + 0 * L);
        c11.add(FloatVector.fromArray(S, c, ci + 1 * ldc + 1 * L)).intoArray(c, ci + 1 * ldc + 1 * L);
        c20.add(FloatVector.fromArray(S, c, ci + 2 * ldc + 0 * L)).intoArray(c, ci + 2 * ldc + 0 * L);
        c21.add(FloatVector.fromArray(S, c, ci + 2 * ldc + 1 * L)).intoArray(c, ci + 2 * ldc + 1 * L);
        c30.add(FloatVector.fromArray(S, c, ci + 3 * ldc + 0 * L)).intoArray(c, ci + 3 * ldc + 0 * L);
        c31.add(FloatVector.fromArray(S, c, ci + 3 * ldc + 1 * L)).intoArray(c, ci + 3 * ldc + 1 * L);
        c40.add(FloatVector.fromArray(S, c, ci + 4 * ldc + 0 * L)).intoArray(c, ci + 4 * ldc + 0 * L);
        c41.add(FloatVector.fromArray(S, c, ci + 4 * ldc + 1 * L)).intoArray(c, ci + 4 * ldc + 1 * L);
        c50.add(FloatVector.fromArray(S, c, ci + 5 * ldc + 0 * L)).intoArray(c, ci + 5 * ldc + 0 * L);
        c51.add(FloatVector.fromArray(S, c, ci + 5 * ldc + 1 * L)).intoArray(c, ci + 5 * ldc + 1 * L);
        c60.add(FloatVector.fromArray(S, c, ci + 6 * ldc + 0 * L)).intoArray(c, ci + 6 * ldc + 0 * L);
        c61.add(FloatVector.fromArray(S, c, ci + 6 * ldc + 1 * L)).intoArray(c, ci + 6 * ldc + 1 * L);
        c70.add(FloatVector.fromArray(S, c, ci + 7 * ldc + 0 * L)).intoArray(c, ci + 7 * ldc + 0 * L);
        c71.add(FloatVector.fromArray(S, c, ci + 7 * ldc + 1 * L)).intoArray(c, ci + 7 * ldc + 1 * L);
    }

    /**
     * Two more methods, copies of the two above with the panel's stores added: a tile that always
     * copied, to a per-thread scratch where no copy was wanted, ran every GEMM 0.58–0.87× as fast
     * (bench duel, Zen 5; likely because C2 cannot tell the copy's array from B's, so each step's stores
     * hold back the next loads).
     */
    @Override
    void tileCopyingB(int kc, float[] a, int ai, float[] b, int bi, int bStep, float[] bc, int bci, float[] c, int ci, int ldc, boolean add) {
        if (add) accumulateCopying(kc, a, ai, b, bi, bStep, bc, bci, c, ci, ldc);
        else overwriteCopying(kc, a, ai, b, bi, bStep, bc, bci, c, ci, ldc);
    }

    /** {@link #overwrite}, copying B's panel to bc. */
    private static void overwriteCopying(int kc, float[] a, int ai, float[] b, int bi, int bStep, float[] bc, int bci, float[] c, int ci, int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z;
        FloatVector c10 = z, c11 = z;
        FloatVector c20 = z, c21 = z;
        FloatVector c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z;
        FloatVector c50 = z, c51 = z;
        FloatVector c60 = z, c61 = z;
        FloatVector c70 = z, c71 = z;
        for (int pa = ai, pb = bi, pc = bci, end = ai + kc; pa < end; pa++, pb += bStep, pc += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, pb + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, b, pb + 1 * L);
            b0.intoArray(bc, pc);
            b1.intoArray(bc, pc + L);
            FloatVector a0 = FloatVector.broadcast(S, a[pa]);
            c00 = fma(a0, b0, c00);
            c01 = fma(a0, b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[pa + 1 * ROW_STRIDE]);
            c10 = fma(a1, b0, c10);
            c11 = fma(a1, b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[pa + 2 * ROW_STRIDE]);
            c20 = fma(a2, b0, c20);
            c21 = fma(a2, b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[pa + 3 * ROW_STRIDE]);
            c30 = fma(a3, b0, c30);
            c31 = fma(a3, b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[pa + 4 * ROW_STRIDE]);
            c40 = fma(a4, b0, c40);
            c41 = fma(a4, b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[pa + 5 * ROW_STRIDE]);
            c50 = fma(a5, b0, c50);
            c51 = fma(a5, b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[pa + 6 * ROW_STRIDE]);
            c60 = fma(a6, b0, c60);
            c61 = fma(a6, b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[pa + 7 * ROW_STRIDE]);
            c70 = fma(a7, b0, c70);
            c71 = fma(a7, b1, c71);
        }
        c00.intoArray(c, ci + 0 * ldc + 0 * L);
        c01.intoArray(c, ci + 0 * ldc + 1 * L);
        c10.intoArray(c, ci + 1 * ldc + 0 * L);
        c11.intoArray(c, ci + 1 * ldc + 1 * L);
        c20.intoArray(c, ci + 2 * ldc + 0 * L);
        c21.intoArray(c, ci + 2 * ldc + 1 * L);
        c30.intoArray(c, ci + 3 * ldc + 0 * L);
        c31.intoArray(c, ci + 3 * ldc + 1 * L);
        c40.intoArray(c, ci + 4 * ldc + 0 * L);
        c41.intoArray(c, ci + 4 * ldc + 1 * L);
        c50.intoArray(c, ci + 5 * ldc + 0 * L);
        c51.intoArray(c, ci + 5 * ldc + 1 * L);
        c60.intoArray(c, ci + 6 * ldc + 0 * L);
        c61.intoArray(c, ci + 6 * ldc + 1 * L);
        c70.intoArray(c, ci + 7 * ldc + 0 * L);
        c71.intoArray(c, ci + 7 * ldc + 1 * L);
    }

    /** {@link #accumulate}, copying B's panel to bc. */
    private static void accumulateCopying(int kc, float[] a, int ai, float[] b, int bi, int bStep, float[] bc, int bci, float[] c, int ci, int ldc) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z;
        FloatVector c10 = z, c11 = z;
        FloatVector c20 = z, c21 = z;
        FloatVector c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z;
        FloatVector c50 = z, c51 = z;
        FloatVector c60 = z, c61 = z;
        FloatVector c70 = z, c71 = z;
        for (int pa = ai, pb = bi, pc = bci, end = ai + kc; pa < end; pa++, pb += bStep, pc += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, pb + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, b, pb + 1 * L);
            b0.intoArray(bc, pc);
            b1.intoArray(bc, pc + L);
            FloatVector a0 = FloatVector.broadcast(S, a[pa]);
            c00 = fma(a0, b0, c00);
            c01 = fma(a0, b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[pa + 1 * ROW_STRIDE]);
            c10 = fma(a1, b0, c10);
            c11 = fma(a1, b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[pa + 2 * ROW_STRIDE]);
            c20 = fma(a2, b0, c20);
            c21 = fma(a2, b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[pa + 3 * ROW_STRIDE]);
            c30 = fma(a3, b0, c30);
            c31 = fma(a3, b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[pa + 4 * ROW_STRIDE]);
            c40 = fma(a4, b0, c40);
            c41 = fma(a4, b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[pa + 5 * ROW_STRIDE]);
            c50 = fma(a5, b0, c50);
            c51 = fma(a5, b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[pa + 6 * ROW_STRIDE]);
            c60 = fma(a6, b0, c60);
            c61 = fma(a6, b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[pa + 7 * ROW_STRIDE]);
            c70 = fma(a7, b0, c70);
            c71 = fma(a7, b1, c71);
        }
        c00.add(FloatVector.fromArray(S, c, ci + 0 * ldc + 0 * L)).intoArray(c, ci + 0 * ldc + 0 * L);
        c01.add(FloatVector.fromArray(S, c, ci + 0 * ldc + 1 * L)).intoArray(c, ci + 0 * ldc + 1 * L);
        c10.add(FloatVector.fromArray(S, c, ci + 1 * ldc + 0 * L)).intoArray(c, ci + 1 * ldc + 0 * L);
        c11.add(FloatVector.fromArray(S, c, ci + 1 * ldc + 1 * L)).intoArray(c, ci + 1 * ldc + 1 * L);
        c20.add(FloatVector.fromArray(S, c, ci + 2 * ldc + 0 * L)).intoArray(c, ci + 2 * ldc + 0 * L);
        c21.add(FloatVector.fromArray(S, c, ci + 2 * ldc + 1 * L)).intoArray(c, ci + 2 * ldc + 1 * L);
        c30.add(FloatVector.fromArray(S, c, ci + 3 * ldc + 0 * L)).intoArray(c, ci + 3 * ldc + 0 * L);
        c31.add(FloatVector.fromArray(S, c, ci + 3 * ldc + 1 * L)).intoArray(c, ci + 3 * ldc + 1 * L);
        c40.add(FloatVector.fromArray(S, c, ci + 4 * ldc + 0 * L)).intoArray(c, ci + 4 * ldc + 0 * L);
        c41.add(FloatVector.fromArray(S, c, ci + 4 * ldc + 1 * L)).intoArray(c, ci + 4 * ldc + 1 * L);
        c50.add(FloatVector.fromArray(S, c, ci + 5 * ldc + 0 * L)).intoArray(c, ci + 5 * ldc + 0 * L);
        c51.add(FloatVector.fromArray(S, c, ci + 5 * ldc + 1 * L)).intoArray(c, ci + 5 * ldc + 1 * L);
        c60.add(FloatVector.fromArray(S, c, ci + 6 * ldc + 0 * L)).intoArray(c, ci + 6 * ldc + 0 * L);
        c61.add(FloatVector.fromArray(S, c, ci + 6 * ldc + 1 * L)).intoArray(c, ci + 6 * ldc + 1 * L);
        c70.add(FloatVector.fromArray(S, c, ci + 7 * ldc + 0 * L)).intoArray(c, ci + 7 * ldc + 0 * L);
        c71.add(FloatVector.fromArray(S, c, ci + 7 * ldc + 1 * L)).intoArray(c, ci + 7 * ldc + 1 * L);
    }
}
