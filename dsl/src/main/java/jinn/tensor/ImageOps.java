package jinn.tensor;

import jinn.accel.Backend;
import jinn.accel.ConvShape;

import java.util.Locale;

/**
 * The image ops behind {@link Tensor#conv2d}, pooling and global average pooling, with their
 * gradients. Images are [n, channels, height, width], row-major, as in PyTorch.
 *
 * <p>A convolution is the filters times im2col (the backend's, one column per output position):
 * GEMMs [f, c·kH·kW] × [c·kH·kW, images·outH·outW] over a few images at a time, as many as keep
 * their columns in a core's cache, with the long side along the GEMM's tiles. Each result
 * [f, images, positions] is moved into [n, f, positions] a feature map at a time. In backward,
 * dW = dY · colsᵀ is one GEMM over the whole batch (summed in a fixed order, so the same on any
 * thread count); dcols = Wᵀ · dY and dx = col2im(dcols) run a few images at a time, as the forward.
 */
final class ImageOps {
    private ImageOps() {}

    /**
     * Scratch arrays a convolution needs only while one call of it runs (the forward GEMM's [f, n·positions]
     * result before it moves into [n, f, ...]; backward's dY in that layout and dcols; im2col's columns
     * when no gradient will read them), one set per thread, grown on demand, dropped by the collector
     * under memory pressure. Each training step of the MNIST CNN allocated them anew: with the columns
     * of a forward that no backward reads, about a third of what inference and training left behind.
     */
    private static final ThreadLocal<java.lang.ref.SoftReference<float[][]>> SCRATCH = new ThreadLocal<>();

    /** Scratch array {@code slot} of this thread (0: forward result, 1: dY, 2: dcols, 3: columns), of at least size floats. */
    private static float[] scratch(int slot, int size) {
        java.lang.ref.SoftReference<float[][]> ref = SCRATCH.get();
        float[][] set = ref == null ? null : ref.get();
        if (set == null) {
            set = new float[4][];
            SCRATCH.set(new java.lang.ref.SoftReference<>(set));
        }
        if (set[slot] == null || set[slot].length < size) set[slot] = new float[size];
        return set[slot];
    }

    /**
     * Columns kept from a forward for its backward, handed back when that backward has run (a graph's
     * backward runs once, then the graph is freed), for the next forward to fill: a training step of
     * the MNIST CNN made 3.7 and 6.6 MB of them, each one more humongous region for G1 to allocate,
     * zero and reclaim. A forward whose backward never runs leaves its columns to the collector.
     */
    private static final java.util.ArrayList<java.lang.ref.SoftReference<float[]>> FREE_COLUMNS = new java.util.ArrayList<>();

    /** The smallest free array of at least size floats (no bigger than twice that), or a new one. */
    private static float[] takeColumns(int size) {
        synchronized (FREE_COLUMNS) {
            FREE_COLUMNS.removeIf(r -> r.get() == null);
            int best = -1;
            float[] found = null;
            for (int i = 0; i < FREE_COLUMNS.size(); i++) {
                float[] a = FREE_COLUMNS.get(i).get();
                if (a != null && a.length >= size && a.length <= 2L * size && (found == null || a.length < found.length)) {
                    best = i;
                    found = a;
                }
            }
            if (found != null) {
                FREE_COLUMNS.remove(best);
                return found;
            }
        }
        return new float[size];
    }

    private static void giveBackColumns(float[] a) {
        synchronized (FREE_COLUMNS) {
            if (FREE_COLUMNS.size() < 8) FREE_COLUMNS.add(new java.lang.ref.SoftReference<>(a));
        }
    }

    /** What a convolution's op does to its output before anyone sees it. */
    enum Tail {
        NONE, RELU,
        /** ReLU, then max pooling over 2×2 windows moved by 2. */
        RELU_MAX_POOL;

        String op() {
            return switch (this) {
                case NONE -> "conv2d";
                case RELU -> "conv2d+relu";
                case RELU_MAX_POOL -> "conv2d+relu+maxPool2d";
            };
        }
    }

    static Tensor conv2d(Tensor x, Tensor w, Tensor b, int stride, String padding) {
        return conv2d(x, w, b, stride, padding, Tail.NONE);
    }

