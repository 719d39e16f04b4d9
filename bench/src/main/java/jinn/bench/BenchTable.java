package jinn.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import jinn.accel.CpuBackend;
import jinn.data.Mnist;

/**
 * The table {@code bin/bench} prints: each workload, jinn against OpenBLAS (same process, same
 * operands, their runs taking turns) and PyTorch (child processes; for GEMM one per thread count, whose
 * runs take turns with jinn's and OpenBLAS's; for MNIST training one per run, taking turns with
 * jinn's; for MNIST inference one process whose passes take turns with jinn's one by one), median of N runs,
 * at each thread count; beside the MNIST, CNN and first-epoch ratios, their lowest and highest turn by
 * turn ({@link #turnRange}).
 *
 * <p>Options: {@code --runs N} (default 15), {@code --threads 1,2} (default 1 and all cores),
 * {@code --no-torch}, {@code --best} (fastest run instead of the median),
 * {@code --no-gemm}, {@code --no-mnist}, {@code --mnist DIR} (default ../shared/data/mnist beside the
 * checkout), {@code --mnist-runs N} (default 3), {@code --cold-rounds N} (default 3; {@code --no-cold}
 * skips the first-epoch rows), {@code --cnn-images N} (default 6000: the CNN's training images; {@code
 * --no-cnn} skips it), {@code --csv FILE} (every figure, for comparison over time),
 * {@code --cpu-time} (single-thread rows by thread CPU time, for shared machines),
 * {@code --avx2} (jinn and the peers held to AVX2 on an AVX-512 machine: {@link Avx2Only}),
 * {@code --no-tornado}, {@code --tornado-images N} (default 6000: the TornadoVM column's MNIST
 * epoch, which on an OpenCL CPU device takes minutes for all 60,000).
 *
 * <p>The TornadoVM column ({@link TornadoColumn}) is measured in a child JVM when {@code bin/bench}
 * found TORNADOVM_HOME, and says "not installed" otherwise; its GEMM figures stand in the all-cores
 * rows, since the device does not use jinn's thread count.
 */
public final class BenchTable {

    /** Each timed run lasts about this long, so microsecond kernels are timed over many calls. */
    private static final double RUN_SECONDS = 0.02;

    /**
     * "median" for the table people read; "best" ({@code --best}) for tuning on a shared machine,
     * where the fastest run is the one least disturbed by other programs.
     */
    private static String statistic = "median";

    /**
     * {@code --cpu-time}: single-thread rows are timed by the thread's CPU time instead of the wall
     * clock, so time the thread spent descheduled (other programs on a shared machine) is not
     * counted. Cache sharing still is. Multi-thread rows always use the wall clock.
     */
    private static boolean cpuTime;
    private static boolean cpuClockNow;

    /**
     * Pause between two timed runs with more than one thread. OpenBLAS's workers spin for about
     * 0.1 s after a call before they sleep; without the pause, the run after OpenBLAS's found one of
     * the two cores still taken and measured at half speed.
     */
    private static long settleMillis;

    /** Every figure printed, as CSV rows for {@code --csv FILE}: workload,unit,threads,jinn,openblas,pytorch,tornadovm. */
    private static final List<String> csv = new ArrayList<>(List.of("workload,unit,threads,jinn,openblas,pytorch,tornadovm"));

    private static void csvRow(String workload, String unit, int threads, double jinn, Double openblas, Double pytorch, Double tornado) {
        csv.add(String.join(",", '"' + workload.trim() + '"', unit, Integer.toString(threads), Double.toString(jinn),
                openblas == null ? "" : openblas.toString(), pytorch == null ? "" : pytorch.toString(),
                tornado == null ? "" : tornado.toString()));
    }

