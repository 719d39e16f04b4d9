package jinn.nn;

import java.util.ArrayList;
import java.util.List;
import jinn.accel.Backend;
import jinn.accel.Backends;
import jinn.accel.UnaryOp;
import jinn.tensor.Tensor;

/**
 * A network's inference forward pass (no graph wanted) as a fixed sequence of backend kernels on
 * two buffers it keeps: each dense layer writes one buffer from the other (bias prefilled, GEMM
 * with beta 1), its activation runs in place, and only the final output is a new array. The same
 * kernels the layer-by-layer path calls, in the same order, so the values are the same.
 *
 * <p>Why it exists: the layer-by-layer path allocated a fresh array for every layer's output and
 * every activation, and a tensor for each. On MNIST inference (784-256-128-10, batches of 128)
 * that was about 12% of one thread's time and 20% at two threads, where it runs between the
 * parallel GEMMs on one core.
 *
 * <p>Where the backend has threads, a batch is cut into shares of rows, each run through every
 * layer on one thread ({@link Backend#parallelRows}), each share with buffers of its own.
 *
 * <p>Only plain stacks qualify: dense layers, activations, dropout (the identity at inference) and
 * flatten (on rows already flat). Inputs run in chunks of {@link #CHUNK_ROWS} rows, so predicting a
 * whole test set keeps buffers of a few hundred rows rather than of the set.
 */
final class InferencePlan {

    /** Rows per pass through the layers: large enough for the GEMMs' blocking, small enough to stay in cache. */
    static final int CHUNK_ROWS = 256;

    /** One step: a dense layer, or an activation applied in place to the last dense layer's output. */
    private sealed interface Step {}

    private record Linear(Dense layer) implements Step {}

    /** An activation: an elementwise op, or softmax over rows where {@code op} is null. */
    private record Act(UnaryOp op, float alpha) implements Step {}

    private final List<Step> steps;
    private final int inputs, outputs, widest;
    /** The index in {@code steps} of the last dense layer, which writes the output. */
    private final int lastLinear;
    /** Multiply-adds per row, all dense layers together: how the backend judges a batch worth splitting. */
    private final long macsPerRow;
    /** Two buffers per share of a batch ({@link Backend#parallelRows}), each a chunk's rows × the widest layer. */
    private float[][] ping = new float[0][], pong = new float[0][];

    private InferencePlan(List<Step> steps, int inputs, int outputs, int widest) {
        this.steps = steps;
        this.inputs = inputs;
        this.outputs = outputs;
        this.widest = widest;
        long macs = 0;
        int last = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (!(steps.get(i) instanceof Linear lin)) continue;
            macs += (long) lin.layer().inputs() * lin.layer().units();
            last = i;
        }
        this.macsPerRow = macs;
        this.lastLinear = last;
    }

    /**
     * The plan for these layers, or null when one of them is not a dense layer, activation, dropout
     * or flatten, or when the stack does not begin with a dense layer (its output is then not an
     * array this plan owns).
     */
    static InferencePlan of(List<Layer> layers) {
        List<Step> steps = new ArrayList<>();
        int inputs = -1, width = -1, widest = 0;
        for (Layer l : layers) {
            if (l instanceof Dense d) {
                if (!d.isBuilt() || (width >= 0 && d.inputs() != width)) return null;
                if (inputs < 0) inputs = d.inputs();
                width = d.units();
                widest = Math.max(widest, width);
                steps.add(new Linear(d));
            } else if (l instanceof Activation a) {
                if (width < 0) return null;
                steps.add(new Act(a.elementwiseOp(), a.alpha()));
            } else if (!(l instanceof Dropout) && !(l instanceof Flatten)) {
                return null;
            }
        }
        return width < 0 ? null : new InferencePlan(List.copyOf(steps), inputs, width, widest);
    }

    /**
     * The network's output for x (rows × inputs, any strides: it is made contiguous), without the
     * last layer when {@code withoutLastSoftmax} (the caller's logits, for a network ending in
     * softmax). Null when x is not a matrix of the right width, or a dense
     * layer's weights are not a contiguous [inputs, units] matrix (a view, or replaced by weights
     * of another shape): the caller then runs layer by layer, which says what is wrong.
     */
    synchronized Tensor run(Tensor x, boolean withoutLastSoftmax) {
        if (x.rank() != 2 || !fits(x.dim(1))) return null;
        Tensor in = x.contiguous();
        int rows = x.dim(0);
        float[] out = new float[rows * outputs];
        Backend be = Backends.current();
        int shares = Math.max(1, be.rowShares()), size = Math.min(rows, CHUNK_ROWS) * widest;
        if (ping.length < shares || ping[0].length < size) {
            ping = new float[shares][size];
            pong = new float[shares][size];
        }
        float[] xs = in.data();
        float[][] pings = ping, pongs = pong;
        for (int r = 0; r < rows; r += CHUNK_ROWS) {
            int at = r;
            be.parallelRows(Math.min(CHUNK_ROWS, rows - r), macsPerRow, (share, from, to, kernels) ->
                    chunk(kernels, pings[share], pongs[share], xs, in.offset() + (at + from) * inputs, to - from, out,
                            (at + from) * outputs, withoutLastSoftmax));
        }
        return Tensor.of(out, rows, outputs);
    }

    /** Whether every dense layer still chains from {@code width} inputs with contiguous parameters of its shape. */
    private boolean fits(int width) {
        if (width != inputs) return false;
        for (Step s : steps) {
            if (!(s instanceof Linear lin)) continue;
            Dense d = lin.layer();
            Tensor w = d.weight();
            if (w == null || !w.isContiguous() || w.dim(0) != width || w.dim(1) != d.units()) return false;
            if (d.hasBias() && (d.bias() == null || !d.bias().isContiguous() || d.bias().size() != d.units())) return false;
            width = d.units();
        }
        return width == outputs;
    }

    /** One chunk of rows through every step; the last dense layer writes straight into out. */
    private void chunk(Backend be, float[] ping, float[] pong, float[] x, int xOff, int rows, float[] out, int outOff,
                       boolean withoutLastSoftmax) {
        float[] src = x, dst = ping;
        int srcOff = xOff, dstOff = 0, width = inputs;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s instanceof Linear lin) {
                Dense d = lin.layer();
                if (i == lastLinear) {
                    dst = out;
                    dstOff = outOff;
                } else {
                    dst = src == ping ? pong : ping;
                    dstOff = 0;
                }
                int n = d.units();
                float beta = 0f;
                if (d.hasBias()) {
                    Tensor b = d.bias();
                    for (int row = 0; row < rows; row++) System.arraycopy(b.data(), b.offset(), dst, dstOff + row * n, n);
                    beta = 1f;
                }
                Tensor w = d.weight();
                be.gemm(false, false, rows, n, width, 1f, src, srcOff, width, w.data(), w.offset(), n, beta, dst, dstOff, n);
                src = dst;
                srcOff = dstOff;
                width = n;
            } else if (s instanceof Act a) {
                boolean skip = withoutLastSoftmax && a.op() == null && i == steps.size() - 1;
                if (!skip) activate(be, a, src, srcOff, rows, width);
            }
        }
    }

    private void activate(Backend be, Act a, float[] v, int off, int rows, int width) {
        // Row by row: softmax reads a row before it writes it, so in place is safe.
        if (a.op() == null) be.softmax(v, off, rows, width, v, off, false);
        else if (a.op() != UnaryOp.IDENTITY) be.map(a.op(), a.alpha(), v, off, v, off, rows * width);
    }
}
