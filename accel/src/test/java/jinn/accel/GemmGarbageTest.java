package jinn.accel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Once C2 has compiled it, a GEMM with this CPU's kernel allocates only its small descriptor: every
 * vector stays in registers. A vector operation C2 leaves as a call boxes its result instead (on
 * AVX-512 the 8×32 tile once did, at every tile: 220 KB per 256³ call, 2.8 MB per MNIST training
 * step), which costs time as well as garbage. Only the kernel native to the machine running the
 * tests can be checked: the others run emulated, and emulated vectors always allocate.
 */
class GemmGarbageTest {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    @ParameterizedTest(name = "{0}{1} beta {2}")
    @CsvSource({"N, N, 0", "N, N, 1", "T, N, 0", "N, T, 1"})
    void aCompiledGemmAllocatesOnlyItsDescriptor(String ta, String tb, float beta) {
        Backend cpu = new CpuBackend(1);
        int n = 256;
        float[] a = random(n * n, 1), b = random(n * n, 2), c = new float[n * n];
        boolean transA = ta.equals("T"), transB = tb.equals("T");
        long least = Long.MAX_VALUE, t0 = System.nanoTime();
        // Up to 20 s of rounds until C2 has compiled the kernel (the interpreter boxes every vector).
        for (int round = 0; round < 5 || (least >= 1024 && System.nanoTime() - t0 < 20_000_000_000L); round++) {
            long start = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20; i++) cpu.gemm(transA, transB, n, n, n, 1f, a, 0, n, b, 0, n, beta, c, 0, n);
            least = Math.min(least, (THREADS.getCurrentThreadAllocatedBytes() - start) / 20);
        }
        assertTrue(least < 1024, Gemm.KERNEL.describe() + ": a " + n + "³ GEMM allocated " + least + " bytes per call");
    }

    private static float[] random(int size, long seed) {
        Random r = new Random(seed);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = r.nextFloat() - 0.5f;
        return v;
    }
}
