package jinn.accel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Small float transposes in registers (8×8, 4×8), for packing GEMM operands: row loads, rounds of
 * two-vector shuffles, contiguous stores, instead of strided scalar moves.
 */
final class Transpose8 {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;

    /** True where 256-bit vectors run natively; elsewhere packing falls back to scalar loops. */
    static final boolean NATIVE = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256;

    // Indices 8..15 pick from the second vector of a two-vector rearrange.
    private static final VectorShuffle<Float> LO32 = VectorShuffle.fromValues(S, 0, 8, 1, 9, 2, 10, 3, 11);
    private static final VectorShuffle<Float> HI32 = VectorShuffle.fromValues(S, 4, 12, 5, 13, 6, 14, 7, 15);
    private static final VectorShuffle<Float> LO64 = VectorShuffle.fromValues(S, 0, 1, 8, 9, 2, 3, 10, 11);
    private static final VectorShuffle<Float> HI64 = VectorShuffle.fromValues(S, 4, 5, 12, 13, 6, 7, 14, 15);
    private static final VectorShuffle<Float> LO128 = VectorShuffle.fromValues(S, 0, 1, 2, 3, 8, 9, 10, 11);
    private static final VectorShuffle<Float> HI128 = VectorShuffle.fromValues(S, 4, 5, 6, 7, 12, 13, 14, 15);

    private Transpose8() {}

    /**
     * Four rows of eight into eight groups of four: dst[dOff + 4q + i] = src[sOff + i·sStride + q]
     * for i in [0, 4), q in [0, 8). Packs a 4-row GEMM panel of a row-major A.
     */
    static void transpose4(float[] src, int sOff, int sStride, float[] dst, int dOff) {
        FloatVector r0 = FloatVector.fromArray(S, src, sOff);
        FloatVector r1 = FloatVector.fromArray(S, src, sOff + sStride);
        FloatVector r2 = FloatVector.fromArray(S, src, sOff + 2 * sStride);
        FloatVector r3 = FloatVector.fromArray(S, src, sOff + 3 * sStride);
        FloatVector s0 = r0.rearrange(LO32, r1), s1 = r0.rearrange(HI32, r1);
        FloatVector s2 = r2.rearrange(LO32, r3), s3 = r2.rearrange(HI32, r3);
        s0.rearrange(LO64, s2).intoArray(dst, dOff);
        s0.rearrange(HI64, s2).intoArray(dst, dOff + 8);
        s1.rearrange(LO64, s3).intoArray(dst, dOff + 16);
        s1.rearrange(HI64, s3).intoArray(dst, dOff + 24);
    }

    /** dst[dOff + q·dStride + i] = src[sOff + i·sStride + q] for i, q in [0, 8). */
    static void transpose(float[] src, int sOff, int sStride, float[] dst, int dOff, int dStride) {
        FloatVector r0 = FloatVector.fromArray(S, src, sOff);
        FloatVector r1 = FloatVector.fromArray(S, src, sOff + sStride);
        FloatVector r2 = FloatVector.fromArray(S, src, sOff + 2 * sStride);
        FloatVector r3 = FloatVector.fromArray(S, src, sOff + 3 * sStride);
        FloatVector r4 = FloatVector.fromArray(S, src, sOff + 4 * sStride);
        FloatVector r5 = FloatVector.fromArray(S, src, sOff + 5 * sStride);
        FloatVector r6 = FloatVector.fromArray(S, src, sOff + 6 * sStride);
        FloatVector r7 = FloatVector.fromArray(S, src, sOff + 7 * sStride);
        // Round 1: interleave single lanes of row pairs: a0 b0 a1 b1 ...
        FloatVector s0 = r0.rearrange(LO32, r1), s1 = r0.rearrange(HI32, r1);
        FloatVector s2 = r2.rearrange(LO32, r3), s3 = r2.rearrange(HI32, r3);
        FloatVector s4 = r4.rearrange(LO32, r5), s5 = r4.rearrange(HI32, r5);
        FloatVector s6 = r6.rearrange(LO32, r7), s7 = r6.rearrange(HI32, r7);
        // Round 2: interleave lane pairs: a0 b0 c0 d0 a1 b1 c1 d1 ...
        FloatVector t0 = s0.rearrange(LO64, s2), t1 = s0.rearrange(HI64, s2);
        FloatVector t2 = s1.rearrange(LO64, s3), t3 = s1.rearrange(HI64, s3);
        FloatVector t4 = s4.rearrange(LO64, s6), t5 = s4.rearrange(HI64, s6);
        FloatVector t6 = s5.rearrange(LO64, s7), t7 = s5.rearrange(HI64, s7);
        // Round 3: join halves: column q = a_q b_q ... h_q.
        t0.rearrange(LO128, t4).intoArray(dst, dOff);
        t0.rearrange(HI128, t4).intoArray(dst, dOff + dStride);
        t1.rearrange(LO128, t5).intoArray(dst, dOff + 2 * dStride);
        t1.rearrange(HI128, t5).intoArray(dst, dOff + 3 * dStride);
        t2.rearrange(LO128, t6).intoArray(dst, dOff + 4 * dStride);
        t2.rearrange(HI128, t6).intoArray(dst, dOff + 5 * dStride);
        t3.rearrange(LO128, t7).intoArray(dst, dOff + 6 * dStride);
        t3.rearrange(HI128, t7).intoArray(dst, dOff + 7 * dStride);
    }
}
