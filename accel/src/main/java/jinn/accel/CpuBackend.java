package jinn.accel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The fast CPU backend: Java Vector API kernels ({@code jdk.incubator.vector}) on all cores.
 *
 * <p>GEMM is packed and cache-blocked with a register-tiled micro-kernel chosen at start-up from
 * the CPU's vector width (8×32 for 512-bit, 6×16 for 256-bit, 6×8 for 128-bit vectors); work is
 * split over one shared pool of daemon threads, and only when a call is big enough for that to
 * pay, so a 2×3 matmul stays in microseconds. Elementwise ops, reductions and the softmax family
 * are vectorised on one thread: at the sizes training uses they are bound by memory, not cores.
 *
 * <p>Agrees with {@link ScalarBackend} to float rounding: GEMM within about k·2⁻²³ relative to
 * Σ|a·b|, exp/log/tanh/pow within a few ulps (the vector library's, not {@link Math}'s).
 *
 * <p>Threads: {@code -Djinn.threads=N}, else every core the JVM sees. Needs the Vector API:
 * {@code --add-modules jdk.incubator.vector}, or the two JDK packages {@link VectorModule} loads it
 * with (jinn's launcher passes one or the other); without it this backend reports itself
 * unavailable and the scalar one is chosen.
 */
public final class CpuBackend implements Backend {

    private final int threads;
    private final GemmKernel kernel;
    /** The same kernels on one thread: what each share of {@link #parallelRows} runs with. */
    private final CpuBackend oneThread;

    /** Uses {@code -Djinn.threads}, else all cores. */
    public CpuBackend() {
        this(Integer.getInteger("jinn.threads", CpuPool.CORES));
    }

    /** A backend that splits each call over at most {@code threads} threads (benchmarks use 1 and 2). */
    public CpuBackend(int threads) {
        this(threads, null);
    }

    /** With a chosen GEMM kernel (tests run every kernel, emulating widths this CPU lacks); null picks this CPU's. */
    CpuBackend(int threads, GemmKernel kernel) {
        if (threads < 1) throw new IllegalArgumentException("cpu backend: threads must be at least 1, received " + threads);
        this.threads = threads;
        this.kernel = kernel;
        this.oneThread = threads == 1 ? this : new CpuBackend(1, kernel);
        if (kernel == null && isAvailable()) KernelWarmUp.start();
    }

    /** The most threads one call uses. */
    public int threads() { return threads; }

    @Override public String name() { return "cpu"; }
    @Override public int priority() { return 100; }

    @Override
    public boolean isAvailable() {
        return VectorModule.ready();
    }

    @Override
    public String description() {
        String what = "CPU " + cpuModel() + ", " + threads + (threads == 1 ? " thread" : " threads");
        if (!isAvailable()) return what + ": needs --add-modules jdk.incubator.vector";
        return what + ", Vector API GEMM " + (kernel != null ? kernel : Gemm.KERNEL).describe();
    }

    /** The CPU's marketing name where the OS tells it (Linux), else the architecture. */
    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.toLowerCase(Locale.ROOT).startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux, or no access: the architecture is the best we can say
        }
        return System.getProperty("os.arch");
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        KernelWarmUp.noteCall();
        Gemm.gemm(kernel != null ? kernel : Gemm.KERNEL, threads, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void map(UnaryOp op, float param, float[] x, int xOff, float[] y, int yOff, int n) {
        Elementwise.map(op, param, x, xOff, y, yOff, n);
    }

    @Override
    public void mapBackward(UnaryOp op, float param, float[] x, int xOff, float[] y, int yOff,
                            float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        Elementwise.mapBackward(op, param, x, xOff, y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void zip(BinaryOp op, int n, float[] a, int aOff, int aInc, float[] b, int bOff, int bInc,
                    float[] out, int outOff) {
        Elementwise.zip(op, n, a, aOff, aInc, b, bOff, bInc, out, outOff);
    }

    @Override
    public void reduce(ReduceOp op, float[] x, int xOff, int outer, int len, int inner, float[] out, int outOff) {
        RowKernels.reduce(op, x, xOff, outer, len, inner, out, outOff);
    }

    @Override
    public void softmax(float[] x, int xOff, int rows, int cols, float[] out, int outOff, boolean log) {
        RowKernels.softmax(x, xOff, rows, cols, out, outOff, log);
    }

    @Override
    public float softmaxCrossEntropy(float[] logits, int off, int rows, int cols, int[] labels,
                                     float[] grad, int gradOff, float gradScale) {
        return RowKernels.softmaxCrossEntropy(logits, off, rows, cols, labels, grad, gradOff, gradScale);
    }

    /**
     * Over images in parallel: each image's columns of cols (and, for col2im, its pixels) belong to it
     * alone, so shares of images need no locks and give the same values whatever the thread count.
     * Work below about a quarter of a million values stays on the calling thread, where waking the
     * pool costs more than it saves.
     */
    @Override
    public void im2col(ConvShape shape, int n, float[] x, int xOff, float[] cols, int colsOff, int ld) {
        overImages(shape, n, (from, to) -> Im2col.im2col(shape, from, to, x, xOff, cols, colsOff, ld));
    }

    @Override
    public void col2im(ConvShape shape, int n, float[] cols, int colsOff, float[] dx, int dxOff) {
        overImages(shape, n, (from, to) -> Im2col.col2im(shape, n, from, to, cols, colsOff, dx, dxOff));
    }

    private interface ImageRange { void run(int from, int to); }

    private void overImages(ConvShape shape, int n, ImageRange body) {
        long values = (long) n * shape.positions() * shape.patchSize();
        int chunks = Math.min(n, threads * 4);
        if (threads == 1 || chunks <= 1 || values < (1 << 18)) {
            body.run(0, n);
            return;
        }
        int per = (n + chunks - 1) / chunks;
        CpuPool.run(threads, chunks, c -> {
            int from = c * per, to = Math.min(n, from + per);
            if (from < to) body.run(from, to);
        });
    }

    /**
     * Fewer rows a share than this and the GEMMs lose their register tiles' reuse of B: the batch
     * then runs as one share whose GEMMs split the columns among the threads instead.
     */
    static final int MIN_ROWS_PER_SHARE = 32;

    @Override
    public int rowShares() { return threads; }

    /**
     * One share per thread, a multiple of the GEMM tile's rows each, when every share gets
     * {@link #MIN_ROWS_PER_SHARE} rows and the batch is worth waking the pool for. MNIST inference
     * (batches of 128 through 784-256-128-10) ran 1.03× and 1.10× as fast as with the GEMMs split
     * by columns (two JVMs, medians of 31 interleaved rounds): one fork and join per batch instead
     * of two, and the bias, activations and the 10-wide last layer in parallel, for the price of
     * each thread packing every weight matrix.
     */
    @Override
    public void parallelRows(int rows, long macsPerRow, RowShare share) {
        int shares = Math.min(threads, rows / MIN_ROWS_PER_SHARE);
        if (shares <= 1 || (long) rows * macsPerRow < 2 * Gemm.PARALLEL_MIN_MACS) {
            share.run(0, 0, rows, this);
            return;
        }
        int tile = (kernel != null ? kernel : Gemm.KERNEL).mr;
        int per = ((rows + shares - 1) / shares + tile - 1) / tile * tile;
        CpuPool.run(shares, shares, s -> {
            int from = s * per, to = Math.min(rows, from + per);
            if (from < to) share.run(s, from, to, oneThread);
        });
    }

    @Override
    public String toString() { return description(); }
}
