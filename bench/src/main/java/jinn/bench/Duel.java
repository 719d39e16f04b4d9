package jinn.bench;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Two builds of jinn in one JVM, their rounds taking turns: on a shared VM whose cores change
 * speed by ±10–20% from minute to minute, two JVMs run one after the other cannot tell a 5% change,
 * but the median of per-round ratios can. Each build gets its own class loader over its jars and
 * this module's classes, so nothing needs a toggle. {@code bin/bench duel REV_A REV_B} builds the
 * two revisions and calls this.
 *
 * <p>Arguments: {@code CLASSPATH_A CLASSPATH_B [--threads 1,2] [--rounds 41] [--avx2] WORKLOAD...}, where
 * a workload is a GEMM spec ("NN:128x256x784", m×n×k) or "infer" or "train" (see DuelWorkload);
 * {@code -Djinn.duel.a} and {@code .b} name the builds in the header.
 */
public final class Duel {

    /** Rounds left out at the start: the JIT is still compiling. */
    private static final int WARM_UP_ROUNDS = 6;

    /**
     * And turns left out until each side has run this long: a GEMM round lasts ~5 ms at AVX-512
     * rates, so six rounds ended while C2 was still compiling the kernels (a 2-thread 784×256×128
     * read 141 GFLOP/s there against ~270 in a warm process), and the two builds, warming at
     * different moments, made the ratio noise.
     */
    private static final long WARM_UP_NANOS = 2_000_000_000L;

    private Duel() {}

    public static void main(String[] args) throws Exception {
        List<String> workloads = new ArrayList<>();
        List<Integer> threads = List.of(1);
        int rounds = 41;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--avx2" -> Avx2Only.requested();
                default -> workloads.add(args[i]);
            }
        }
        if (workloads.isEmpty()) workloads = List.of("NN:128x256x784", "TN:784x256x128", "NT:128x784x256", "infer", "train");
        System.out.printf("duel: A = %s%n      B = %s%nmedians of %d rounds after %d warm-up rounds and %.0f s of each, A and B taking turns%n%n",
                System.getProperty("jinn.duel.a", args[0]), System.getProperty("jinn.duel.b", args[1]), rounds - WARM_UP_ROUNDS, WARM_UP_ROUNDS, WARM_UP_NANOS / 1e9);
        if (Avx2Only.ON) System.out.println("both builds held to AVX2 (--avx2: -XX:UseAVX=2)\n");
        String header = String.format("%-22s %7s %12s %12s %8s %15s", "workload", "threads", "A", "B", "B/A", "B/A quartiles");
        System.out.println(header);
        System.out.println("-".repeat(header.length()));
        for (int t : threads) {
            for (String w : workloads) {
                DoubleSupplier a = load(args[0], w, t), b = load(args[1], w, t);
                for (long start = System.nanoTime(); System.nanoTime() - start < 2 * WARM_UP_NANOS; ) {
                    a.getAsDouble();
                    b.getAsDouble();
                }
                double[] ra = new double[rounds - WARM_UP_ROUNDS], rb = ra.clone(), ratio = ra.clone();
                for (int r = 0; r < rounds; r++) {
                    // Alternate which goes first, so neither always follows the other's cache footprint.
                    double x, y;
                    if (r % 2 == 0) { x = a.getAsDouble(); y = b.getAsDouble(); } else { y = b.getAsDouble(); x = a.getAsDouble(); }
                    if (r < WARM_UP_ROUNDS) continue;
                    ra[r - WARM_UP_ROUNDS] = x;
                    rb[r - WARM_UP_ROUNDS] = y;
                    ratio[r - WARM_UP_ROUNDS] = y / x;
                }
                Arrays.sort(ratio);
                System.out.println(String.format(Locale.ROOT, "%-22s %7d %12.1f %12.1f %8.3f %7.3f–%.3f", w, t, BenchTable.median(ra),
                        BenchTable.median(rb), ratio[ratio.length / 2], ratio[ratio.length / 4], ratio[3 * ratio.length / 4]));
            }
        }
        System.out.println("\nunits: GFLOP/s for GEMM specs, samples/s for infer and train");
    }

    /** The workload made in a fresh class loader over this build's class path. */
    private static DoubleSupplier load(String classPath, String workload, int threads) throws Exception {
        String[] entries = classPath.split(File.pathSeparator);
        URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++) urls[i] = new File(entries[i]).toURI().toURL();
        // The platform loader as parent: the JDK's classes (and jdk.incubator.vector) are shared,
        // jinn's are this build's own.
        ClassLoader loader = new URLClassLoader("duel", urls, ClassLoader.getPlatformClassLoader());
        return (DoubleSupplier) loader.loadClass(DuelWorkload.class.getName())
                .getConstructor(String.class, int.class).newInstance(workload, threads);
    }
}
