package jinn.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Once C2 has compiled it, a GEMM with this CPU's kernel allocates nothing on one thread (its descriptor
 * is the thread's own, reused) and on several threads only the job the pool shares (170-420 bytes): every
 * vector stays in registers. A vector operation C2
 * leaves as a call boxes its result instead, at every tile or every packed row: on AVX-512 the 8×32
 * tile once did (220 KB per 256³ call, 2.8 MB per MNIST training step), and later the packing of
 * B's 32-wide panels did, in some runs and not others, after A's 8-wide ones had run first (164 KB per
 * call of the TN weight gradient 784×128·128×256, 2.5–5 MB per 1024³ call).
 *
 * <p>Whether C2 leaves such a call can depend on what ran before it compiled and on how busy the
 * machine was, so each case is a fresh JVM ({@link GemmGarbageProbe}) that compiles the kernels for
 * the first time while it calls every shape bin/bench and the MNIST MLP use, in turn, at 1 thread and
 * at all cores: once on a quiet JVM, once with every core kept busy by other threads meanwhile. Only
 * the kernel native to the machine running the tests can be checked: the others run emulated, and
 * emulated vectors always allocate.
 */
class GemmGarbageTest {

    /** Far above a parallel call's job (170–420 bytes), far below one boxed vector per tile or row (100+ KB). */
    private static final long MOST_BYTES_PER_CALL = 4096;

    @ParameterizedTest(name = "compiled {0}")
    @ValueSource(strings = {"quiet", "load", "load, AVX2"})
    void everyShapeAllocatesAtMostItsParallelJobOnceCompiled(String how) throws IOException, InterruptedException {
        // "AVX2": on an AVX-512 machine, also as an AVX2 one runs (-XX:UseAVX=2, the 4×16 tile), since CI may draw either.
        boolean avx2 = how.endsWith("AVX2");
        org.junit.jupiter.api.Assumptions.assumeTrue(!avx2 || (System.getProperty("os.arch").matches("amd64|x86_64")
                && jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize() > 256), "this machine's vectors are AVX2's or narrower already");
        List<String> lines = probe(how.startsWith("load") ? "load" : "quiet", avx2);
        int expected = GemmGarbageProbe.SHAPES.length * (CpuPool.CORES > 1 ? 2 : 1);
        assertEquals(expected, lines.size(), "expected one line per shape and thread count from the probe, received:\n" + String.join("\n", lines));
        List<String> failures = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            long bytes = Long.parseLong(f[2]);
            if (bytes >= MOST_BYTES_PER_CALL) failures.add(f[0] + " at " + f[1] + " threads: " + bytes + " bytes per call");
        }
        assertTrue(failures.isEmpty(), (avx2 ? "with -XX:UseAVX=2" : Gemm.KERNEL.describe()) + ", kernels compiled " + how + ": GEMMs allocating "
                + MOST_BYTES_PER_CALL + " bytes or more per call (a vector boxed at each tile or packed row):\n  "
                + String.join("\n  ", failures) + "\nall figures:\n" + String.join("\n", lines));
    }

    private static List<String> probe(String how, boolean avx2) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector"));
        if (avx2) cmd.add("-XX:UseAVX=2");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), GemmGarbageProbe.class.getName(), how));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("GemmGarbageProbe (" + how + ") did not finish in 600 s; it printed:\n" + out);
        }
        reader.join();
        assertEquals(0, p.exitValue(), "GemmGarbageProbe (" + how + ") failed:\n" + out);
        return out.toString().lines().filter(l -> l.matches("[NT][NT]:\\S+ \\d+ \\d+")).toList();
    }
}
