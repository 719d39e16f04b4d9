package jinn.accel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Short contiguous copies (a packed panel row), where System.arraycopy's call overhead dominates. */
final class VectorCopy {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorCopy() {}

    static void copy(float[] src, int from, float[] dst, int to, int n) {
        int i = 0;
        for (; i + L <= n; i += L) FloatVector.fromArray(S, src, from + i).intoArray(dst, to + i);
        for (; i < n; i++) dst[to + i] = src[from + i];
    }
}
