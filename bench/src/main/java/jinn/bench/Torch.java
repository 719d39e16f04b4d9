package jinn.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * PyTorch as a second reference, run as a child process after the Java measurements so the two
 * never share the cores. Which python: {@code JINN_PYTHON}, else /usr/bin/python3 (where Debian's
 * python3-torch installs), else python3 on the PATH.
 */
final class Torch {

    private final String python;
    private final String version;

    private Torch(String python, String version, String blas, String kernels) {
        this.python = python;
        this.version = version;
        this.blas = blas;
        this.kernels = kernels;
    }

    /** torch's BLAS as torch.__config__.show() names it, and the core type of each OpenBLAS it maps. */
    private final String kernels;

    /** What multiplies in torch: its BLAS_INFO and OpenBLAS's core type (openblas_get_corename). */
    String kernels() { return kernels; }

    /**
     * The variables with which a machine forces OpenBLAS's kernels (OPENBLAS_CORETYPE=Haswell on the
     * AVX-512 development VMs, because old OpenBLAS builds misbehaved on new CPUs). A peer measured
     * with them runs AVX2 kernels on an AVX-512 machine: unset, OpenBLAS picks the kernels for the CPU
     * it finds, which {@link #kernels()} then reports.
     */
    static final List<String> OPENBLAS_OVERRIDES = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE");

    /**
     * The environment of every PyTorch child: no override of OpenBLAS's kernels, no spinning OpenMP
     * workers, and the CPU its one-thread runs are pinned to ({@link Pinning}).
     */
    private static void peerEnvironment(Map<String, String> env) {
        OPENBLAS_OVERRIDES.forEach(env::remove);
        Avx2Only.peerEnvironment(env);
        // OpenMP workers that spin between calls would steal the cores from whoever runs next.
        env.put("OMP_WAIT_POLICY", "PASSIVE");
        // No __pycache__ beside the extracted scripts, so their temporary folder can be deleted.
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        Pinning.environment(env);
    }

    /**
     * Prints torch's version, then the BLAS libraries mapped once torch.mm has run: Debian's torch
     * multiplies through whatever libblas.so.3 points to, the reference BLAS unless OpenBLAS is
     * installed, and there it ran the MNIST MLP 18–30× slower than on OpenBLAS.
     */
    private static final String PROBE = String.join("\n",
            "import torch",
            "from jinn_torch import blas_kernels",
            "torch.mm(torch.ones(64, 64), torch.ones(64, 64))",
            "print(torch.__version__)",
            "print('kernels', blas_kernels())",
            "libs = sorted({line.split()[-1] for line in open('/proc/self/maps') if 'blas' in line.lower() or 'mkl' in line.lower()})",
            "print('blas', ' '.join(libs) if libs else 'unknown')");

    /** The PyTorch found here, or null with the reason printed by {@link #missing()}. */
    static Torch find() {
        List<String> candidates = new ArrayList<>();
        String env = System.getenv("JINN_PYTHON");
        if (env != null && !env.isBlank()) candidates.add(env);
        candidates.add("/usr/bin/python3");
        candidates.add("python3");
        for (String py : candidates) {
            try {
                Path probe = script("jinn_torch.py").resolveSibling("probe.py");
                Files.writeString(probe, PROBE);
                probe.toFile().deleteOnExit();
                List<String> out = run(List.of(py, probe.toString()), 60);
                if (out.size() >= 3 && out.get(out.size() - 1).startsWith("blas ") && out.get(out.size() - 2).startsWith("kernels ")) {
                    return new Torch(py, out.get(out.size() - 3).trim(), out.get(out.size() - 1).substring(5).trim(),
                            out.get(out.size() - 2).substring(8).trim());
                }
            } catch (IOException | RuntimeException e) {
                // try the next interpreter
            }
        }
        return null;
    }

    static String missing() {
        return "not installed (apt-get install python3-torch libopenblas0-pthread, or set JINN_PYTHON)";
    }

    String version() { return version + " (" + python + "), BLAS " + blas; }

    /** The BLAS libraries torch multiplies on, as the probe found them mapped. */
    private final String blas;

