package jinn.accel.tornado;

import static jinn.Jinn.epochs;
import static jinn.Jinn.mnist;
import static jinn.Jinn.net;
import static jinn.Jinn.sgd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import jinn.accel.Backend;
import jinn.accel.Backends;
import jinn.data.Dataset;
import jinn.data.Mnist;
import jinn.nn.Net;
import jinn.train.History;

/**
 * The Java half of {@code bin/gpu-check} (the device check of issue 19): run from the bundle with the
 * SDK's argument file, one subcommand per call. Every figure is printed as a line
 * {@code figure KEY VALUE}, which the script collects into one file; {@code summary FILE} turns that
 * file into the report's tables, with the targets checked. Not a test.
 *
 * <ul>
 *   <li>{@code devices}: the TornadoVM devices, the chosen one, the CPU backend.</li>
 *   <li>{@code gemm N...}: n×n×n single-precision GEMM through the tornado backend and the CPU backend
 *       (operands copied in and out per call, as any call through {@code Backend} does), GFLOP/s,
 *       median of up to 5 timed calls after warm-up, and the largest difference between the two.</li>
 *   <li>{@code train BATCH IMAGES}: training samples/s of the MNIST MLP (784-256-128-10 ReLU, SGD 0.1
 *       momentum 0.9) at that batch size, one epoch over the first IMAGES training images, timed from
 *       the end of the first step (which compiles): the tornado backend's compiled step, then the CPU
 *       backend's.</li>
 *   <li>{@code mnist EPOCHS IMAGES}: the MNIST run of {@link TornadoMnistRun} (the dsl's acceptance
 *       network, batch 128, validation on the test set, early stopping after 2) over the first IMAGES
 *       training images, through the compiled step; test accuracy and the kernels' device calls.</li>
 * </ul>
 */
final class GpuCheck {

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "devices" -> devices();
            case "gemm" -> {
                for (int i = 1; i < args.length; i++) gemm(Integer.parseInt(args[i]));
            }
            case "train" -> train(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "mnist" -> mnistRun(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "summary" -> System.out.print(summary(Path.of(args[1])));
            default -> throw new IllegalArgumentException("unknown subcommand " + args[0]);
        }
    }

