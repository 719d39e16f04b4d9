package jinn.accel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Short contiguous copies (a packed panel row), where System.arraycopy's call overhead dominates. */
final class VectorCopy {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorCopy() {}

    /** Four floats in one move: a 4-row GEMM panel of a transposed A. */
    private static final VectorSpecies<Float> S4 = FloatVector.SPECIES_128;

    static void copy(float[] src, int from, float[] dst, int to, int n) {
        int i = 0;
        for (; i + L <= n; i += L) FloatVector.fromArray(S, src, from + i).intoArray(dst, to + i);
        if (n - i >= 4 && Transpose8.NATIVE) {
            FloatVector.fromArray(S4, src, from + i).intoArray(dst, to + i);
            i += 4;
        }
        for (; i < n; i++) dst[to + i] = src[from + i];
    }
}
