package jinn.accel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The dot-product path ({@link GemmDots}) gives the same bits however warm the JIT is: a CNN trained
 * twice from the same seed must end the same, and it did not while the lanes were summed with
 * reduceLanes, whose order changes once C2 compiles it (tutorial 08 reached 96.76% under jinn run and
 * 96.81% under the kernel). The reference is a fresh JVM that only interprets ({@code -Xint}).
 */
class GemmDotsTest {

    /** A convolution's weight gradient: dW [16, 25] = dY [16, k] · colsᵀ, k long. */
    static final int M = 16, N = 25, K = 4096;

    /** C for fixed operands, on {@code threads} threads. */
    static float[] product(int threads) {
        Random r = new Random(11);
        float[] a = new float[M * K], b = new float[N * K], c = new float[M * N];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() * 2 - 1;
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat() * 2 - 1;
        new CpuBackend(threads).gemm(false, true, M, N, K, 1f, a, 0, K, b, 0, K, 0f, c, 0, N);
        return c;
    }

    /** Prints C's bits, one per line, as the interpreted reference. */
    public static void main(String[] args) {
        for (float v : product(Integer.parseInt(args[0]))) System.out.println(Float.floatToRawIntBits(v));
    }

    @Test
    void theShapeTakesTheDotProductPath() {
        assertTrue(GemmDots.suits(false, true, M, N, K), "the test's shape must take GemmDots' path");
    }

    @Test
    void compiledGivesTheBitsInterpretedDoes() throws IOException, InterruptedException {
        int threads = Math.min(2, CpuPool.CORES);
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-Xint", "-cp", System.getProperty("java.class.path"),
                GemmDotsTest.class.getName(), Integer.toString(threads));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the interpreted reference did not finish");
        assertEquals(0, p.exitValue(), "the interpreted reference failed:\n" + out);
        int[] interpreted = out.lines().filter(l -> l.matches("-?\\d+")).mapToInt(Integer::parseInt).toArray();
        assertEquals(M * N, interpreted.length, "the reference printed:\n" + out);

        // Enough calls for C2 to compile the path (a few thousand invocations of its loops).
        float[] compiled = null;
        for (int i = 0; i < 400; i++) compiled = product(threads);
        int[] bits = new int[compiled.length];
        for (int i = 0; i < bits.length; i++) bits[i] = Float.floatToRawIntBits(compiled[i]);
        assertArrayEquals(interpreted, bits, () -> "C differs after compilation, e.g. C[0] " + Float.intBitsToFloat(interpreted[0])
                + " interpreted, " + Float.intBitsToFloat(bits[0]) + " compiled");
    }
}
