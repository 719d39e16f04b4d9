package jinn.accel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * AVX2-class CPUs (16 vector registers): a 4×16 tile keeps 8 accumulators, 2 B vectors and one
 * broadcast A value in registers.
 *
 * <p>Alone, its panels in cache, it ran at 92–96 GFLOP/s of Zen 3's 98 peak (best of 40 rounds); whole
 * GEMMs at the MLP's shapes, packing included, at 70–84% of it, where OpenBLAS's Haswell/Zen kernel
 * under PyTorch ran at 75–93%: a 16×6 tile, 12 accumulators, its 16 registers named by hand. Eight
 * accumulators are just what two FMA pipes of 4 cycles' latency need, so more seemed the way, but C2
 * cannot hold a larger tile in 16 registers: it issues the next steps' broadcasts early, three at a
 * time, so 6×16 spilled an accumulator to the stack every step, a store and a reload in its dependency
 * chain (31 GFLOP/s against 68–80 on Zen 3, JDK 25), and the same tile with its k loop unrolled twice
 * spilled more (27); so did this 4×16 with its k loop unrolled twice by hand (0.35× in a bench duel
 * held to AVX2, 7 December). 5×16 held its 10 accumulators without a spill and ran no faster, even at 120 rows
 * where it wastes no panel: slack is not what this tile lacks. Reading a row-major A in place, four
 * rows lda apart, instead of packing it (6.7% of MNIST inference) made the GEMMs 0.98–1.11× as fast
 * and inference 0.996× ({@code bin/bench duel}, 21 rounds): not kept either; nor packing A by rows
 * at constant distances as the AVX-512 tile does (on Zen 5 with -XX:UseAVX=2: inference 0.99×,
 * training 0.96×, its 4-row panels transposing cheaply and its weight gradients' then not).
 * Nor a multiply and an add in place of each FMA, which on AMD go to separate pipes and leave the
 * accumulators a shorter chain (the add's latency): held to AVX2 on Zen 5 the GEMMs ran 1.006–1.044× and
 * inference 1.031×, but each step then dispatches 27 instructions, more than Zen 3's and Zen 4's six a
 * cycle allow in four cycles (no such machine was at hand to try), and Intel's adds share the FMA ports; at 512 bits on Zen 5 it ran 0.88–0.94×
 * (bench duel, 21 rounds, 7 December). Measured with probes
 * timing the tile and whole GEMMs at the MLP's shapes, the loops read with -XX:CompileCommand=print.
 */
final class GemmKernel256 extends GemmKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int L = 8;

    GemmKernel256() { super(256, 4, 16, 256, 192, 2048); }

    @Override
    void tile(int kc, float[] a, int ai, float[] b, int bi, int bStep, float[] c, int ci, int ldc, boolean add) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        // pa and pb step along as induction variables: recomputing them from p each step cost C2's
        // loop two more integer instructions per step than the FMAs leave room for, which showed
        // when another guest shared the core (median 63 against 50 GFLOP/s, interleaved runs).
        for (int pa = ai, pb = bi, end = ai + kc * 4; pa < end; pa += 4, pb += 16) {
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
        }
        store(c00, c, ci + 0 * ldc + 0 * L, add);
        store(c01, c, ci + 0 * ldc + 1 * L, add);
        store(c10, c, ci + 1 * ldc + 0 * L, add);
        store(c11, c, ci + 1 * ldc + 1 * L, add);
        store(c20, c, ci + 2 * ldc + 0 * L, add);
        store(c21, c, ci + 2 * ldc + 1 * L, add);
        store(c30, c, ci + 3 * ldc + 0 * L, add);
        store(c31, c, ci + 3 * ldc + 1 * L, add);
    }

    private static void store(FloatVector v, float[] c, int at, boolean add) {
        (add ? v.add(FloatVector.fromArray(S, c, at)) : v).intoArray(c, at);
    }
}
