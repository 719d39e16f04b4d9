package jinn.bench;

import static jinn.Jinn.epochs;
import static jinn.Jinn.sgd;

import java.io.IOException;
import jinn.accel.Backends;
import jinn.accel.CpuBackend;
import jinn.data.Mnist;
import jinn.nn.Net;
import jinn.train.Fit;

/**
 * The first epoch a learner waits for: run in a fresh JVM by {@link BenchTable} (one per round, taking
 * turns with PyTorch's torch_cold_epoch.py), it loads MNIST, then times one epoch of the MNIST MLP
 * (784-256-128-10, batch 128) on a network made after the data, as a script does. Nothing is warmed
 * beyond what jinn itself does for a learner (its kernel warm-up starts with the backend, while the
 * data loads), so the time includes the JIT compiling the kernels, as a learner's first fit does.
 * With "cnn", one epoch of the bench's LeNet-sized CNN ({@link CnnWorkload}, batch 64, Adam 0.001)
 * over all 60,000 images instead.
 *
 * <p>argv: mnist_dir threads default|sgd|cnn. Prints "load SECONDS", "epoch SECONDS" (wall clock) and "cpu
 * SECONDS" (the process's CPU time during the epoch, all threads).
 */
public final class ColdEpoch {

    private ColdEpoch() {}

    private static final String HUGE_PAGES = "-XX:+UseTransparentHugePages";

    /** Whether this JVM's heap asked for huge pages: bin/bench passes the flag where bin/jinn would. */
    static boolean onHugePages() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().contains(HUGE_PAGES);
    }

    /**
     * Seconds of the first epoch in a fresh JVM, with this JVM's java and class path and the options
     * a learner's jinn runs with (its kernel warm-up on, unlike the bench's own JVM).
     */
    static double fresh(String dir, int threads, String kind) throws IOException {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx2g"));
        // Huge pages where the launcher asks for them (bin/bench passes its own choice on).
        if (onHugePages()) cmd.add(HUGE_PAGES);
        cmd.addAll(java.util.List.of("-cp", System.getProperty("java.class.path"), ColdEpoch.class.getName(), dir, Integer.toString(threads), kind));
        return epochSeconds(new ProcessBuilder(cmd), "ColdEpoch");
    }

    /** Runs {@code pb} to its end (600 s at most) and returns the seconds on its "epoch SECONDS" line. */
    private static double epochSeconds(ProcessBuilder pb, String what) throws IOException {
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(600, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(what + " did not finish in 600 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        for (String line : out.lines().toList()) {
            String[] f = line.trim().split(" ");
            if (f.length == 2 && f[0].equals("epoch")) return Double.parseDouble(f[1]);
        }
        throw new IOException(what + " failed (exit " + p.exitValue() + "):\n" + out);
    }

    /**
     * A notebook that loads MNIST from {@code dir}, builds the MLP and fits one epoch with jinn's
     * default optimizer, printing "epoch SECONDS" timed inside its cell around the fit: the first
     * epoch as a learner meets it, in a notebook run by the launcher ({@link #notebook}).
     */
    static java.nio.file.Path writeNotebook(String dir) throws IOException {
        java.nio.file.Path nb = java.nio.file.Files.createTempFile("jinn-first-epoch", ".jsh");
        nb.toFile().deleteOnExit();
        java.nio.file.Files.writeString(nb, String.join("\n",
                "// %%",
                "var mnist = jinn.data.Mnist.load(\"" + dir.replace("\\", "\\\\").replace("\"", "\\\"") + "\");",
                "var model = net(784).dense(256).relu().dense(128).relu().dense(10).softmax().seed(7).build();",
                "long t0 = System.nanoTime();",
                "model.fit(mnist.train(), epochs(1).batchSize(128).seed(7).quiet().recordBatches(false));",
                "System.out.println(\"epoch \" + (System.nanoTime() - t0) * 1e-9);",
                ""));
        return nb;
    }

    /**
     * Seconds of the first epoch of {@link #writeNotebook}'s notebook run by {@code root/bin/jinn run}:
     * a fresh JVM through the launcher (its options and start-up cache), the backend on all cores,
     * chosen as the run starts, with JShell compiling the cells beside the kernels' JIT warm-up.
     */
    static double notebook(String root, java.nio.file.Path nb) throws IOException {
        return epochSeconds(new ProcessBuilder(java.nio.file.Path.of(root, "bin", "jinn").toString(), "run", nb.toString()),
                "jinn run " + nb);
    }

    public static void main(String[] args) {
        String dir = args[0];
        int threads = Integer.parseInt(args[1]);
        String kind = args.length > 2 ? args[2] : "default";
        long t0 = System.nanoTime();
        Backends.use(new CpuBackend(threads)); // a script's first use of jinn: the warm-up starts here
        // -Djinn.bench.typingSeconds=S: a REPL or notebook user, whose session creates the backend
        // while they type; their first fit comes seconds later.
        long typing = Long.getLong("jinn.bench.typingSeconds", 0);
        if (typing > 0) {
            try {
                Thread.sleep(typing * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Mnist mnist = Mnist.load(dir);
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu1 = os.getProcessCpuTime();
        long t1 = System.nanoTime();
        boolean cnn = kind.equals("cnn");
        Net model = cnn ? CnnWorkload.model(7) : MnistWorkload.model(7);
        Fit fit = epochs(1).batchSize(cnn ? 64 : 128).seed(7).quiet().recordBatches(false);
        if (kind.equals("sgd")) fit = fit.optimizer(sgd(0.1));
        model.fit(mnist.train(), fit);
        long t2 = System.nanoTime();
        long cpu2 = os.getProcessCpuTime();
        System.out.println("load " + (t1 - t0) * 1e-9);
        System.out.println("epoch " + (t2 - t1) * 1e-9);
        // Every thread of the process (the JIT's compiler threads and the warm-up's too): on a shared
        // machine, what the epoch cost apart from the time others held the cores.
        System.out.println("cpu " + (cpu2 - cpu1) * 1e-9);
        // For reading beside -XX:+PrintCompilation, whose times count from the JVM's start too.
        long up = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        System.out.println("jvm-ms epoch " + (up - (t2 - t1) / 1_000_000) + " to " + up);
    }
}