    /**
     * A warning when torch multiplies on Debian's reference BLAS (libblas3, in .../blas/), else null:
     * its figures would flatter jinn twentyfold. That libblas.so.3 decides, even when OpenBLAS's
     * LAPACK is mapped beside it: torch.mm ran at 3.4 GFLOP/s so, at 80 on OpenBLAS's libblas.
     */
    String slowBlasWarning() {
        if (!blas.contains("/blas/libblas")) return null;
        return "WARNING: PyTorch multiplies on the reference BLAS (" + blas + "), 20× slower than"
                + " OpenBLAS, so its column is no fair reference: apt-get install libopenblas0-pthread";
    }

    /**
     * A PyTorch process that times torch.mm at these shapes on {@code threads} threads, one run of
     * ~20 ms each time it is asked (torch_gemm.py), so the caller can let its runs and jinn's take
     * turns: timed in a batch after jinn's, PyTorch's rows once read 0.82× jinn at the very shapes
     * where jinn and OpenBLAS (the library torch calls) had run in a slow phase of the machine. It
     * multiplies the operands the bench gives each shape ({@link GemmShape#operands}, seed {@code seed}).
     */
    final class GemmRuns implements AutoCloseable {
        private final Path dir;
        private final Served process;
        private final int threads;

        private GemmRuns(int threads, List<GemmShape> shapes, long seed) throws IOException {
            this.threads = threads;
            dir = Files.createTempDirectory("jinn-bench-operands-");
            List<String> args = new ArrayList<>(List.of(Integer.toString(threads), dir.toString()));
            try {
                for (GemmShape s : shapes) {
                    args.add(s.spec());
                    float[][] ops = s.operands(seed);
                    writeFloats(dir.resolve(fileName(s.spec()) + ".a"), ops[0]);
                    writeFloats(dir.resolve(fileName(s.spec()) + ".b"), ops[1]);
                }
                process = new Served("torch_gemm.py", args);
            } catch (IOException | RuntimeException e) {
                deleteDir();
                throw e;
            }
        }

        /** GFLOP/s of one run of the shape's calls. */
        double run(GemmShape s) throws IOException {
            return Double.parseDouble(process.ask("run " + s.spec()));
        }

        /** The C torch computed for the shape, for the caller to check. */
        float[] result(GemmShape s) throws IOException {
            process.ask("save " + s.spec());
            return readFloats(dir.resolve(fileName(s.spec()) + ".t" + threads + ".c"));
        }

        @Override
        public void close() throws IOException {
            process.close();
            deleteDir();
        }

        private void deleteDir() throws IOException {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        }
    }

    GemmRuns gemmRuns(int threads, List<GemmShape> shapes, long seed) throws IOException {
        return new GemmRuns(threads, shapes, seed);
    }

    private static String fileName(String spec) { return spec.replace(':', '_'); }

    private static void writeFloats(Path file, float[] v) throws IOException {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4 * v.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(v);
        Files.write(file, buf.array());
    }

