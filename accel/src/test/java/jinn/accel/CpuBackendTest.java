package jinn.accel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** What the CPU backend does beyond agreeing with the reference (that is {@link BackendConformanceTest}). */
class CpuBackendTest {

    @Test
    void aFailureInAParallelTaskReachesTheCaller() {
        // Big enough for the parallel path; C is one row short, so the thread that owns the last rows fails.
        int m = 128, n = 128, k = 64;
        float[] a = new float[m * k], b = new float[k * n], c = new float[(m - 1) * n];
        CpuBackend cpu = new CpuBackend(2);
        assertThrows(IndexOutOfBoundsException.class,
                () -> cpu.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n));
        // The pool is still usable afterwards.
        float[] ok = new float[m * n];
        cpu.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, ok, 0, n);
        assertArrayEquals(new float[m * n], ok);
    }

    @Test
    void zipRejectsIncrementsOtherThanZeroAndOne() {
        float[] x = new float[8];
        var e = assertThrows(IllegalArgumentException.class,
                () -> new CpuBackend(1).zip(BinaryOp.ADD, 4, x, 0, 2, x, 0, 1, x, 0));
        org.junit.jupiter.api.Assertions.assertEquals(
                "zip ADD: increments must be 0 (broadcast) or 1, received aInc=2, bInc=1", e.getMessage());
    }

    @Test
    void emptyAndDegenerateGemmsFollowBlasRules() {
        CpuBackend cpu = new CpuBackend(2);
        float[] c = {1, 2, 3, 4};
        // k = 0: C = beta * C.
        cpu.gemm(false, false, 2, 2, 0, 1f, new float[0], 0, 0, new float[0], 0, 2, 0.5f, c, 0, 2);
        assertArrayEquals(new float[] {0.5f, 1, 1.5f, 2}, c);
        // alpha = 0 and beta = 0: C is cleared without reading A or B (NaN there does not leak).
        float[] nan = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        cpu.gemm(false, false, 2, 2, 2, 0f, nan, 0, 2, nan, 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[4], c);
    }
}