    static Tensor conv2d(Tensor x, Tensor w, Tensor b, int stride, String padding, Tail tail) {
        checkConv(x, w, b);
        int h = x.shape[2], wd = x.shape[3], kH = w.shape[2], kW = w.shape[3];
        String p = padding == null ? "" : padding.toLowerCase(Locale.ROOT);
        if (stride <= 0) throw new IllegalArgumentException("conv2d: stride must be positive, got " + stride);
        return switch (p) {
            case "valid" -> conv2d(x, w, b, stride, stride, 0, 0, 0, 0, tail);
            case "same" -> {
                // TensorFlow's rule: output ⌈size / stride⌉, odd padding goes after the image.
                int padH = Math.max(0, (ceilDiv(h, stride) - 1) * stride + kH - h);
                int padW = Math.max(0, (ceilDiv(wd, stride) - 1) * stride + kW - wd);
                yield conv2d(x, w, b, stride, stride, padH / 2, padH - padH / 2, padW / 2, padW - padW / 2, tail);
            }
            default -> throw new IllegalArgumentException("conv2d: padding must be \"valid\" or \"same\" (or a number of pixels), got \""
                    + padding + "\"");
        };
    }

    static int ceilDiv(int a, int b) { return (a + b - 1) / b; }

    /** Output size of a window of {@code k} moved by {@code s} over {@code size} values with padding: 0 or less when none fits. */
    static int outSize(int size, int k, int s, int padBefore, int padAfter) {
        int span = size + padBefore + padAfter - k;
        return span < 0 ? 0 : span / s + 1;
    }

