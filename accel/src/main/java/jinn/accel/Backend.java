package jinn.accel;

/**
 * The compute kernels behind every tensor operation: a short list of primitives that each backend
 * implements, and nothing else. Layers, losses and optimizers are built from these in {@code dsl}.
 *
 * <p>All arrays are row-major float32, addressed by an offset so that views into a larger buffer
 * (a batch slice, a parameter inside a flat store) need no copy. Kernels never allocate their
 * outputs: the caller owns every buffer, which is what lets training reuse them across steps.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} and chosen by {@link Backends}.
 */
public interface Backend {

    /** Short lower-case name used by {@code -Djinn.backend=}, {@code JINN_BACKEND} and the REPL. */
    String name();

    /** One line for people: what runs the kernels (CPU model and vector width, GPU name...). */
    default String description() { return name(); }

    /** Higher wins when no backend is named explicitly. */
    int priority();

    /** False when the runtime this backend needs is missing; such a backend is never selected. */
    default boolean isAvailable() { return true; }

    /**
     * C = alpha · op(A) · op(B) + beta · C, with op(X) = X or Xᵀ. op(A) is m×k, op(B) is k×n,
     * C is m×n. lda, ldb, ldc are the row strides of A, B and C as stored (before transposition).
     * When beta is 0, C's previous contents are ignored (NaN in C does not propagate).
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
              float beta, float[] c, int cOff, int ldc);

    /**
     * y[i] = op(x[i]) for i in [0, n). {@code param} is the op's parameter (alpha, exponent...).
     * y may be x itself, at the same offset.
     */
    void map(UnaryOp op, float param, float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * Gradient of a unary op: dx[i] += dy[i] · op'(x[i]), where y = op(x) is also passed because
     * many derivatives are cheapest from the output (sigmoid, tanh, exp).
     */
    void mapBackward(UnaryOp op, float param, float[] x, int xOff, float[] y, int yOff,
                     float[] dy, int dyOff, float[] dx, int dxOff, int n);

    /**
     * out[i] = a[aOff + i·aInc] op b[bOff + i·bInc] for i in [0, n); aInc and bInc are 0 (a
     * broadcast scalar) or 1. Broadcasting over more dimensions is a loop of these calls.
     */
    void zip(BinaryOp op, int n, float[] a, int aOff, int aInc, float[] b, int bOff, int bInc,
             float[] out, int outOff);

    /**
     * Reduction over the middle axis of x viewed as [outer, len, inner]:
     * out[o·inner + i] = op over r of x[(o·len + r)·inner + i]. Any axis reduction maps to this.
     */
    void reduce(ReduceOp op, float[] x, int xOff, int outer, int len, int inner, float[] out, int outOff);

    /**
     * Row-wise softmax of a rows×cols matrix, max-subtracted so large logits stay finite.
     * With {@code log} true, writes log-softmax instead. Without log, out may be x itself at the
     * same offset (the inference plan runs it in place).
     */
    void softmax(float[] x, int xOff, int rows, int cols, float[] out, int outOff, boolean log);

    /**
     * Fused, numerically stable softmax cross-entropy of a rows×cols matrix of logits against
     * integer class labels. Returns the sum over rows of −log softmax(x)[label]. When grad is not
     * null, also writes grad = (softmax(x) − onehot(label)) · gradScale, the gradient of
     * gradScale × the returned sum.
     */
    float softmaxCrossEntropy(float[] logits, int off, int rows, int cols, int[] labels,
                              float[] grad, int gradOff, float gradScale);

    /**
     * im2col for images [0, n) of x [n, c, h, w] (at xOff): cols [c · kH · kW, n · outH · outW], one
     * row per (channel, ky, kx) of the window and one column per output position of every image,
     * columns ordered (image, oy, ox); zeros where the window overhangs into the padding. A
     * convolution with weights [f, c · kH · kW] is then W · cols. The default is the plain
     * definition, on the calling thread.
     */
    default void im2col(ConvShape shape, int n, float[] x, int xOff, float[] cols, int colsOff) {
        im2col(shape, n, x, xOff, cols, colsOff, n * shape.positions());
    }

    /**
     * {@link #im2col} into rows {@code ld} floats apart (ld ≥ n · outH · outW): a few images' columns
     * written in place among the whole batch's, which a convolution that works a chunk of images at
     * a time keeps for its weight gradient.
     */
    default void im2col(ConvShape shape, int n, float[] x, int xOff, float[] cols, int colsOff, int ld) {
        Im2col.referenceIm2col(shape, n, x, xOff, cols, colsOff, ld);
    }

    /**
     * The adjoint of {@link #im2col}: adds each value of cols to the pixel of dx [n, c, h, w] it was
     * read from (dx += col2im(cols)): the gradient of a convolution's input from that of its patches.
     * Values for the same pixel are added in the order (channel, ky, kx, oy, ox), so every backend
     * gives the same sums.
     */
    default void col2im(ConvShape shape, int n, float[] cols, int colsOff, float[] dx, int dxOff) {
        Im2col.referenceCol2im(shape, n, cols, colsOff, dx, dxOff);
    }

    /** A share of a batch's rows for {@link #parallelRows}: rows [from, to), to run with {@code kernels}. */
    @FunctionalInterface
    interface RowShare {
        void run(int share, int from, int to, Backend kernels);
    }

    /** The most shares {@link #parallelRows} cuts a batch into (callers keep buffers per share). */
    default int rowShares() { return 1; }

    /**
     * Runs a sequence of kernels over rows [0, rows) of a batch, cut into contiguous shares that run
     * in parallel when this backend has the threads and each share is worth one, each share with
     * single-threaded kernels. A forward pass through several layers then forks and joins once per
     * batch, not once per GEMM, and the small kernels between the GEMMs run in parallel too.
     * {@code macsPerRow} is the work a row takes, in multiply-adds. The default runs one share on this backend.
     */
    default void parallelRows(int rows, long macsPerRow, RowShare share) { share.run(0, 0, rows, this); }
}