    private static float[] readFloats(Path file) throws IOException {
        java.nio.FloatBuffer fb = java.nio.ByteBuffer.wrap(Files.readAllBytes(file)).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] v = new float[fb.remaining()];
        fb.get(v);
        return v;
    }

    /** {train samples/s, inference samples/s, accuracy} of torch_mnist.py, trained with plain SGD. */
    double[] mnist(String dir, int threads, int runs, String statistic) throws IOException {
        return mnist(dir, threads, runs, statistic, "sgd");
    }

    /** The same trained with {@code optimizer}: "sgd" (lr 0.1) or "adam" (lr 0.001). */
    double[] mnist(String dir, int threads, int runs, String statistic, String optimizer) throws IOException {
        double[] out = new double[3];
        for (String line : script("torch_mnist.py", List.of(dir, Integer.toString(threads), Integer.toString(runs), statistic, optimizer), 3600)) {
            String[] f = line.trim().split(" ");
            if (f.length != 2) continue;
            switch (f[0]) {
                case "train" -> out[0] = Double.parseDouble(f[1]);
                case "infer" -> out[1] = Double.parseDouble(f[1]);
                case "accuracy" -> out[2] = Double.parseDouble(f[1]);
                default -> { }
            }
        }
        return out;
    }

    /** {training samples/s, inference samples/s} of torch_cnn.py over the first {@code images} training images. */
    double[] cnn(String dir, int threads, int images) throws IOException {
        double[] out = new double[2];
        for (String line : script("torch_cnn.py", List.of(dir, Integer.toString(threads), Integer.toString(images)), 1800)) {
            String[] f = line.trim().split(" ");
            if (f.length != 2) continue;
            if (f[0].equals("train")) out[0] = Double.parseDouble(f[1]);
            if (f[0].equals("infer")) out[1] = Double.parseDouble(f[1]);
        }
        return out;
    }

    /** Seconds of the first epoch in a fresh process (torch_cold_epoch.py), optimizer "adam" or "sgd". */
    double coldEpoch(String dir, int threads, String optimizer) throws IOException {
        for (String line : script("torch_cold_epoch.py", List.of(dir, Integer.toString(threads), optimizer), 600)) {
            String[] f = line.trim().split(" ");
            if (f.length == 2 && f[0].equals("epoch")) return Double.parseDouble(f[1]);
        }
        throw new IOException("torch_cold_epoch.py printed no epoch time");
    }

    /**
     * A PyTorch process that runs one MNIST inference pass each time it is asked (torch_infer.py),
     * so the caller can let its passes and jinn's take turns.
     */
    final class InferencePasses implements AutoCloseable {
        private final Served process;

        private InferencePasses(String dir, int threads) throws IOException {
            process = new Served("torch_infer.py", List.of(dir, Integer.toString(threads)));
        }

        /** One pass over the test images; samples per second. */
        double pass() throws IOException {
            return Double.parseDouble(process.ask("pass"));
        }

        @Override
        public void close() {
            process.close();
        }
    }

    /**
     * A bundled script kept running, which says "ready" once warm and then answers each line it
     * reads with one line: how PyTorch's timed runs take turns with jinn's.
     */
    private final class Served implements AutoCloseable {
        private final String name;
        private final Process process;
        private final java.io.BufferedReader out;
        private final java.io.Writer in;

        Served(String name, List<String> args) throws IOException {
            this.name = name;
            List<String> cmd = new ArrayList<>(List.of(python, script(name).toString()));
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
            peerEnvironment(pb.environment());
            process = pb.start();
            out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            String first = out.readLine();
            if (!"ready".equals(first)) {
                close();
                throw new IOException(name + " did not start (it said: " + first + ")");
            }
        }

        /** The script's answer to one request. */
        String ask(String request) throws IOException {
            in.write(request + "\n");
            in.flush();
            String line = out.readLine();
            if (line == null) throw new IOException(name + " ended early");
            return line.trim();
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    InferencePasses inferencePasses(String dir, int threads) throws IOException {
        return new InferencePasses(dir, threads);
    }

    /** Runs a bundled python script with arguments and returns its output lines. */
    List<String> script(String name, List<String> args, long timeoutSeconds) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(python, script(name).toString()));
        cmd.addAll(args);
        return run(cmd, timeoutSeconds);
    }

    /** Module every script imports (python finds it beside the script, on its default sys.path). */
    private static final String SHARED_MODULE = "jinn_torch.py";

    /** Extracts a bundled script, with the module it imports, into a fresh temporary folder. */
    private static Path script(String name) throws IOException {
        Path dir = Files.createTempDirectory("jinn-bench-");
        dir.toFile().deleteOnExit();
        extract(SHARED_MODULE, dir);
        return extract(name, dir);
    }

    private static Path extract(String name, Path dir) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = Torch.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("bench resource " + name + " is missing from the class path");
            Files.write(file, in.readAllBytes());
        }
        // Registered after the folder, so that on exit the file goes first and the folder can follow.
        file.toFile().deleteOnExit();
        return file;
    }

    private static List<String> run(List<String> cmd, long timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        peerEnvironment(pb.environment());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(cmd.get(0) + " did not finish in " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + cmd.get(0), e);
        }
        if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "):\n" + out);
        return out.lines().toList();
    }
}