    private static void checkConv(Tensor x, Tensor w, Tensor b) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("conv2d: expects images of shape [batch, channels, height, width], got " + Shapes.str(x.shape));
        }
        if (w.rank() != 4) {
            throw new IllegalArgumentException("conv2d: expects filters of shape [filters, channels, kernelH, kernelW], got " + Shapes.str(w.shape));
        }
        if (w.shape[1] != x.shape[1]) {
            throw new IllegalArgumentException("conv2d: the filters " + Shapes.str(w.shape) + " take " + w.shape[1]
                    + " channels but the images " + Shapes.str(x.shape) + " have " + x.shape[1]);
        }
        if (b != null && (b.rank() != 1 || b.shape[0] != w.shape[0])) {
            throw new IllegalArgumentException("conv2d: expected a bias of shape [" + w.shape[0] + "], got " + Shapes.str(b.shape));
        }
    }

    static Tensor conv2d(Tensor x, Tensor w, Tensor b, int strideH, int strideW, int padTop, int padBottom, int padLeft, int padRight) {
        return conv2d(x, w, b, strideH, strideW, padTop, padBottom, padLeft, padRight, Tail.NONE);
    }

    /**
     * With {@code relu}, the output is relu(conv + bias), made in the same pass that moves the GEMM's
     * result into [n, f, ...], and backward masks dY where it moves it back: relu's own op made an
     * output and a gradient as big as the convolution's (2.4 MB each for the first MNIST
     * convolution at 64 images) and read both once more. The values and gradients are relu's, bit for
     * bit, but for NaN, which passes through here (as in PyTorch) where relu() makes it 0. Both loops
     * are branch-free (Math.max forward, dY masked by the output's bits backward, plus 0 so that a
     * zero is +0 as relu's): with a branch on the sign, which random outputs mispredict half the
     * time, the CNN trained 0.72× as fast as without the fusion.
     *
     * <p>With {@link Tail#RELU_MAX_POOL}, the move out of the GEMM's result also pools each 2×2 window
     * (moved by 2; an odd last row or column drops, as {@link #pool} does), so the convolution's
     * output, a quarter of which survives the pooling, is never written, and each window's winner is
     * kept as a byte for backward, which writes dY in the GEMM's layout straight from the pooled
     * gradient: the pooling's own op read and wrote the convolution's output and gradient once more
     * each (the first MNIST convolution's: 2.4 MB a batch of 64). The values and gradients are those
     * of {@code maxPool2d(2)} after conv2d+relu, bit for bit: the same maxima (Math.max, a NaN wins),
     * the same winner (the first value equal to the maximum, or the first NaN), and the gradient
     * passed there only where the maximum is positive.
     */
    static Tensor conv2d(Tensor x, Tensor w, Tensor b, int strideH, int strideW, int padTop, int padBottom, int padLeft, int padRight,
                         Tail tail) {
        checkConv(x, w, b);
        int n = x.shape[0], c = x.shape[1], h = x.shape[2], wd = x.shape[3], f = w.shape[0], kH = w.shape[2], kW = w.shape[3];
        if (padTop < 0 || padBottom < 0 || padLeft < 0 || padRight < 0) {
            throw new IllegalArgumentException("conv2d: padding must not be negative, got " + padTop + ", " + padBottom + ", " + padLeft + ", " + padRight);
        }
        int oh = outSize(h, kH, strideH, padTop, padBottom), ow = outSize(wd, kW, strideW, padLeft, padRight);
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException("conv2d: a " + kH + "×" + kW + " kernel does not fit in images of " + h + "×" + wd
                    + " with padding " + padTop + "+" + padBottom + " rows, " + padLeft + "+" + padRight + " columns");
        }
        boolean relu = tail != Tail.NONE, pool = tail == Tail.RELU_MAX_POOL;
        if (pool && (oh < 2 || ow < 2)) {
            throw new IllegalArgumentException("maxPool2d: a 2×2 window does not fit in the convolution's " + oh + "×" + ow + " output");
        }
        ConvShape g = new ConvShape(c, h, wd, kH, kW, strideH, strideW, padTop, padLeft, oh, ow);
        Tensor xc = x.contiguous(), wc = w.contiguous(), bc = b == null ? null : b.contiguous();
        int pos = g.positions(), k = g.patchSize(), cols = n * pos;
        Backend be = Tensor.backend();
        // The columns outlive this call only when backward will read them (for dW).
        boolean backward = GradMode.enabled() && (xc.needsGrad() || wc.needsGrad() || (bc != null && bc.needsGrad()));
        int[] shape = pool ? new int[]{n, f, oh / 2, ow / 2} : new int[]{n, f, oh, ow};
        float[] y = new float[n * f * shape[2] * shape[3]];
        float[] bias = bc == null ? null : bc.toArray();
        Tensor out = new Tensor(y, 0, shape, Shapes.contiguousStrides(shape));
        if (!backward) {
            convolveInCache(be, g, n, f, xc, wc, bias, tail, y, null, null);
            return out;
        }
        // Kept for dW = dY · patchesᵀ, one GEMM over the whole batch; filled a chunk at a time in the forward.
        float[] patches = takeColumns(k * cols);
        byte[] winners = pool ? new byte[y.length] : null;
        convolveInCache(be, g, n, f, xc, wc, bias, tail, y, patches, winners);
        Tensor.Backward back = grad -> {
            Tensor gc = grad.contiguous();
            // dY as [f, n·positions], the layout of the forward GEMM's result.
            float[] gf = scratch(1, f * cols);
            overImages(be, n, f * pos, (from, to) -> {
                if (pool) {
                    unpool(gc.data, gc.offset, y, winners, from, to, f, oh, ow, gf, cols);
                    return;
                }
                for (int img = from; img < to; img++)
                    for (int ch = 0; ch < f; ch++) {
                        int src = gc.offset + (img * f + ch) * pos, dst = ch * cols + img * pos;
                        if (!relu) System.arraycopy(gc.data, src, gf, dst, pos);
                        else for (int p = 0, o = (img * f + ch) * pos; p < pos; p++) gf[dst + p] = 0f + passWherePositive(gc.data[src + p], y[o + p]);
                    }
            });
            if (wc.needsGrad()) {
                float beta = wc.hasLiveGrad() ? 1f : 0f;
                be.gemm(false, true, f, k, cols, 1f, gf, 0, cols, patches, 0, cols, beta, wc.gradBuffer(), 0, k);
                wc.markGradLive();
            }
            if (bc != null && bc.needsGrad()) {
                float[] db = new float[f];
                be.reduce(jinn.accel.ReduceOp.SUM, gf, 0, f, cols, 1, db, 0);
                float[] acc = bc.gradAccumulator();
                for (int i = 0; i < f; i++) acc[i] += db[i];
            }
            if (xc.needsGrad()) {
                // dcols = Wᵀ · dY and col2im a few images at a time, as the forward runs: the whole batch's
                // dcols (6.5 MB for the second MNIST convolution) went through memory, written and read back.
                float[] dx = xc.gradAccumulator();
                int per = imagesPerChunk(g), image = g.imageSize();
                be.parallelRows(n, (long) f * k * pos, (share, from, to, kernels) -> {
                    for (int i0 = from; i0 < to; i0 += per) {
                        int i1 = Math.min(to, i0 + per), cc = (i1 - i0) * pos;
                        float[] dpatches = scratch(2, k * cc);
                        kernels.gemm(true, false, k, cc, f, 1f, wc.data, wc.offset, k, gf, i0 * pos, cols, 0f, dpatches, 0, cc);
                        kernels.col2im(g, i1 - i0, dpatches, 0, dx, i0 * image);
                    }
                });
            }
            giveBackColumns(patches);
        };
        return bc == null ? Tensor.record(out, tail.op(), back, xc, wc) : Tensor.record(out, tail.op(), back, xc, wc, bc);
    }

    /**
     * Images [from, to) of Y [f, ld] (image {@code base}'s maps first) into y [n, f, positions], with
     * the bias and, with {@code relu}, ReLU: the GEMM's result in the layout of images.
     */
    private static void moveOut(float[] yf, int ld, int base, int from, int to, int f, int pos, float[] bias, boolean relu, float[] y) {
        for (int img = from; img < to; img++)
            for (int ch = 0; ch < f; ch++) {
                int src = ch * ld + (img - base) * pos, dst = (img * f + ch) * pos;
                if (relu && bias == null) for (int p = 0; p < pos; p++) y[dst + p] = Math.max(yf[src + p], 0f);
                else if (relu) for (int p = 0; p < pos; p++) y[dst + p] = Math.max(yf[src + p] + bias[ch], 0f);
                else if (bias == null) System.arraycopy(yf, src, y, dst, pos);
                else for (int p = 0; p < pos; p++) y[dst + p] = yf[src + p] + bias[ch];
            }
    }

    /**
     * Images [from, to) of Y [f, ld] (image {@code base}'s maps first, each oh × ow) into y [n, f, oh/2, ow/2]:
     * relu(Y + bias) max-pooled over 2×2 windows moved by 2, and with {@code winners}, which of each
     * window's four won (0 to 3 in row-major order: the first equal to the maximum, or the first NaN
     * when the maximum is NaN, as {@link #pool2x2}'s backward finds it), as bit masks so that random data
     * mispredicts no branch.
     */
    private static void movePooled(float[] yf, int ld, int base, int from, int to, int f, int oh, int ow, float[] bias, float[] y,
                                   byte[] winners) {
        int ph = oh / 2, pw = ow / 2, pos = oh * ow;
        for (int img = from; img < to; img++)
            for (int ch = 0; ch < f; ch++) {
                // + 0f where there is no bias: a −0 becomes +0 there, as Math.max(−0, 0) makes it anyway.
                float bb = bias == null ? 0f : bias[ch];
                int src = ch * ld + (img - base) * pos, dst = (img * f + ch) * ph * pw;
                for (int py = 0; py < ph; py++) {
                    int r0 = src + 2 * py * ow, r1 = r0 + ow, o = dst + py * pw;
                    for (int px = 0; px < pw; px++) {
                        int i = 2 * px;
                        float a = yf[r0 + i] + bb, b = yf[r0 + i + 1] + bb, c = yf[r1 + i] + bb, d = yf[r1 + i + 1] + bb;
                        // ReLU of the maximum is the maximum of the ReLUs, to the bit (a NaN wins both ways).
                        float mr = Math.max(Math.max(a, b), Math.max(c, d));
                        y[o + px] = Math.max(mr, 0f);
                        if (winners != null) {
                            // The first equal to the maximum, by bits, which a NaN equals too (Math.max returned the first
                            // NaN itself). Where the maximum is not positive ReLU's mask stops the gradient, whichever won.
                            int mb = Float.floatToRawIntBits(mr);
                            int found = (Float.floatToRawIntBits(a) == mb ? 1 : 0) | (Float.floatToRawIntBits(b) == mb ? 2 : 0)
                                    | (Float.floatToRawIntBits(c) == mb ? 4 : 0) | 8;
                            winners[o + px] = (byte) Integer.numberOfTrailingZeros(found);
                        }
                    }
                }
            }
    }

    /**
     * Images [from, to) of dY [f, cols] (the GEMM's layout) from the pooled output's gradient: each
     * window's gradient at its winner where the window's maximum is positive (ReLU's mask), 0 at its
     * other three pixels and at a dropped odd last row or column. Each map is zeroed whole, then
     * written at the winners: four masked stores a window took twice as long.
     */
    private static void unpool(float[] g, int gOff, float[] pooled, byte[] winners, int from, int to, int f, int oh, int ow, float[] gf,
                               int cols) {
        int ph = oh / 2, pw = ow / 2, pos = oh * ow;
        for (int img = from; img < to; img++)
            for (int ch = 0; ch < f; ch++) {
                int src = (img * f + ch) * ph * pw, dst = ch * cols + img * pos;
                java.util.Arrays.fill(gf, dst, dst + pos, 0f);
                for (int py = 0; py < ph; py++) {
                    int r0 = dst + 2 * py * ow, o = src + py * pw;
                    for (int px = 0; px < pw; px++) {
                        int won = winners[o + px];
                        gf[r0 + 2 * px + (won & 1) + (won >> 1) * ow] = 0f + passWherePositive(g[gOff + o + px], pooled[o + px]);
                    }
                }
            }
    }

    /** Floats of im2col's columns a chunk of images may fill: with Y's, within a core's L2 (1 MB on Zen 4, 512 KB on Zen 3). */
    private static final int CHUNK_FLOATS = 64 * 1024;

    /** Images whose columns fit in {@link #CHUNK_FLOATS} (at least one). */
    private static int imagesPerChunk(ConvShape g) {
        return Math.max(1, CHUNK_FLOATS / Math.max(1, g.patchSize() * g.positions()));
    }

    /**
     * The convolution a few images at a time: each thread takes a share of the batch and, for as
     * many images as keep their columns within {@link #CHUNK_FLOATS}, runs im2col, the GEMM and the
     * move into y while they are in its cache. The whole batch's columns (6.5 MB for the second MNIST
     * convolution at 64 images) went through memory twice, once written by im2col and once read by
     * the GEMM. Each value of y is the same dot product over the window either way, in the same
     * order. With {@code keep} (a backward will want the columns for dW), each chunk's columns are
     * written in place among the batch's [k, n·positions] there; without, into a scratch array.
     */
    private static void convolveInCache(Backend be, ConvShape g, int n, int f, Tensor xc, Tensor wc, float[] bias, Tail tail, float[] y,
                                        float[] keep, byte[] winners) {
        int k = g.patchSize(), pos = g.positions(), image = g.imageSize(), per = imagesPerChunk(g), ld = n * pos;
        be.parallelRows(n, (long) f * k * pos, (share, from, to, kernels) -> {
            for (int i0 = from; i0 < to; i0 += per) {
                int i1 = Math.min(to, i0 + per), cc = (i1 - i0) * pos;
                float[] yf = scratch(0, f * cc);
                float[] cols = keep != null ? keep : scratch(3, k * cc);
                int at = keep != null ? i0 * pos : 0, rowStep = keep != null ? ld : cc;
                kernels.im2col(g, i1 - i0, xc.data, xc.offset + i0 * image, cols, at, rowStep);
                kernels.gemm(false, false, f, cc, k, 1f, wc.data, wc.offset, k, cols, at, rowStep, 0f, yf, 0, cc);
                if (tail == Tail.RELU_MAX_POOL) movePooled(yf, cc, i0, i0, i1, f, g.outH(), g.outW(), bias, y, winners);
                else moveOut(yf, cc, i0, i0, i1, f, pos, bias, tail == Tail.RELU, y);
            }
        });
    }

    /**
     * g where the ReLU output y (never negative) is positive, else 0, without a branch: random outputs
     * mispredict one half the time. y's bits are 0 for +0 and positive otherwise; (bits | −bits) >> 31
     * is then 0 or all ones, a mask for g's bits.
     */
    private static float passWherePositive(float g, float y) {
        int bits = Float.floatToRawIntBits(y);
        return Float.intBitsToFloat(Float.floatToRawIntBits(g) & ((bits | -bits) >> 31));
    }

    /**
     * Max or average pooling without padding: output floor((size − window) / stride) + 1 a side. Max
     * pooling remembers which input won each window, and its gradient goes there alone (the first
     * of equal values, as PyTorch does).
     */
    static Tensor pool(Tensor x, int size, int stride, boolean max) {
        String op = max ? "maxPool2d" : "avgPool2d";
        if (x.rank() != 4) {
            throw new IllegalArgumentException(op + ": expects images of shape [batch, channels, height, width], got " + Shapes.str(x.shape));
        }
        if (size <= 0 || stride <= 0) throw new IllegalArgumentException(op + ": window and stride must be positive, got " + size + " and " + stride);
        int n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        int oh = outSize(h, size, stride, 0, 0), ow = outSize(w, size, stride, 0, 0);
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException(op + ": a " + size + "×" + size + " window does not fit in images of " + h + "×" + w
                    + " (shape " + Shapes.str(x.shape) + ")");
        }
        Tensor xc = x.contiguous();
        if (size == 2 && stride == 2) return pool2x2(xc, n, c, h, w, oh, ow, max);
        float[] in = xc.data;
        int base = xc.offset, planes = n * c;
        float[] y = new float[planes * oh * ow];
        int[] winner = max ? new int[y.length] : null;
        float scale = 1f / (size * size);
        overImages(Tensor.backend(), planes, h * w, (fromPlane, toPlane) -> {
            for (int pl = fromPlane; pl < toPlane; pl++) {
                int src = base + pl * h * w, dst = pl * oh * ow;
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++) {
                        int top = src + oy * stride * w + ox * stride;
                        if (max) {
                            int best = top;
                            float bv = in[top];
                            for (int ky = 0; ky < size; ky++)
                                for (int kx = 0; kx < size; kx++) {
                                    int i = top + ky * w + kx;
                                    float v = in[i];
                                    // > not >=: the first of equal values wins; a NaN wins so that it shows.
                                    if (v > bv || (v != v && bv == bv)) { best = i; bv = v; }
                                }
                            y[dst + oy * ow + ox] = bv;
                            winner[dst + oy * ow + ox] = best - base;
                        } else {
                            float s = 0f;
                            for (int ky = 0; ky < size; ky++)
                                for (int kx = 0; kx < size; kx++) s += in[top + ky * w + kx];
                            y[dst + oy * ow + ox] = s * scale;
                        }
                    }
            }
        });
        Tensor out = new Tensor(y, 0, new int[]{n, c, oh, ow}, Shapes.contiguousStrides(new int[]{n, c, oh, ow}));
        return Tensor.record(out, op, grad -> {
            Tensor gc = grad.contiguous();
            float[] dx = xc.gradAccumulator();
            if (max) {
                for (int i = 0; i < y.length; i++) dx[winner[i]] += gc.data[gc.offset + i];
                return;
            }
            for (int pl = 0; pl < planes; pl++) {
                int dst = pl * h * w, src = gc.offset + pl * oh * ow;
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++) {
                        float v = gc.data[src + oy * ow + ox] * scale;
                        int top = dst + oy * stride * w + ox * stride;
                        for (int ky = 0; ky < size; ky++)
                            for (int kx = 0; kx < size; kx++) dx[top + ky * w + kx] += v;
                    }
            }
        }, xc);
    }

    /**
     * Pooling over 2×2 windows moved by 2, the common case, with straight-line, branch-free loops over
     * pairs of input rows (a zero's sign aside, Math.max gives what the general loop's first-of-equals
     * rule does: +0 where it kept a −0 first). Max pooling keeps no winners: backward finds each window's winner again from the
     * input and the output (the first value equal to the maximum, or the first NaN when the maximum
     * is NaN: the same one the general loop picks), so a batch allocates nothing beyond its output.
     * The tensors of a graph are not written after the op that made them, so both are still there.
     */
    private static Tensor pool2x2(Tensor xc, int n, int c, int h, int w, int oh, int ow, boolean max) {
        float[] in = xc.data;
        int base = xc.offset, planes = n * c, plane = h * w, oplane = oh * ow;
        float[] y = new float[planes * oplane];
        Backend be = Tensor.backend();
        overImages(be, planes, plane, (fromPlane, toPlane) -> {
            for (int pl = fromPlane; pl < toPlane; pl++)
                for (int oy = 0; oy < oh; oy++) {
                    int r0 = base + pl * plane + 2 * oy * w, r1 = r0 + w, o = pl * oplane + oy * ow;
                    if (max) {
                        for (int ox = 0; ox < ow; ox++) {
                            int i = 2 * ox;
                            // Math.max has no branch to mispredict, and a NaN wins, as in the general loop.
                            y[o + ox] = Math.max(Math.max(in[r0 + i], in[r0 + i + 1]), Math.max(in[r1 + i], in[r1 + i + 1]));
                        }
                    } else {
                        for (int ox = 0; ox < ow; ox++) {
                            int i = 2 * ox;
                            y[o + ox] = (in[r0 + i] + in[r0 + i + 1] + in[r1 + i] + in[r1 + i + 1]) * 0.25f;
                        }
                    }
                }
        });
        Tensor out = new Tensor(y, 0, new int[]{n, c, oh, ow}, Shapes.contiguousStrides(new int[]{n, c, oh, ow}));
        return Tensor.record(out, max ? "maxPool2d" : "avgPool2d", grad -> {
            Tensor gc = grad.contiguous();
            float[] g = gc.data, dx = xc.gradAccumulator();
            int gOff = gc.offset;
            overImages(be, planes, plane, (fromPlane, toPlane) -> {
                for (int pl = fromPlane; pl < toPlane; pl++)
                    for (int oy = 0; oy < oh; oy++) {
                        int r0 = pl * plane + 2 * oy * w, r1 = r0 + w, o = pl * oplane + oy * ow;
                        if (max) {
                            for (int ox = 0; ox < ow; ox++) {
                                int i = 2 * ox;
                                float m = y[o + ox], a = in[base + r0 + i], b = in[base + r0 + i + 1], cc = in[base + r1 + i];
                                // The winner: the first value equal to the maximum (the first NaN when it is NaN), as
                                // a bit mask's lowest set bit, so that random data mispredicts no branch.
                                int found = m == m ? (a == m ? 1 : 0) | (b == m ? 2 : 0) | (cc == m ? 4 : 0) | 8
                                        : (a != a ? 1 : 0) | (b != b ? 2 : 0) | (cc != cc ? 4 : 0) | 8;
                                int k = Integer.numberOfTrailingZeros(found);
                                dx[r0 + i + (k & 1) + (k >> 1) * w] += g[gOff + o + ox];
                            }
                        } else {
                            for (int ox = 0; ox < ow; ox++) {
                                int i = 2 * ox;
                                float v = g[gOff + o + ox] * 0.25f;
                                dx[r0 + i] += v;
                                dx[r0 + i + 1] += v;
                                dx[r1 + i] += v;
                                dx[r1 + i + 1] += v;
                            }
                        }
                    }
            });
        }, xc);
    }

    private interface Range { void run(int from, int to); }

    /**
     * Runs body over [0, count) images (or planes) in the backend's shares, each worth {@code work}
     * values: the loops between the GEMMs (transposes, pooling) would otherwise run on one core
     * while the others wait. Each item writes only its own part of the output, so the result does
     * not depend on the split.
     */
    private static void overImages(Backend be, int count, long work, Range body) {
        // parallelRows weighs work in multiply-adds; a value moved with a stride costs a few of them.
        be.parallelRows(count, Math.max(1, 4 * work), (share, from, to, kernels) -> body.run(from, to));
    }

    /** The mean over each channel's pixels, built from reshape and mean, whose gradients autograd has. */
    static Tensor globalAvgPool(Tensor x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("globalAvgPool: expects images of shape [batch, channels, height, width], got " + Shapes.str(x.shape));
        }
        return x.reshape(x.shape[0], x.shape[1], x.shape[2] * x.shape[3]).mean(2);
    }

}
