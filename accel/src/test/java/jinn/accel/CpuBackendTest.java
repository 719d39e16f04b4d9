package jinn.accel;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

    /** The shares parallelRows hands out, as {share, from, to, threads of the kernels}, sorted by from. */
    private static List<int[]> shares(Backend be, int rows, long macsPerRow) {
        List<int[]> got = Collections.synchronizedList(new ArrayList<>());
        be.parallelRows(rows, macsPerRow, (share, from, to, kernels) ->
                got.add(new int[] {share, from, to, ((CpuBackend) kernels).threads()}));
        List<int[]> sorted = new ArrayList<>(got);
        sorted.sort((x, y) -> Integer.compare(x[1], y[1]));
        return sorted;
    }

    @Test
    void aBigBatchIsCutIntoOneShareOfWholeTilesPerThreadEachOnOneThread() {
        int mr = Gemm.KERNEL.mr;
        List<int[]> s = shares(new CpuBackend(2), 130, 234_752);
        assertEquals(2, s.size(), "one share per thread");
        assertEquals(0, s.get(0)[1]);
        assertEquals(s.get(0)[2], s.get(1)[1], "shares meet");
        assertEquals(130, s.get(1)[2], "and cover every row");
        assertEquals(0, s.get(0)[2] % mr, "the first share ends on a tile boundary");
        assertNotEquals(s.get(0)[0], s.get(1)[0], "each share has its own index (its own buffers)");
        for (int[] share : s) assertEquals(1, share[3], "a share's kernels run on one thread");
        assertEquals(2, new CpuBackend(2).rowShares());
    }

    @Test
    void smallBatchesStayOneShareWhoseGemmsUseEveryThread() {
        // Too few rows for two shares of 32: the GEMMs split columns instead.
        List<int[]> few = shares(new CpuBackend(2), 40, 1_000_000);
        assertEquals(1, few.size());
        assertArrayEquals(new int[] {0, 0, 40, 2}, few.get(0));
        // Rows enough, but too little work to wake the pool.
        List<int[]> light = shares(new CpuBackend(2), 256, 100);
        assertArrayEquals(new int[] {0, 0, 256, 2}, light.get(0));
        // One thread: one share.
        assertArrayEquals(new int[] {0, 0, 500, 1}, shares(new CpuBackend(1), 500, 1_000_000).get(0));
        assertEquals(1, new CpuBackend(1).rowShares());
    }

    @Test
    void aFailingShareReachesTheCaller() {
        var e = assertThrows(IllegalStateException.class, () -> new CpuBackend(2).parallelRows(128, 1_000_000,
                (share, from, to, kernels) -> { if (share == 1) throw new IllegalStateException("share " + share); }));
        assertEquals("share 1", e.getMessage());
    }
}