    public static void main(String[] args) throws IOException {
        int runs = 15;
        List<Integer> threads = new ArrayList<>(List.of(1, Runtime.getRuntime().availableProcessors()));
        boolean torch = true;
        boolean best = false;
        boolean gemm = true;
        int mnistRuns = 3;
        String mnistDir = defaultMnistDir();
        String csvFile = null;
        boolean tornado = true;
        int tornadoImages = 6000;
        int coldRounds = 3;
        int cnnImages = 6000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--no-torch" -> torch = false;
                case "--avx2" -> Avx2Only.requested();
                case "--best" -> best = true;
                case "--cpu-time" -> cpuTime = true;
                case "--no-gemm" -> gemm = false;
                case "--no-mnist" -> mnistDir = null;
                case "--mnist" -> mnistDir = args[++i];
                case "--mnist-runs" -> mnistRuns = Integer.parseInt(args[++i]);
                case "--csv" -> csvFile = args[++i];
                case "--no-tornado" -> tornado = false;
                case "--tornado-images" -> tornadoImages = Integer.parseInt(args[++i]);
                case "--cold-rounds" -> coldRounds = Integer.parseInt(args[++i]);
                case "--no-cold" -> coldRounds = 0;
                case "--cnn-images" -> cnnImages = Integer.parseInt(args[++i]);
                case "--no-cnn" -> cnnImages = 0;
                default -> {
                    System.err.println("bench: unknown option '" + args[i] + "'. Options: --runs N, --threads 1,2, --no-torch, --best, --no-gemm, --no-mnist, --mnist DIR, --mnist-runs N, --cold-rounds N, --no-cold, --cnn-images N, --no-cnn, --csv FILE, --cpu-time, --no-tornado, --tornado-images N");
                    System.exit(2);
                }
            }
        }
        threads = threads.stream().distinct().toList();
        statistic = best ? "best" : "median";
        System.out.println("jinn benchmark: " + statistic + " of " + runs + " runs (each ~" + (int) (RUN_SECONDS * 1000) + " ms)"
                + (cpuTime ? "; 1-thread GEMM rows timed by thread CPU time" : ""));
        System.out.println("load  " + loadAverage());
        System.out.println("CPUs  " + Pinning.describe());
        System.out.println("JDK   " + System.getProperty("java.vm.name") + " " + Runtime.version()
                + (ColdEpoch.onHugePages() ? ", heap on transparent huge pages (as bin/jinn runs it here)" : ""));
        System.out.println("jinn  " + new CpuBackend(threads.get(threads.size() - 1)).description());
        // The peers at their best: OpenBLAS (here, and under PyTorch) picks its kernels for this CPU
        // unless the environment forces a core type; bin/bench unsets those variables for this JVM, and
        // Torch for its children. A forced OpenBLAS in this JVM would be an unfair peer: refuse.
        for (String v : Torch.OPENBLAS_OVERRIDES) {
            if (System.getenv(v) != null && !(Avx2Only.ON && v.equals("OPENBLAS_CORETYPE"))) {
                System.err.println("bench: " + v + "=" + System.getenv(v) + " is set, which forces OpenBLAS's kernels in this JVM"
                        + " (AVX2 ones on an AVX-512 machine, with Haswell): run the table through bin/bench, which unsets it for the peers");
                System.exit(2);
            }
        }
        String core = OpenBlas.coreName(); // a foreign-function lookup: once
        String avx2Problem = Avx2Only.problem(Avx2Only.ON, core);
        if (avx2Problem != null) {
            System.err.println("bench: " + avx2Problem);
            System.exit(2);
        }
        if (Avx2Only.ON) System.out.println("ISA   " + Avx2Only.describe());
        String unset = System.getProperty("jinn.bench.unset", "").trim();
        System.out.println("OpenBLAS " + openBlasVersion() + ", kernels for core " + core
                + (unset.isEmpty() ? "" : " (environment's " + unset + " unset for the peers)"));
        Peak peak = Peak.measure();
        System.out.println("peak  " + peak.describe());
        System.out.println();

        Torch py = torch ? Torch.find() : null;
        String torchNote = !torch ? "skipped (--no-torch)" : py == null ? Torch.missing() : py.version();
        if (py != null) System.out.println("PyTorch multiplies with " + py.kernels());
        if (py != null && py.slowBlasWarning() != null) System.out.println(py.slowBlasWarning() + "\n");
        TornadoColumn tv = tornado ? TornadoColumn.find() : null;
        String tvNote = !tornado ? "skipped (--no-tornado)" : tv == null ? TornadoColumn.missing() : null;
        if (gemm) gemmTable(runs, threads, py, torchNote, tv, tvNote, peak);
        if (mnistDir != null) mnistTable(mnistDir, mnistRuns, threads, py, torchNote, tv, tvNote, tornadoImages);
        if (mnistDir != null && cnnImages > 0) cnnTable(mnistDir, mnistRuns, cnnImages, threads, py, torchNote);
        if (mnistDir != null && coldRounds > 0) coldEpochTable(mnistDir, coldRounds, threads.get(threads.size() - 1), py, torchNote);
        if (csvFile != null) {
            java.nio.file.Files.write(java.nio.file.Path.of(csvFile), csv);
            System.out.println("wrote " + csvFile);
        }
        if (!failures.isEmpty()) {
            System.out.println();
            System.out.println("FAILED: results differ beyond the tolerance, so those rows compare nothing:");
            failures.forEach(f -> System.out.println("  " + f));
            System.exit(1);
        }
    }

    /** Rows whose results disagreed with jinn's (see {@link #check}); the bench exits 1 when there are any. */
    private static final List<String> failures = new ArrayList<>();

    /** The OpenBLAS build the bench loads (bytedeco's), from its version property. */
    private static String openBlasVersion() {
        String v = org.bytedeco.openblas.global.openblas_nolapack.class.getPackage().getImplementationVersion();
        return v != null ? v : "(bytedeco openblas_nolapack)";
    }

    private static void gemmTable(int runs, List<Integer> threads, Torch py, String torchNote, TornadoColumn tv, String tvNote,
                                  Peak peak) throws IOException {
        List<GemmShape> shapes = GemmShape.TRAINING;
        warmUp(threads);
        Map<String, double[]> java = new LinkedHashMap<>();
        Map<String, Double> torchRates = new java.util.HashMap<>();
        for (int t : threads) {
            Pinning.forThreads(t);
            CpuBackend jinn = new CpuBackend(t);
            OpenBlas.threads(t);
            Torch.GemmRuns torch = null;
            if (py != null) {
                try {
                    torch = py.gemmRuns(t, shapes, OPERAND_SEED);
                } catch (IOException e) {
                    failures.add("PyTorch, " + t + " threads: torch_gemm.py failed: " + e.getMessage());
                }
            }
            cpuClockNow = cpuTime && t == 1;
            settleMillis = t > 1 ? 150 : 0;
            try {
                for (GemmShape s : shapes) {
                    double[] r = measure(jinn, s, runs, torch);
                    java.put(s.spec() + " " + t, r);
                    if (torch != null && !Double.isNaN(r[2])) torchRates.put(s.spec() + " " + t, r[2]);
                }
            } finally {
                cpuClockNow = false;
                settleMillis = 0;
                if (torch != null) torch.close();
            }
        }
        Pinning.release();
        System.out.println("PyTorch " + torchNote);
        Map<String, Double> tvRates = Map.of();
        if (tv != null) {
            try {
                tvRates = tv.gemm(runs, shapes);
                tvNote = tv.device() + ", operands copied in and out per call, median of " + Math.min(runs, 5) + " calls";
            } catch (IOException e) {
                tvNote = "failed: " + e.getMessage().lines().findFirst().orElse("");
            }
        }
        System.out.println("TornadoVM " + tvNote);
        System.out.println();

        System.out.println("peak: each library's GFLOP/s as a share of the cores' FMA peak (" + peak.formula() + " per core)");
        String header = String.format("%-30s %7s %10s %10s %8s %10s %8s %10s %6s %6s %6s", "GEMM GFLOP/s", "threads", "jinn",
                "OpenBLAS", "jinn/OB", "PyTorch", "jinn/PT", "TornadoVM", "jinn%", "OB%", "PT%");
        System.out.println(header);
        System.out.println("-".repeat(header.length()));
        for (int t : threads) {
            for (GemmShape s : shapes) {
                double[] r = java.get(s.spec() + " " + t);
                Double pt = torchRates.get(s.spec() + " " + t);
                Double tr = t == threads.get(threads.size() - 1) ? tvRates.get(s.spec()) : null;
                boolean obOk = !Double.isNaN(r[1]);
                csvRow(s.name(), "GFLOP/s", t, r[0], obOk ? r[1] : null, pt, tr);
                double top = peak.gflops(t);
                csvRow(s.name(), "share of peak", t, r[0] / top, obOk ? r[1] / top : null, pt == null ? null : pt / top, null);
                System.out.println(String.format(Locale.ROOT, "%-30s %7d %10.1f %10s %8s %10s %8s %10s %6s %6s %6s", s.name(), t, r[0],
                        obOk ? String.format(Locale.ROOT, "%.1f", r[1]) : "WRONG",
                        obOk ? String.format(Locale.ROOT, "%.2f", r[0] / r[1]) : "-",
                        pt == null ? (py == null ? "-" : "WRONG") : String.format(Locale.ROOT, "%.1f", pt),
                        pt == null ? "-" : String.format(Locale.ROOT, "%.2f", r[0] / pt),
                        tr == null ? "-" : String.format(Locale.ROOT, "%.2f", tr),
                        percent(r[0] / top), obOk ? percent(r[1] / top) : "-", pt == null ? "-" : percent(pt / top)));
            }
        }
        System.out.println();
        smallLatency(runs, threads);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    /** Operands of the GEMM rows: the same values for jinn, OpenBLAS and PyTorch. */
    private static final long OPERAND_SEED = 42;

    /**
     * Whether a peer's C agrees with jinn's: every entry within 1e-6·k, where entries are sums of k
     * products of values in [-1, 1) (float rounding of such sums stays far below; a wrong kernel,
     * layout or transpose lands far above). Otherwise the row is recorded as failed and printed WRONG.
     */
    private static boolean check(String peer, GemmShape s, int threads, float[] jinn, float[] peerC) {
        String difference = difference(s, jinn, peerC);
        if (difference == null) return true;
        String f = peer + " " + s.name().trim() + ", " + threads + " threads: " + difference;
        failures.add(f);
        System.out.println("WRONG: " + f);
        return false;
    }

    /** Null when the peer's C is jinn's within 1e-6·k, else by how much it differs. */
    static String difference(GemmShape s, float[] jinn, float[] peerC) {
        double worst = 0, tolerance = 1e-6 * s.k();
        if (peerC.length != jinn.length) worst = Double.POSITIVE_INFINITY;
        else for (int i = 0; i < jinn.length; i++) worst = Math.max(worst, Math.abs(jinn[i] - peerC[i]));
        // A NaN in either C makes worst NaN, which fails this test too: a difference.
        if (worst <= tolerance) return null;
        return String.format(Locale.ROOT, "C differs from jinn's by up to %.3g (tolerance 1e-6 * k = %.3g)", worst, tolerance);
    }

    /**
     * A REPL-sized matmul (the tutorials', the perceptron's) must stay in nanoseconds: no thread
     * hand-off, no packing; it is timed in calls per run as the other rows, against OpenBLAS's.
     */
    private static void smallLatency(int runs, List<Integer> threadCounts) {
        GemmShape s = GemmShape.parse("NN:2x4x3");
        String header = String.format("%-30s %7s %10s %10s %8s", "tiny matmul, ns per call", "threads", "jinn", "OpenBLAS", "jinn/OB");
        System.out.println(header);
        System.out.println("-".repeat(header.length()));
        for (int threads : threadCounts) {
            Pinning.forThreads(threads);
            float[][] ops = s.operands(3);
            CpuBackend jinn = new CpuBackend(threads);
            OpenBlas.threads(threads);
            Runnable j = () -> jinn.gemm(false, false, 2, 4, 3, 1f, ops[0], 0, 3, ops[1], 0, 4, 0f, ops[2], 0, 4);
            try (OpenBlas blas = new OpenBlas(s, ops[0], ops[1], ops[2])) {
                // With one "flop" per call, rates() are in billions of calls per second.
                double[] r = rates(1, runs, j, blas::run);
                j.run();
                blas.run();
                boolean ok = check("OpenBLAS", s, threads, ops[2], blas.result());
                double jinnNanos = 1 / r[0], blasNanos = 1 / r[1];
                csvRow("2x3 * 3x4 matmul latency", "ns", threads, jinnNanos, ok ? blasNanos : null, null, null);
                System.out.println(String.format(Locale.ROOT, "%-30s %7d %10.1f %10s %8s", "2x3 * 3x4", threads, jinnNanos,
                        ok ? String.format(Locale.ROOT, "%.1f", blasNanos) : "WRONG",
                        ok ? String.format(Locale.ROOT, "%.2f", jinnNanos / blasNanos) : "-"));
            }
        }
        Pinning.release();
        System.out.println();
    }

    /** MNIST MLP, one epoch of training and one pass of inference, samples per second. */
    private static void mnistTable(String dir, int runs, List<Integer> threads, Torch py, String torchNote,
                                   TornadoColumn tv, String tvNote, int tvImages) throws IOException {
        Mnist mnist = Mnist.load(dir);
        Map<Integer, MnistWorkload.Result> jinn = new LinkedHashMap<>();
        Map<Integer, MnistWorkload.Result> torch = new LinkedHashMap<>();
        // Per thread count: jinn's and PyTorch's Adam training samples/s, and the median of jinn's per-run Adam/SGD ratios.
        Map<Integer, double[]> adam = new LinkedHashMap<>();
        // Per thread count: jinn/PyTorch turn by turn, for SGD training, Adam training and inference.
        Map<Integer, String[]> turns = new LinkedHashMap<>();
        for (int t : threads) {
            // jinn's runs and PyTorch's take turns (one PyTorch process per run), for the reason the
            // GEMM runs do: phases of a shared machine last minutes and would land on one side only.
            Pinning.forThreads(t);
            MnistWorkload.warmUp(mnist, t);
            List<double[]> jinnRuns = new ArrayList<>(), torchRuns = new ArrayList<>();
            double[] adamJinn = new double[runs], adamTorch = new double[runs], adamOverSgd = new double[runs];
            for (int r = 0; r < runs; r++) {
                // SGD and Adam take turns too, so that their ratio compares epochs of the same minutes.
                jinnRuns.add(MnistWorkload.once(mnist, r + 1));
                if (py != null) torchRuns.add(py.mnist(dir, t, 1, statistic));
                adamJinn[r] = MnistWorkload.trainWithAdam(mnist, r + 1);
                adamOverSgd[r] = adamJinn[r] / jinnRuns.get(r)[0];
                if (py != null) adamTorch[r] = py.mnist(dir, t, 1, statistic, "adam")[0];
            }
            adam.put(t, new double[] {pick(adamJinn), py == null ? Double.NaN : pick(adamTorch), median(adamOverSgd)});
            jinn.put(t, MnistWorkload.of(jinnRuns, statistic.equals("best")));
            turns.put(t, new String[] {"-", "-", "-"});
            if (py != null) {
                torch.put(t, MnistWorkload.of(torchRuns, statistic.equals("best")));
                double[][] passes = inferenceTurns(py, dir, mnist, t);
                jinn.put(t, jinn.get(t).withInference(pick(passes[0])));
                torch.put(t, torch.get(t).withInference(pick(passes[1])));
                turns.put(t, new String[] {turnRange(jinnRuns.stream().mapToDouble(x -> x[0]).toArray(), torchRuns.stream().mapToDouble(x -> x[0]).toArray()),
                        turnRange(adamJinn, adamTorch), turnRange(passes[0], passes[1])});
            }
        }
        Pinning.release();
        double[] tvr = null;
        if (tv != null) {
            try {
                tvr = tv.mnist(dir, tvImages);
                tvNote = String.format(Locale.ROOT, "%s; training: compiled step over the first %,d images, timed after its first step "
                        + "(which compiled it in %.1f s); inference op by op", tv.device(), tvImages, tvr[3]);
            } catch (IOException e) {
                tvNote = "failed: " + e.getMessage().lines().findFirst().orElse("");
            }
        }

        System.out.println("MNIST MLP 784-256-128-10 ReLU, softmax-CE, SGD 0.1 (Adam 0.001 where named), batch 128, 1 epoch; " + statistic + " of "
                + runs + " runs after a warm-up epoch, jinn's and PyTorch's taking turns (inference: "
                + (py != null ? statistic + " of " + INFERENCE_TURNS + " passes over the test images, jinn's and PyTorch's taking turns pass by pass"
                        : "each run's median of " + MnistWorkload.INFERENCE_PASSES + " passes after its training")
                + "); PyTorch " + torchNote);
        System.out.println("TornadoVM " + tvNote);
        String header = String.format("%-30s %7s %10s %10s %8s %12s %10s", "MNIST samples/s", "threads", "jinn", "PyTorch", "jinn/PT", "turns", "TornadoVM");
        System.out.println(header);
        System.out.println("-".repeat(header.length()));
        for (int t : threads) {
            MnistWorkload.Result j = jinn.get(t);
            MnistWorkload.Result p = torch.get(t);
            double[] tr = t == threads.get(threads.size() - 1) ? tvr : null;
            csvRow("MNIST training", "samples/s", t, j.trainPerSecond(), null, p == null ? null : p.trainPerSecond(), tr == null ? null : tr[0]);
            csvRow("MNIST inference", "samples/s", t, j.inferPerSecond(), null, p == null ? null : p.inferPerSecond(), tr == null ? null : tr[1]);
            String[] range = turns.get(t);
            System.out.println(row("training (60,000 images)", t, j.trainPerSecond(), p == null ? null : p.trainPerSecond(), tr == null ? null : tr[0], range[0]));
            double[] a = adam.get(t);
            Double adamTorch = Double.isNaN(a[1]) ? null : a[1];
            csvRow("MNIST training Adam", "samples/s", t, a[0], null, adamTorch, null);
            csvRow("MNIST training Adam/SGD (jinn)", "ratio", t, a[2], null, null, null);
            System.out.println(row("training, Adam (fit's default)", t, a[0], adamTorch, null, range[1]));
            System.out.println(String.format(Locale.ROOT, "%-30s %7d %10.2f %10s", "  jinn Adam/SGD, median ratio", t, a[2], "-"));
            System.out.println(row("inference (10,000 images)", t, j.inferPerSecond(), p == null ? null : p.inferPerSecond(), tr == null ? null : tr[1], range[2]));
            System.out.println(String.format(Locale.ROOT, "%-30s %7d %10.4f %10s %8s %12s %10s", "  test accuracy after 1 epoch", t,
                    j.accuracy(), p == null ? "-" : String.format(Locale.ROOT, "%.4f", p.accuracy()), "", "",
                    tr == null ? "-" : String.format(Locale.ROOT, "%.4f", tr[2])));
            // The memory target: what a batch leaves for the GC (this thread's allocation counter).
            csvRow("MNIST bytes per training step", "bytes", t, j.bytesPerStep(), null, null, null);
            csvRow("MNIST bytes per 128-row prediction", "bytes", t, j.bytesPerBatch(), null, null, null);
            System.out.println(String.format(Locale.ROOT, "%-30s %7d %10.0f %10s", "  bytes allocated per step", t, j.bytesPerStep(), "-"));
            System.out.println(String.format(Locale.ROOT, "%-30s %7d %10.0f %10s", "  ... per 128-row prediction", t, j.bytesPerBatch(), "-"));
        }
    }

    /**
     * The LeNet-sized CNN ({@link CnnWorkload}), training over the first {@code images} training
     * images and inference over 2,000 test images, samples/s; after a warm-up over 1,280 images, then
     * {@code runs} runs, each jinn's then PyTorch's (one process per run, with its own warm-up).
     */
    private static void cnnTable(String dir, int runs, int images, List<Integer> threads, Torch py, String torchNote) throws IOException {
        Mnist mnist = Mnist.load(dir);
        System.out.println();
        System.out.println("MNIST CNN conv16(5x5)-pool-conv32(5x5)-pool-dense128-10, Adam 0.001, batch 64, 1 epoch over the first "
                + String.format(Locale.ROOT, "%,d", images) + " training images, inference over " + CnnWorkload.TEST_IMAGES
                + " test images; " + statistic + " of " + runs + " runs, jinn's and PyTorch's taking turns; PyTorch " + torchNote);
        String header = String.format("%-30s %7s %10s %10s %8s %12s", "CNN samples/s", "threads", "jinn", "PyTorch", "jinn/PT", "turns");
        System.out.println(header);
        System.out.println("-".repeat(header.length()));
        for (int t : threads) {
            Pinning.forThreads(t);
            jinn.accel.Backends.use(new CpuBackend(t));
            CnnWorkload.once(mnist, 1280, 99); // warm-up: the JIT compiles the convolution's kernels
            double[][] j = new double[3][runs], p = new double[2][runs];
            for (int r = 0; r < runs; r++) {
                pause(300);
                double[] one = CnnWorkload.once(mnist, images, r + 1);
                for (int i = 0; i < 3; i++) j[i][r] = one[i];
                if (py != null) {
                    pause(300);
                    double[] other = py.cnn(dir, t, images);
                    p[0][r] = other[0];
                    p[1][r] = other[1];
                }
            }
            String[] names = {"training", "inference"};
            for (int i = 0; i < 2; i++) {
                double jv = pick(j[i]);
                Double pv = py == null ? null : pick(p[i]);
                csvRow("MNIST CNN " + names[i], "samples/s", t, jv, null, pv, null);
                System.out.println(row(names[i], t, jv, pv, null, py == null ? "-" : turnRange(j[i], p[i])));
            }
            double bytes = median(j[2]);
            csvRow("MNIST CNN bytes per training step", "bytes", t, bytes, null, null, null);
            System.out.println(String.format(Locale.ROOT, "%-30s %7d %10.0f %10s", "  bytes allocated per step", t, bytes, "-"));
        }
        Pinning.release();
    }

    /**
     * The first epoch a learner waits for: one epoch of the MNIST MLP in a fresh process on each side
     * (data loaded first, not timed; the JIT's, the allocator's and the thread pools' start-up timed),
     * jinn with its default optimizer (Adam 0.001) and with sgd(0.1), PyTorch with Adam 0.001 and SGD
     * 0.1; and the LeNet-sized CNN with Adam 0.001 on both (issue 21's first epoch); the six processes
     * take turns, round after round. Seconds, lower is better; the ratio is jinn's time over PyTorch's
     * with the same optimizer.
     */
    private static void coldEpochTable(String dir, int rounds, int threads, Torch py, String torchNote) throws IOException {
        String[] jinnKinds = {"default", "sgd", "cnn"}, torchKinds = {"adam", "sgd", "cnn"};
        double[][] jinn = new double[3][rounds], torch = new double[3][rounds];
        // The same Adam epoch in a notebook run by the launcher, as a learner runs one: only where the
        // launcher is (a checkout) and the table is for all cores, which its backend uses.
        String root = System.getProperty("jinn.root");
        boolean inNotebook = root != null && java.nio.file.Files.isExecutable(java.nio.file.Path.of(root, "bin", "jinn"))
                && threads == Runtime.getRuntime().availableProcessors();
        java.nio.file.Path notebook = inNotebook ? ColdEpoch.writeNotebook(dir) : null;
        double[] jinnNotebook = new double[rounds];
        // Untimed: a first run builds the launcher's distribution if the sources changed and trains its
        // start-up cache, which a learner's first run does once and every later run reuses.
        if (inNotebook) ColdEpoch.notebook(root, notebook);
        for (int r = 0; r < rounds; r++) {
            for (int o = 0; o < 3; o++) {
                pause(300);
                jinn[o][r] = ColdEpoch.fresh(dir, threads, jinnKinds[o]);
                if (py != null) {
                    pause(300);
                    torch[o][r] = py.coldEpoch(dir, threads, torchKinds[o]);
                }
            }
            if (inNotebook) {
                pause(300);
                jinnNotebook[r] = ColdEpoch.notebook(root, notebook);
            }
        }
        System.out.println();
        System.out.println("MNIST MLP and the CNN, the first epoch in a fresh process (data loaded, not timed); median of " + rounds
                + " rounds, jinn's and PyTorch's processes taking turns, " + threads + " threads; seconds (lower is better); PyTorch " + torchNote);
        System.out.println("  runs, s: jinn Adam " + Arrays.toString(jinn[0]) + ", sgd " + Arrays.toString(jinn[1]) + ", CNN " + Arrays.toString(jinn[2])
                + (py == null ? "" : "; PyTorch Adam " + Arrays.toString(torch[0]) + ", SGD " + Arrays.toString(torch[1]) + ", CNN " + Arrays.toString(torch[2])));
        String header = String.format("%-30s %7s %10s %10s %8s %12s", "first epoch, s", "threads", "jinn", "PyTorch", "jinn/PT", "turns");
        System.out.println(header);
        System.out.println("-".repeat(header.length()));
        String[] names = {"Adam 0.001 (jinn's default)", "SGD 0.1", "CNN, Adam 0.001, batch 64"};
        for (int o = 0; o < 3; o++) {
            coldRow((o == 2 ? "MNIST CNN first epoch, fresh process, " : "MNIST first epoch, fresh process, ") + names[o], names[o],
                    threads, jinn[o], py == null ? null : torch[o]);
        }
        if (inNotebook) {
            coldRow("MNIST first epoch, jinn run NOTEBOOK, Adam 0.001 (PyTorch: its fresh process)", "Adam, in a notebook (jinn run)",
                    threads, jinnNotebook, py == null ? null : torch[0]);
            System.out.println("  runs, s: jinn run NOTEBOOK " + Arrays.toString(jinnNotebook)
                    + " (bin/jinn run on a one-cell notebook: the launcher's start-up cache and options, JShell compiling the cells;"
                    + " PyTorch's column is its Adam row's fresh process)");
        }
    }

    /** One first-epoch row, as the table prints it and as the CSV has it: medians of the rounds, seconds. */
    private static void coldRow(String csvName, String name, int threads, double[] jinn, double[] torch) {
        double j = median(jinn), p = torch == null ? Double.NaN : median(torch);
        csvRow(csvName, "s", threads, j, null, torch == null ? null : p, null);
        System.out.println(String.format(Locale.ROOT, "%-30s %7d %10.2f %10s %8s %12s", name, threads, j,
                torch == null ? "-" : String.format(Locale.ROOT, "%.2f", p), torch == null ? "-" : String.format(Locale.ROOT, "%.2f", j / p),
                torch == null ? "-" : turnRange(jinn, torch)));
    }

    /** Inference passes per side when jinn's and PyTorch's take turns. */
    private static final int INFERENCE_TURNS = 21;

    /**
     * {jinn, PyTorch} inference samples/s, median (or best) of passes taking turns one by one: a pass
     * lasts ~50-80 ms, while the slow phases of a shared machine last seconds and decided whole runs
     * (jinn/PyTorch at two threads read 0.89, 1.04 and 1.22 in three runs of the same code). Each
     * turn starts after the pause OpenBLAS's spinning threads need (see settleMillis). Returns
     * {jinn's passes, PyTorch's passes}, samples/s, in the order they ran.
     */
    private static double[][] inferenceTurns(Torch py, String dir, Mnist mnist, int threads) throws IOException {
        var model = MnistWorkload.model(1);
        var x = mnist.test().x();
        int[] labels = mnist.test().labels(), correct = new int[1];
        double[] jinn = new double[INFERENCE_TURNS], torch = new double[INFERENCE_TURNS];
        try (Torch.InferencePasses passes = py.inferencePasses(dir, threads)) {
            for (int i = 0; i < 2 * MnistWorkload.INFERENCE_PASSES; i++) MnistWorkload.pass(model, x, labels, correct);
            for (int r = 0; r < INFERENCE_TURNS; r++) {
                pause(150);
                jinn[r] = MnistWorkload.pass(model, x, labels, correct);
                pause(150);
                torch[r] = passes.pass();
            }
        }
        return new double[][] {jinn, torch};
    }

    /** The table's statistic of these figures: the median, or the fastest with --best. */
    private static double pick(double[] x) {
        return pick(x, statistic.equals("best"));
    }

    /** The fastest of these figures when {@code best}, else their median. */
    static double pick(double[] x, boolean best) {
        return best ? Arrays.stream(x).max().orElseThrow() : median(x);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String row(String name, int threads, double jinn, Double torch, Double tornado, String turns) {
        return String.format(Locale.ROOT, "%-30s %7d %10.0f %10s %8s %12s %10s", name, threads, jinn,
                torch == null ? "-" : String.format(Locale.ROOT, "%.0f", torch),
                torch == null ? "-" : String.format(Locale.ROOT, "%.2f", jinn / torch), turns,
                tornado == null ? "-" : String.format(Locale.ROOT, "%.0f", tornado));
    }

    /** The checkout's ../shared/data/mnist (where tests find it), else nothing: Mnist.load() then searches. */
    private static String defaultMnistDir() {
        String root = System.getProperty("jinn.root");
        if (root != null) {
            java.nio.file.Path p = java.nio.file.Path.of(root).resolve("../shared/data/mnist").normalize();
            if (java.nio.file.Files.isDirectory(p)) return p.toString();
        }
        return System.getProperty("user.home") + "/.jinn/mnist";
    }

    /**
     * The Vector API runs boxed and ~1000× slower until C2 compiles the kernels, so every transpose
     * combination runs for a while before anything is timed.
     */
    private static void warmUp(List<Integer> threads) {
        for (int t : threads) {
            CpuBackend jinn = new CpuBackend(t);
            for (String spec : List.of("NN", "TN", "NT", "TT")) {
                // Edges in m and n, three k blocks, beta 0 and 1: every branch the timed shapes take.
                GemmShape s = GemmShape.parse(spec + ":100x200x600");
                float[][] ops = s.operands(1);
                for (float beta : new float[] {0f, 1f}) {
                    untilCompiled(() -> jinn.gemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), 1f, ops[0], 0, s.lda(),
                            ops[1], 0, s.ldb(), beta, ops[2], 0, s.n()));
                }
            }
        }
    }

    /**
     * Until C2 has compiled the kernels every vector op allocates, so "compiled" shows as calls that
     * allocate (almost) nothing; on a busy machine that can take many seconds.
     */
    private static void untilCompiled(Runnable call) {
        long t0 = System.nanoTime();
        int quiet = 0;
        while (System.nanoTime() - t0 < 20_000_000_000L && (quiet < 20 || System.nanoTime() - t0 < 500_000_000L)) {
            quiet = bytesPerCall(call, 1) < 16 * 1024 ? quiet + 1 : 0;
        }
    }

    /**
     * {jinn, OpenBLAS, PyTorch} GFLOP/s at a shape, their runs taking turns; a peer whose C is not
     * jinn's (see {@link #check}), or whose process failed, gets NaN. PyTorch's is NaN without {@code torch}.
     */
    private static double[] measure(CpuBackend jinn, GemmShape s, int runs, Torch.GemmRuns torch) {
        float[][] ops = s.operands(OPERAND_SEED);
        float[] a = ops[0], b = ops[1], c = ops[2];
        Runnable j = () -> jinn.gemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), 1f, a, 0, s.lda(), b, 0, s.ldb(), 0f, c, 0, s.n());
        try (OpenBlas blas = new OpenBlas(s, a, b, c)) {
            untilCompiled(j);
            long garbage = bytesPerCall(j, 10);
            if (garbage > 64 * 1024) {
                // Kilobytes per call means a vector op was left un-intrinsified and boxes per step.
                System.out.println("WARNING: " + s.name() + ": jinn allocated " + garbage + " bytes per call");
            }
            blas.run();
            boolean ok = check("OpenBLAS", s, jinn.threads(), c, blas.result());
            float[] expected = c.clone();
            boolean[] torchOk = {torch != null};
            DoubleSupplier peer = () -> {
                if (!torchOk[0]) return Double.NaN;
                try {
                    return torch.run(s);
                } catch (IOException | RuntimeException e) {
                    failures.add("PyTorch " + s.name().trim() + ", " + jinn.threads() + " threads: " + e.getMessage());
                    torchOk[0] = false;
                    return Double.NaN;
                }
            };
            double[] r = rates(s.flops(), runs, new Runnable[] {j, blas::run}, new DoubleSupplier[] {peer});
            if (!ok) r[1] = Double.NaN;
            if (torchOk[0]) {
                try {
                    if (!check("PyTorch", s, jinn.threads(), expected, torch.result(s))) r[2] = Double.NaN;
                } catch (IOException e) {
                    failures.add("PyTorch " + s.name().trim() + ", " + jinn.threads() + " threads: no C came back: " + e.getMessage());
                    r[2] = Double.NaN;
                }
            }
            return r;
        }
    }

    /** Bytes the calling thread and the pool's workers allocate per call, once warm. */
    private static long bytesPerCall(Runnable call, int calls) {
        long before = Allocated.now();
        for (int i = 0; i < calls; i++) call.run();
        return (Allocated.now() - before) / calls;
    }

    /**
     * Median GFLOP/s of each call over runs, each run as many calls as fit in RUN_SECONDS. The calls
     * take turns, run by run: on a shared virtual machine the speed of a core changes by up to 2×
     * within tens of milliseconds (another guest on the same physical core), and timing one library's
     * runs all before the other's turned those swings into ratios of 0.6 one run and 1.0 the next.
     */
    static double[] rates(double flopsPerCall, int runs, Runnable... calls) {
        return rates(flopsPerCall, runs, calls, new DoubleSupplier[0]);
    }

    /**
     * The same, with peers in other processes taking their turns after the calls: each supplier runs
     * one run of its own and returns its GFLOP/s (or NaN), last in the result.
     */
    static double[] rates(double flopsPerCall, int runs, Runnable[] calls, DoubleSupplier[] peers) {
        int[] reps = new int[calls.length];
        for (int i = 0; i < calls.length; i++) {
            untilCompiled(calls[i]);
            long t0 = System.nanoTime();
            while (System.nanoTime() - t0 < 200_000_000L) { // caches, and how many calls fill a run
                calls[i].run();
                reps[i]++;
            }
            reps[i] = Math.max(1, (int) (reps[i] * RUN_SECONDS / 0.2));
        }
        double[][] rates = new double[calls.length + peers.length][runs];
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = 0; r < runs; r++) {
            for (int i = 0; i < calls.length; i++) {
                settle(calls[i]);
                long t = cpuClockNow ? mx.getCurrentThreadCpuTime() : System.nanoTime();
                for (int k = 0; k < reps[i]; k++) calls[i].run();
                long elapsed = (cpuClockNow ? mx.getCurrentThreadCpuTime() : System.nanoTime()) - t;
                rates[i][r] = flopsPerCall * reps[i] / (elapsed * 1e-9) / 1e9;
            }
            for (int p = 0; p < peers.length; p++) {
                // The same pause before a peer's turn, which warms itself up likewise (torch_gemm.py):
                // OpenBLAS's threads in this process spin for a while after its turn, and without the
                // pause PyTorch's two-thread rows ran on one free core (142 GFLOP/s where 239 in a batch).
                if (settleMillis > 0) pause(settleMillis);
                rates[calls.length + p][r] = peers[p].getAsDouble();
            }
        }
        double[] out = new double[rates.length];
        for (int i = 0; i < rates.length; i++) {
            out[i] = Arrays.stream(rates[i]).anyMatch(Double::isNaN) ? Double.NaN : pick(rates[i]);
        }
        return out;
    }

    /**
     * The pause, then 5 ms of untimed calls: after 150 ms idle a run started slow (jinn's 2-thread
     * 128x256x784 by 20%: parked workers, cores clocked down), which is nobody's steady state.
     */
    private static void settle(Runnable call) {
        if (settleMillis == 0) return;
        pause(settleMillis);
        for (long t0 = System.nanoTime(); System.nanoTime() - t0 < 5_000_000L; ) call.run();
    }

    /** The 1-, 5- and 15-minute load averages: how quiet the machine was. */
    private static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2] + " (1/5/15 min) on " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * The lowest and highest of jinn's figure over the peer's, turn by turn ("0.93-1.12"), or "-": the
     * median ratio alone hides how much a shared machine moved the two sides between turns, and a
     * reader judging a 1.05 should see whether the turns ranged over 1.03-1.07 or 0.80-1.30.
     */
    static String turnRange(double[] jinn, double[] peer) {
        if (peer == null || peer.length != jinn.length || jinn.length == 0) return "-";
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < jinn.length; i++) {
            double r = jinn[i] / peer[i];
            lo = Math.min(lo, r);
            hi = Math.max(hi, r);
        }
        return String.format(Locale.ROOT, "%.2f-%.2f", lo, hi);
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