    private static void figure(String key, Object value) {
        System.out.println("figure " + key + " " + value);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static void devices() {
        List<String> all = new TornadoBackend().devices();
        System.out.println("TornadoVM devices (default first):");
        for (String d : all) System.out.println("  " + d);
        if (all.isEmpty()) System.out.println("  none");
        Backend cpu = Backends.find("cpu");
        System.out.println("cpu backend: " + cpu.description() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        Backend tornado;
        try {
            tornado = Backends.find("tornado");
        } catch (IllegalArgumentException e) {
            System.out.println("NO TORNADOVM DEVICE: " + e.getMessage());
            System.exit(3);
            return;
        }
        System.out.println("tornado backend: " + tornado.description() + " (available " + tornado.isAvailable() + ")");
        figure("device", tornado.description().replace(' ', '_'));
        figure("devices", all.size());
        figure("cores", Runtime.getRuntime().availableProcessors());
        if (!tornado.isAvailable()) System.exit(3);
    }

    // ------------------------------------------------------------------------ GEMM

    private static void gemm(int n) {
        Backend tornado = Backends.find("tornado"), cpu = Backends.find("cpu");
        Random rnd = new Random(n);
        float[] a = new float[n * n], b = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextFloat() * 2 - 1;
            b[i] = rnd.nextFloat() * 2 - 1;
        }
        float[] ct = new float[n * n], cc = new float[n * n];
        double rt = gemmRate(tornado, n, a, b, ct), rc = gemmRate(cpu, n, a, b, cc);
        double diff = 0, scale = 0;
        for (int i = 0; i < ct.length; i++) {
            diff = Math.max(diff, Math.abs(ct[i] - cc[i]));
            scale = Math.max(scale, Math.abs(cc[i]));
        }
        System.out.printf(Locale.ROOT, "gemm %d^3: tornado %.1f GFLOP/s, cpu %.1f GFLOP/s, max |tornado - cpu| %.3g (max |C| %.3g)%n",
                n, rt, rc, diff, scale);
        figure("gemm." + n + ".tornado", f(rt));
        figure("gemm." + n + ".cpu", f(rc));
        figure("gemm." + n + ".maxdiff", f(diff));
        figure("gemm." + n + ".maxc", f(scale));
    }

    /** GFLOP/s: median of up to 5 timed calls after 2 warm-up calls (the first compiles), at most ~20 s of timed calls. */
    private static double gemmRate(Backend be, int n, float[] a, float[] b, float[] c) {
        Runnable call = () -> be.gemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        call.run();
        call.run();
        List<Double> rates = new ArrayList<>();
        long start = System.nanoTime();
        while (rates.size() < 5 && (rates.isEmpty() || System.nanoTime() - start < 20_000_000_000L)) {
            long t = System.nanoTime();
            call.run();
            rates.add(2.0 * n * n * n / ((System.nanoTime() - t) * 1e-9) / 1e9);
        }
        double[] r = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return r[r.length / 2];
    }

    // ------------------------------------------------------------------------ training throughput

    private static void train(int batch, int images) {
        Dataset data = mnist().train().head(images);
        for (String name : List.of("tornado", "cpu")) {
            Backend backend = Backends.find(name);
            Backends.use(backend);
            Net model = net(784).dense(256).relu().dense(128).relu().dense(10).softmax().seed(1).build();
            List<Long> stamps = new ArrayList<>();
            long t0 = System.nanoTime();
            model.fit(data, epochs(1).batchSize(batch).optimizer(sgd(0.1, 0.9)).seed(1).quiet().recordBatches(false)
                    .onBatch(x -> stamps.add(System.nanoTime())));
            long end = System.nanoTime();
            // Samples after the first step (which compiles), to the end of the epoch.
            double rate = (data.size() - batch) / ((end - stamps.get(0)) * 1e-9);
            double first = (stamps.get(0) - t0) * 1e-9;
            String compiled = backend instanceof TornadoBackend t ? ", compiled steps on the device " + t.deviceCalls("training_step") : "";
            System.out.printf(Locale.ROOT, "train batch %d over %d images: %s %.0f samples/s (first step %.2f s%s)%n",
                    batch, data.size(), name, rate, first, compiled);
            figure("train." + batch + "." + name, f(rate));
            figure("train." + batch + "." + name + ".first_s", f(first));
            if (backend instanceof TornadoBackend t) figure("train." + batch + ".tornado.steps", t.deviceCalls("training_step"));
        }
    }

    // ------------------------------------------------------------------------ MNIST

    private static void mnistRun(int epochCount, int images) {
        TornadoBackend tornado = (TornadoBackend) Backends.find("tornado");
        Backends.use(tornado);
        long t0 = System.nanoTime();
        Mnist data = mnist();
        Dataset train = data.train().head(Math.min(images, data.train().size()));
        Net model = net(784).dense(256).relu().dense(128).relu().dense(10).softmax().seed(7).build();
        History h = model.fit(train, epochs(epochCount).batchSize(128).optimizer(sgd(0.1, 0.9)).seed(7)
                .validation(data.test()).earlyStopping(2).progress(jinn.train.ProgressBar.Mode.LINES));
        double accuracy = model.evaluate(data.test()).accuracy();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.println(h);
        System.out.printf(Locale.ROOT, "mnist: test accuracy %.4f after %d epochs over %d images, %.0f s; device calls: training step %d, gemm %d, map %d%n",
                accuracy, h.epochs().size(), train.size(), seconds, tornado.deviceCalls("training_step"),
                tornado.deviceCalls("gemm"), tornado.deviceCalls("map"));
        figure("mnist.accuracy", f(accuracy));
        figure("mnist.epochs", h.epochs().size());
        figure("mnist.images", train.size());
        figure("mnist.seconds", f(seconds));
        figure("mnist.steps", tornado.deviceCalls("training_step"));
        figure("mnist.val", Arrays.toString(h.valAccuracy()).replace(" ", ""));
    }

    // ------------------------------------------------------------------------ the report's tables

    /** The sizes measured for a kind of figure ("gemm.1024.cpu" gives 1024 for "gemm"), in increasing order. */
    private static List<String> sizes(Map<String, String> fig, String kind) {
        return fig.keySet().stream().filter(k -> k.matches(kind + "\\.\\d+\\.(tornado|cpu|torch)"))
                .map(k -> k.split("\\.")[1]).distinct().sorted((x, y) -> Integer.parseInt(x) - Integer.parseInt(y)).toList();
    }

    static String summary(Path figures) throws IOException {
        Map<String, String> fig = new LinkedHashMap<>();
        for (String line : Files.readAllLines(figures)) {
            String[] p = line.trim().split(" ", 3);
            if (p.length == 3 && p[0].equals("figure")) fig.put(p[1], p[2]);
        }
        StringBuilder out = new StringBuilder();
        List<String> gemmSizes = sizes(fig, "gemm");
        out.append("### GEMM (n×n×n fp32, GFLOP/s)\n\n| n | tornado | cpu backend | torch.mm (CUDA) | tornado / cpu | tornado / torch | max abs diff tornado vs cpu |\n|---|---|---|---|---|---|---|\n");
        for (String n : gemmSizes) {
            out.append("| ").append(n).append(" | ").append(v(fig, "gemm." + n + ".tornado")).append(" | ").append(v(fig, "gemm." + n + ".cpu"))
                    .append(" | ").append(v(fig, "gemm." + n + ".torch")).append(" | ").append(ratio(fig, "gemm." + n + ".tornado", "gemm." + n + ".cpu"))
                    .append(" | ").append(ratio(fig, "gemm." + n + ".tornado", "gemm." + n + ".torch")).append(" | ")
                    .append(v(fig, "gemm." + n + ".maxdiff")).append(" (max |C| ").append(v(fig, "gemm." + n + ".maxc")).append(") |\n");
        }
        List<String> batches = sizes(fig, "train");
        out.append("\n### MLP training (784-256-128-10, SGD momentum, samples/s after the first step)\n\n| batch | tornado compiled step | cpu backend | PyTorch CUDA | tornado / cpu | tornado / torch | tornado first step s |\n|---|---|---|---|---|---|---|\n");
        for (String b : batches) {
            out.append("| ").append(b).append(" | ").append(v(fig, "train." + b + ".tornado")).append(" | ").append(v(fig, "train." + b + ".cpu"))
                    .append(" | ").append(v(fig, "train." + b + ".torch")).append(" | ").append(ratio(fig, "train." + b + ".tornado", "train." + b + ".cpu"))
                    .append(" | ").append(ratio(fig, "train." + b + ".tornado", "train." + b + ".torch")).append(" | ")
                    .append(v(fig, "train." + b + ".tornado.first_s")).append(" |\n");
        }
        out.append("\n### MNIST through the compiled step\n\n");
        out.append("test accuracy ").append(v(fig, "mnist.accuracy")).append(" after ").append(v(fig, "mnist.epochs")).append(" epochs over ")
                .append(v(fig, "mnist.images")).append(" images in ").append(v(fig, "mnist.seconds")).append(" s; validation accuracy per epoch ")
                .append(v(fig, "mnist.val")).append("; compiled steps on the device ").append(v(fig, "mnist.steps")).append("\n");
        out.append("\n### Targets (issue 19)\n\n");
        target(out, "backend tests pass on the device", fig.containsKey("tests.failed") ? (fig.get("tests.failed").equals("0") && !"0".equals(fig.get("tests.run")) ? 1 : 0) : Double.NaN, 1,
                "tests " + v(fig, "tests.run") + " found, " + v(fig, "tests.successful") + " successful, " + v(fig, "tests.failed") + " failed, "
                        + v(fig, "tests.aborted") + " aborted");
        if (num(fig, "mnist.images") < 60000) {
            // --quick: the target is for the full run over all 60,000 images
            out.append("- MNIST test accuracy ≥ 97%: not comparable (").append(v(fig, "mnist.accuracy")).append(" after ")
                    .append(v(fig, "mnist.epochs")).append(" epochs over ").append(v(fig, "mnist.images")).append(" images)\n");
        } else {
            target(out, "MNIST test accuracy ≥ 97%", num(fig, "mnist.accuracy"), 0.97, v(fig, "mnist.accuracy"));
        }
        target(out, "GEMM 4096³ tornado ≥ 25% of torch.mm", num(fig, "gemm.4096.tornado") / num(fig, "gemm.4096.torch"), 0.25,
                ratio(fig, "gemm.4096.tornado", "gemm.4096.torch"));
        target(out, "GEMM 4096³ tornado ≥ 10× cpu backend", num(fig, "gemm.4096.tornado") / num(fig, "gemm.4096.cpu"), 10,
                ratio(fig, "gemm.4096.tornado", "gemm.4096.cpu"));
        target(out, "MLP training batch 1024 tornado ≥ 3× cpu backend", num(fig, "train.1024.tornado") / num(fig, "train.1024.cpu"), 3,
                ratio(fig, "train.1024.tornado", "train.1024.cpu"));
        return out.toString();
    }

    private static void target(StringBuilder out, String what, double value, double goal, String shown) {
        String verdict = Double.isNaN(value) ? "NOT MEASURED" : value >= goal ? "met" : "MISSED";
        out.append("- ").append(what).append(": ").append(verdict).append(" (").append(shown).append(")\n");
    }

    private static double num(Map<String, String> fig, String key) {
        try {
            return fig.containsKey(key) ? Double.parseDouble(fig.get(key)) : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String v(Map<String, String> fig, String key) {
        return fig.getOrDefault(key, "–");
    }

    private static String ratio(Map<String, String> fig, String a, String b) {
        double r = num(fig, a) / num(fig, b);
        return Double.isNaN(r) || Double.isInfinite(r) ? "–" : String.format(Locale.ROOT, "%.3g×", r);
    }
}
