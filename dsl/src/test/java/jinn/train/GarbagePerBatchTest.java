package jinn.train;

import static jinn.Jinn.epochs;
import static jinn.Jinn.net;
import static jinn.Jinn.adam;
import static jinn.Jinn.sgd;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import jinn.accel.Backend;
import jinn.accel.Backends;
import jinn.accel.CpuBackend;
import jinn.data.Dataset;
import jinn.nn.Net;
import jinn.tensor.Tensor;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a batch of the MNIST MLP (784-256-128-10, batches of 128) leaves for the garbage collector,
 * counted by the JVM per thread, on the caller and on the pool's workers together: which of them runs
 * a share of the batch depends on how busy the machine is (a worker slow to wake leaves its share to
 * the caller), so counting the caller alone moved with the load. Op by op through autograd a training
 * step made ~790 KB and a prediction ~400 KB; the compiled step makes 1.2-1.6 KB and the inference
 * plan 5.9 KB, 5.1 KB of it the output and 0.5 KB the classes. These pin that the buffered paths stay
 * that small: a buffer made per call (the smallest, one layer's 128×10 logits, is 5 KB) fails them,
 * and the failure names the code that allocated, from a JFR recording of the calls.
 */
class GarbagePerBatchTest {

    private static final int BATCH = 128, FEATURES = 784, CLASSES = 10;
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Backend before;

    @BeforeEach
    void remember() {
        before = Backends.current();
    }

    /** One thread, and every core (at least two: the parallel paths, on any machine). */
    static IntStream threads() {
        return IntStream.of(1, Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    @AfterEach
    void restore() {
        Backends.use(before);
    }

    static Dataset digits(int batches) {
        Random r = new Random(3);
        int rows = batches * BATCH;
        float[] x = new float[rows * FEATURES];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
        int[] y = IntStream.range(0, rows).map(i -> i % CLASSES).toArray();
        return Dataset.classification("digits", x, rows, FEATURES, y,
                IntStream.range(0, CLASSES).mapToObj(Integer::toString).toList());
    }

    static Net mlp() {
        return net(FEATURES).dense(256).relu().dense(128).relu().dense(CLASSES).softmax().seed(1).build();
    }

    /** Bytes this thread and the pool's workers allocate while fitting one epoch. */
    private static long fitBytes(Net net, Dataset data, String optimizer) {
        long before = allocated();
        fit(net, data, optimizer);
        return allocated() - before;
    }

    static void fit(Net net, Dataset data) { fit(net, data, "sgd"); }

    /** One epoch with a fresh optimizer ("sgd" or "adam"): its state is made once per fit and cancels out. */
    static void fit(Net net, Dataset data, String optimizer) {
        Optimizer opt = optimizer.equals("adam") ? adam(0.001) : sgd(0.1);
        net.fit(data, epochs(1).batchSize(BATCH).optimizer(opt).seed(1).quiet().recordBatches(false));
    }

    /** The CPU pool's worker threads (jinn-cpu-*), which exist once the pool has run a job. */
    private static long[] workers() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("jinn-cpu-"))
                .mapToLong(Thread::threadId).toArray();
    }

    private static long[] workers = new long[0];

    /** Bytes allocated so far by this thread and the pool's workers. */
    private static long allocated() {
        long sum = THREADS.getCurrentThreadAllocatedBytes();
        for (long id : workers) sum += Math.max(0, THREADS.getThreadAllocatedBytes(id));
        return sum;
    }

    /**
     * Where the calls allocate, from a JFR recording of them (allocation samples, each weighed by the
     * bytes its thread allocated since the one before), the five sites that
     * weigh most, each with its first frames: what a failure on some other machine needs to say.
     */
    private static String allocationSites(Runnable calls) {
        try (Recording r = new Recording()) {
            // Samples weighed by the bytes their thread allocated since its last one: the TLAB events weighed
            // each by its own object's size, so a flood of small boxed vectors weighed next to nothing.
            r.enable("jdk.ObjectAllocationSample").with("throttle", "1000/s").withStackTrace();
            r.start();
            calls.run();
            r.stop();
            Path file = Files.createTempFile("garbage-per-batch", ".jfr");
            try {
                r.dump(file);
                Map<String, Long> bytes = new HashMap<>();
                java.util.Set<String> seen = new java.util.HashSet<>();
                List<RecordedEvent> events = new java.util.ArrayList<>(RecordingFile.readAllEvents(file));
                events.sort(java.util.Comparator.comparing(RecordedEvent::getStartTime));
                for (RecordedEvent e : events) {
                    String thread = e.getThread() == null ? "?" : e.getThread().getJavaName();
                    if (e.getStackTrace() == null || !(thread.equals(Thread.currentThread().getName()) || thread.startsWith("jinn-cpu-"))) continue;
                    // A thread's first sample weighs all it allocated before the recording too.
                    if (seen.add(thread)) continue;
                    String site = e.getClass("objectClass").getName() + " at " + e.getStackTrace().getFrames().stream().limit(6)
                            .map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName() + ":" + f.getLineNumber())
                            .collect(Collectors.joining(" < "));
                    bytes.merge(site, e.getLong("weight"), Long::sum);
                }
                return bytes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                        .map(en -> en.getValue() / 1024 + " KB sampled: " + en.getKey()).collect(Collectors.joining("\n  ", "\n  ", ""));
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException | RuntimeException e) {
            return " (no allocation profile: " + e + ")";
        }
    }

    /**
     * The least a measurement gave in 15 repetitions, or up to 30 s of them while it stays above the
     * goal: until C2 has compiled the kernels, every vector operation allocates its result, so a cold
     * JVM shows the interpreter's garbage (19 MB for the first 20 predictions, 6.5 KB once compiled).
     */
    private static long settled(java.util.function.LongSupplier bytes, long goal) {
        long least = Long.MAX_VALUE, t0 = System.nanoTime();
        for (int i = 0; i < 15 || (least >= goal && System.nanoTime() - t0 < 30_000_000_000L); i++) least = Math.min(least, bytes.getAsLong());
        return least;
    }

    @ParameterizedTest(name = "{0} threads")
    @MethodSource("threads")
    void aTrainingStepLeavesUnder16Kilobytes(int threads) {
        String failure = trainingStep(threads);
        if (failure != null) fail(failure);
    }

    /** Adam, fit's default, takes the same fused step as SGD and must leave as little per batch. */
    @ParameterizedTest(name = "{0} threads")
    @MethodSource("threads")
    void anAdamTrainingStepLeavesUnder16KilobytesToo(int threads) {
        String failure = trainingStep(threads, "adam");
        if (failure != null) fail(failure);
    }

    @ParameterizedTest(name = "{0} threads")
    @MethodSource("threads")
    void aPredictionOfABatchLeavesLittleMoreThanItsOutput(int threads) {
        String failure = prediction(threads);
        if (failure != null) fail(failure);
    }

    /**
     * The same two checks in a fresh JVM ({@link GarbagePerBatchProbe}) whose kernels C2 compiled while
     * every core was kept busy by other threads: how the JIT compiles under load is one way a kernel can
     * come to box its vectors (see GemmGarbageTest), and a loaded CI machine compiles that way.
     */
    @ParameterizedTest(name = "{0} vectors")
    @ValueSource(strings = {"native", "AVX2"})
    void theSameAfterTheKernelsWereCompiledUnderLoad(String vectors) throws IOException, InterruptedException {
        // On an AVX-512 machine, also as an AVX2 one runs (-XX:UseAVX=2: 256-bit vectors, the 4×16
        // GEMM tile), since CI may draw either kind.
        boolean avx2 = vectors.equals("AVX2");
        org.junit.jupiter.api.Assumptions.assumeTrue(!avx2 || (System.getProperty("os.arch").matches("amd64|x86_64")
                && jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize() > 256), "this machine's vectors are AVX2's or narrower already");
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-Xmx1g"));
        if (avx2) cmd.add("-XX:UseAVX=2");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), GarbagePerBatchProbe.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        if (!p.waitFor(600, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("GarbagePerBatchProbe did not finish in 600 s; it printed:\n" + out);
        }
        reader.join();
        System.out.print(out.toString().lines().filter(l -> l.startsWith("garbage per")).map(l -> l + " (compiled under load, " + vectors + " vectors)\n")
                .collect(Collectors.joining()));
        List<String> failures = out.toString().lines().filter(l -> l.startsWith("FAIL ")).toList();
        long measured = out.toString().lines().filter(l -> l.startsWith("garbage per")).count();
        if (p.exitValue() != 0 || measured != 2L * threads().count() || !failures.isEmpty()) {
            fail("after compiling under load, " + vectors + " vectors: " + (failures.isEmpty() ? "the probe failed (exit " + p.exitValue() + ")" : String.join("\n", failures))
                    + "\nit printed:\n" + out);
        }
    }

    /** Null when a training step at this many threads stays under its bound; else what it allocated, and where. */
    static String trainingStep(int threads) { return trainingStep(threads, "sgd"); }

    static String trainingStep(int threads, String optimizer) {
        Backends.use(new CpuBackend(threads));
        Net net = mlp();
        Dataset short_ = digits(5), long_ = digits(25);
        fit(net, short_, optimizer);
        workers = workers();
        // The epoch's own costs (shuffle order, history, the compiled step's buffers) cancel out.
        long perStep = settled(() -> (fitBytes(net, long_, optimizer) - fitBytes(net, short_, optimizer)) / 20, 16 * 1024);
        String what = (optimizer.equals("sgd") ? "" : optimizer + " ") + "training step";
        System.out.println("garbage per " + what + ", " + threads + " threads: " + perStep + " bytes");
        if (perStep < 16 * 1024) return null;
        return "a " + what + " at " + threads + " threads allocated " + perStep + " bytes; where (20 epochs of 25 steps):"
                + allocationSites(() -> { for (int i = 0; i < 20; i++) fit(net, long_, optimizer); });
    }

    /**
     * A LeNet-sized CNN's training step (conv 16 5×5, ReLU, max-pool, conv 32 5×5, ReLU, max-pool,
     * dense 128, ReLU, dense 10, batches of 64) makes its activations and their gradients afresh:
     * 3,092 floats an image each way (each convolution, its ReLU and its pooling one op), and a byte
     * for each pooling window's winner, 1.76 MB a step. Beyond that little: the convolution's columns
     * and scratch are reused. im2col's short-row vector copies were boxed once the JIT had seen the
     * GEMM's wider vectors, and the step made 23 MB (13 MB of them with the ReLUs apart); col2im's
     * 256-bit adds the same way, 17.3 MB, once the forward ran a few images at a time; with the poolings
     * apart from the convolutions the step made 7.5 MB. The bound is 15% over the tensors.
     */
    @ParameterizedTest(name = "{0} threads")
    @MethodSource("threads")
    void aCnnTrainingStepLeavesLittleMoreThanItsActivationsAndGradients(int threads) {
        Backends.use(new CpuBackend(threads));
        Net cnn = net(1, 28, 28).conv(16, 5).relu().maxPool(2).conv(32, 5).relu().maxPool(2).flatten()
                .dense(128).relu().dense(CLASSES).softmax().seed(1).build();
        int batch = 64, perImage = 16 * 12 * 12 + 32 * 4 * 4 + 2 * 128 + 2 * CLASSES, windows = 16 * 12 * 12 + 32 * 4 * 4;
        long tensors = 2L * Float.BYTES * batch * perImage + (long) batch * windows, bound = tensors + tensors * 15 / 100;
        Dataset short_ = digits(2), long_ = digits(7);  // 256 and 896 images: 4 and 14 steps
        Runnable fitShort = () -> cnn.fit(short_, epochs(1).batchSize(batch).optimizer(adam(0.001)).seed(1).quiet().recordBatches(false));
        Runnable fitLong = () -> cnn.fit(long_, epochs(1).batchSize(batch).optimizer(adam(0.001)).seed(1).quiet().recordBatches(false));
        fitShort.run();
        workers = workers();
        long perStep = settled(() -> {
            long t0 = allocated();
            fitLong.run();
            long t1 = allocated();
            fitShort.run();
            return ((t1 - t0) - (allocated() - t1)) / 10;
        }, bound);
        System.out.println("garbage per CNN training step, " + threads + " threads: " + perStep + " bytes (activations and gradients "
                + tensors + ")");
        if (perStep >= bound) {
            fail("a CNN training step at " + threads + " threads allocated " + perStep + " bytes, over " + bound + "; where (5 epochs):"
                    + allocationSites(() -> { for (int i = 0; i < 5; i++) fitLong.run(); }));
        }
    }

    /** Null when a 128-row prediction at this many threads leaves little more than its output; else what it allocated, and where. */
    static String prediction(int threads) {
        Backends.use(new CpuBackend(threads));
        Net net = mlp();
        Tensor x = Tensor.rand(new Random(4), BATCH, FEATURES);
        long output = (long) BATCH * CLASSES * Float.BYTES;
        net.predictClass(x);
        workers = workers();
        long perCall = settled(() -> {
            long start = allocated();
            for (int i = 0; i < 20; i++) net.predictClass(x);
            return (allocated() - start) / 20;
        }, output + 4 * 1024);
        System.out.println("garbage per 128-row prediction, " + threads + " threads: " + perCall + " bytes");
        if (perCall < output + 4 * 1024) return null;
        return "a 128-row prediction at " + threads + " threads allocated " + perCall + " bytes (its output is " + output + "); where (2000 predictions):"
                + allocationSites(() -> { for (int i = 0; i < 2000; i++) net.predictClass(x); });
    }
}
