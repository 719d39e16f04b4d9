package jinn.bench;

import static jinn.Jinn.epochs;
import static jinn.Jinn.net;
import static jinn.Jinn.sgd;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jinn.accel.Backend;
import jinn.accel.Backends;
import jinn.data.Dataset;
import jinn.data.Mnist;
import jinn.nn.Net;
import jinn.tensor.Tensor;

/**
 * The TornadoVM column: jinn's tornado backend (accel-tornado), measured in a child JVM started with
 * TornadoVM's argument file, so that the other columns keep their own JVM flags and the two never
 * share the cores. {@code bin/bench} passes the argument file and the backend's jar
 * ({@code -Djinn.bench.tornado.argfile=}, {@code -Djinn.bench.tornado.jar=}) when TORNADOVM_HOME is set.
 *
 * <p>GEMM: each call copies its operands in and the result out, as a call through the {@code Backend}
 * interface does. MNIST training: the compiled training step (weights kept on the device), timed
 * from the end of the first step, which compiles it; inference: the op-by-op path.
 */
final class TornadoColumn {

    private final String argfile, jar;
    private String device = "unknown device";

    private TornadoColumn(String argfile, String jar) {
        this.argfile = argfile;
        this.jar = jar;
    }

    /** The column's runner, or null when TornadoVM or the backend's jar is not there ({@link #missing()} says what to do). */
    static TornadoColumn find() {
        String argfile = System.getProperty("jinn.bench.tornado.argfile"), jar = System.getProperty("jinn.bench.tornado.jar");
        if (argfile == null || jar == null || !Files.isRegularFile(Path.of(argfile)) || !Files.isRegularFile(Path.of(jar))) return null;
        return new TornadoColumn(argfile, jar);
    }

    static String missing() {
        return "not installed (set TORNADOVM_HOME to a TornadoVM SDK: see accel-tornado/README.md)";
    }

    /** The device the last run measured on. */
    String device() { return device; }

    /** GFLOP/s per shape spec (median of at most 5 calls after 2 warm-up calls). */
    Map<String, Double> gemm(int runs, List<GemmShape> shapes) throws IOException {
        List<String> args = new ArrayList<>(List.of("gemm", Integer.toString(Math.min(runs, 5))));
        for (GemmShape s : shapes) args.add(s.spec());
        Map<String, Double> rates = new HashMap<>();
        for (String[] f : child(args, 3600)) if (f[0].equals("gemm")) rates.put(f[1], Double.parseDouble(f[2]));
        return rates;
    }

    /** {train samples/s, inference samples/s, accuracy, compile seconds} on the first {@code images} training images. */
    double[] mnist(String dir, int images) throws IOException {
        for (String[] f : child(List.of("mnist", dir, Integer.toString(images)), 3600)) {
            if (f[0].equals("mnist")) {
                return new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])};
            }
        }
        throw new IOException("the TornadoVM child printed no MNIST figures");
    }

    private List<String[]> child(List<String> args, long timeoutSeconds) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + argfile,
                "--add-modules", "jdk.incubator.vector", "-Xmx2g",
                // A kernel failure must not pass off the CPU backend's figures as the device's.
                "-Djinn.tornado.strict=true",
                "-cp", System.getProperty("java.class.path") + File.pathSeparator + jar, TornadoColumn.class.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("the TornadoVM child did not finish in " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the TornadoVM child", e);
        }
        if (p.exitValue() != 0) throw new IOException("the TornadoVM child failed (exit " + p.exitValue() + "):\n" + out.strip());
        List<String[]> lines = new ArrayList<>();
        for (String line : out.lines().toList()) {
            if (line.startsWith("device ")) device = line.substring(7);
            lines.add(line.trim().split(" "));
        }
        return lines;
    }

    // ------------------------------------------------------------------ the child

    /** In the child JVM: {@code gemm RUNS SPEC...} or {@code mnist DIR IMAGES}; one result per line on stdout. */
    public static void main(String[] args) {
        Backend tornado = Backends.find("tornado");
        System.out.println("device " + tornado.description());
        if (args[0].equals("gemm")) {
            int runs = Integer.parseInt(args[1]);
            for (String spec : Arrays.copyOfRange(args, 2, args.length)) {
                System.out.println(String.format(Locale.ROOT, "gemm %s %.3f", spec, gemmRate(tornado, GemmShape.parse(spec), runs)));
            }
        } else {
            double[] r = mnistRates(tornado, Mnist.load(args[1]), Integer.parseInt(args[2]));
            System.out.println(String.format(Locale.ROOT, "mnist %.1f %.1f %.4f %.2f", r[0], r[1], r[2], r[3]));
        }
    }

    private static double gemmRate(Backend b, GemmShape s, int runs) {
        float[][] ops = s.operands(42);
        Runnable call = () -> b.gemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), 1f, ops[0], 0, s.lda(), ops[1], 0, s.ldb(), 0f, ops[2], 0, s.n());
        call.run();
        call.run();
        double[] rates = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            call.run();
            rates[r] = s.flops() / ((System.nanoTime() - t) * 1e-9) / 1e9;
        }
        return BenchTable.median(rates);
    }

    /** The bench's MNIST workload on the tornado backend, one epoch over the first {@code images} images. */
    private static double[] mnistRates(Backend tornado, Mnist mnist, int images) {
        Backends.use(tornado);
        Dataset train = mnist.train().head(images);
        Net model = net(784).dense(256).relu().dense(128).relu().dense(10).softmax().seed(1).build();
        long t0 = System.nanoTime();
        long[] firstStepEnd = new long[1];
        model.fit(train, epochs(1).batchSize(128).optimizer(sgd(0.1)).seed(1).quiet().recordBatches(false)
                .onBatch(b -> { if (b.batch() == 1) firstStepEnd[0] = System.nanoTime(); }));
        long t1 = System.nanoTime();
        double trainRate = (train.size() - 128) / ((t1 - firstStepEnd[0]) * 1e-9);
        double compileSeconds = (firstStepEnd[0] - t0) * 1e-9;

        Tensor x = mnist.test().x();
        int[] labels = mnist.test().labels();
        int n = labels.length, correct = 0;
        infer(model, x, labels, 1024);
        long t2 = System.nanoTime();
        correct = infer(model, x, labels, n);
        double inferRate = n / ((System.nanoTime() - t2) * 1e-9);
        return new double[] {trainRate, inferRate, (double) correct / n, compileSeconds};
    }

    private static int infer(Net model, Tensor x, int[] labels, int n) {
        int correct = 0;
        try (var g = Tensor.noGrad()) {
            for (int from = 0; from < n; from += 128) {
                int to = Math.min(n, from + 128);
                int[] predicted = model.predictClass(x.rows(from, to));
                for (int i = 0; i < predicted.length; i++) if (predicted[i] == labels[from + i]) correct++;
            }
        }
        return correct;
    }
}
