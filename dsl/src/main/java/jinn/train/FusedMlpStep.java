package jinn.train;

import java.util.Arrays;
import java.util.List;
import jinn.accel.Backend;
import jinn.accel.ClassLabels;
import jinn.accel.DenseChain;
import jinn.accel.ReduceOp;
import jinn.accel.TrainingStep;
import jinn.accel.UnaryOp;
import jinn.tensor.Tensor;

/**
 * A plain MLP's training step on the host: its {@link DenseChain} as a fixed sequence of the
 * current backend's kernels (its primitives only, so any backend runs it) on buffers
 * allocated once: no autograd graph is built and nothing is allocated per step. The update is
 * the optimizer's own ({@link ElementwiseOptimizer#update}, keyed by the network's tensors, so its
 * velocities and moments live in the optimizer as op by op); plain SGD's is folded into the
 * weight-gradient GEMM (W ← W − lr·Aᵀ·dZ is one call with alpha −lr and beta 1), so that gradient
 * is never written out and read back.
 *
 * <p>Per layer l with input A (rows × in) and weight W (in × out):
 * forward Z = A·W + b (the bias prefilled, GEMM beta 1), Y = act(Z); after the softmax
 * cross-entropy gives dY of the logits, backward dZ = dY ⊙ act'(Z) and dA = dZ·Wᵀ for every
 * layer, then every W and b is updated. The same kernels the op-by-op path calls, so the results
 * agree with it to rounding (plain SGD's folded update rounds once less).
 */
final class FusedMlpStep implements TrainingStep {

    private final Backend be;
    private final DenseChain spec;
    private final int layers;
    private final int[] widths;
    private final UnaryOp[] acts;
    private final float[] alphas;
    private final ElementwiseOptimizer opt;
    /** The network's parameter tensors, in {@link DenseChain#parameterSizes} order: the optimizer's keys for their state. */
    private final Tensor[] wKey, bKey;
    /** {alpha, beta} of an update folded into the weight-gradient GEMM, or null ({@link ElementwiseOptimizer#foldedIntoGemm}). */
    private final float[] folded;
    /**
     * Per layer: its weight gradient and update for a share of the weight's rows, made once (a lambda
     * per batch would be garbage); they read this step's input and rows from {@link #stepInput} and
     * {@link #stepRows}.
     */
    private final Backend.RowShare[] gradientAndUpdate;
    /** The batch the current {@link #step} trains on and its row count, for {@link #gradientAndUpdate}. */
    private float[] stepInput;
    private int stepRows;
    /** Per layer: weights, bias (null for a layer without one), weight gradient (null when the update is folded). */
    private final float[][] w, b, gw;
    /** Per layer: pre-activation Z and output Y (batch × out); Y is Z itself for identity. dY and dZ buffers. */
    private final float[][] z, y, dy, dz;
    private final float[] db;
    /** Multiply-adds a row takes forward and back (W·x and dZ·Wᵀ): how the backend judges a batch worth splitting. */
    private final long macsPerRow;
    /** Per share of a batch's rows (see {@link Backend#parallelRows}): its labels from 0, its loss sum and hits. */
    private final int[][] shareLabels;
    private final float[] shareLoss;
    private final int[] shareCorrect;

    /**
     * @param keys the network's parameter tensors in {@link DenseChain#parameterSizes} order; the
     *             step keeps its own copy of their values ({@link #write}, {@link #read})
     */
    FusedMlpStep(Backend be, DenseChain spec, ElementwiseOptimizer opt, List<Tensor> keys) {
        this.be = be;
        this.spec = spec;
        this.layers = spec.layers();
        this.widths = spec.widths();
        this.acts = spec.activations();
        this.alphas = spec.alphas();
        this.opt = opt;
        this.folded = opt.foldedIntoGemm();
        boolean[] hasBias = spec.biases();
        int[] sizes = spec.parameterSizes();
        if (keys.size() != sizes.length) {
            throw new IllegalArgumentException("mlp step: " + keys.size() + " parameter tensors for " + sizes.length + " parameters");
        }
        int batch = spec.batchSize(), widest = 0;
        w = new float[layers][];
        b = new float[layers][];
        gw = new float[layers][];
        wKey = new Tensor[layers];
        bKey = new Tensor[layers];
        z = new float[layers][];
        y = new float[layers][];
        dy = new float[layers][];
        dz = new float[layers][];
        for (int l = 0; l < layers; l++) {
            int in = widths[l], out = widths[l + 1];
            widest = Math.max(widest, out);
            w[l] = new float[in * out];
            if (hasBias[l]) b[l] = new float[out];
            if (folded == null) gw[l] = new float[in * out];
            z[l] = new float[batch * out];
            y[l] = acts[l] == UnaryOp.IDENTITY ? z[l] : new float[batch * out];
            dy[l] = new float[batch * out];
            dz[l] = acts[l] == UnaryOp.IDENTITY ? dy[l] : new float[batch * out];
        }
        db = new float[widest];
        int k = 0;
        gradientAndUpdate = new Backend.RowShare[layers];
        for (int l = 0; l < layers; l++) {
            wKey[l] = key(keys.get(k), sizes[k++], "weight", l);
            opt.createState(wKey[l]);
            if (b[l] != null) {
                bKey[l] = key(keys.get(k), sizes[k++], "bias", l);
                opt.createState(bKey[l]);
            }
            int layer = l, in = widths[l], out = widths[l + 1];
            gradientAndUpdate[l] = (share, from, to, kernels) -> {
                float[] a = layer == 0 ? stepInput : y[layer - 1];
                kernels.gemm(true, false, to - from, out, stepRows, 1f, a, from, in, dz[layer], 0, out, 0f, gw[layer], from * out, out);
                opt.update(wKey[layer], w[layer], gw[layer], from * out, to * out);
            };
        }
        long macs = 0;
        for (int l = 0; l < layers; l++) macs += 2L * widths[l] * widths[l + 1];
        macsPerRow = macs;
        int shares = Math.max(1, be.rowShares());
        shareLabels = new int[shares][batch];
        shareLoss = new float[shares];
        shareCorrect = new int[shares];
    }

    private static Tensor key(Tensor t, int size, String what, int layer) {
        if (t.size() != size) {
            throw new IllegalArgumentException("mlp step: the " + what + " of layer " + layer + " has " + t.size() + " values, expected " + size);
        }
        return t;
    }

    /** The optimizer keeps its own state (by the network's tensors): velocities are not taken, pass null. */
    @Override
    public void write(List<float[]> parameters, List<float[]> velocities) {
        if (velocities != null) throw new IllegalArgumentException("mlp step: the optimizer keeps the velocities; pass null");
        int i = 0;
        for (int l = 0; l < layers; l++) {
            copy(parameters.get(i++), w[l], "weight of layer " + l);
            if (b[l] != null) copy(parameters.get(i++), b[l], "bias of layer " + l);
        }
    }

    @Override
    public void read(List<float[]> parameters, List<float[]> velocities) {
        int i = 0;
        for (int l = 0; l < layers; l++) {
            copy(w[l], parameters.get(i++), "weight of layer " + l);
            if (b[l] != null) copy(b[l], parameters.get(i++), "bias of layer " + l);
        }
    }

    private static void copy(float[] from, float[] to, String what) {
        if (from.length != to.length) {
            throw new IllegalArgumentException("mlp step: " + what + " has " + from.length + " values, expected " + to.length);
        }
        System.arraycopy(from, 0, to, 0, from.length);
    }

    @Override
    public Result step(float[] x, int[] labels, int rows) {
        return step(null, x, labels, rows);
    }

    /** Each share gathers its rows of the batch first, in parallel: on one thread that took 10% of a two-thread step. */
    @Override
    public Result step(Rows gather, float[] x, int[] labels, int rows) {
        if (rows < 1 || rows > spec.batchSize()) {
            throw new IllegalArgumentException("mlp step: " + rows + " rows, expected 1 to " + spec.batchSize());
        }
        int last = layers - 1, classes = widths[layers];
        ClassLabels.check("mlp step", labels, rows, classes);
        // Forward, loss and backward down to every layer's dZ and dA, a share of the rows per
        // thread: each row's values depend on that row and the weights alone, and the weights
        // change only after. One fork and join for all of it, where each GEMM big enough forked on
        // its own, and the activations and the loss now run in parallel too.
        be.parallelRows(rows, macsPerRow, (share, from, to, kernels) -> {
            if (gather != null) gather.copy(from, to, x, from * widths[0]);
            rowsForwardAndBack(kernels, share, x, labels, from, to, rows);
        });
        float lossSum = 0f;
        int correct = 0;
        for (int s = 0; s < shareLoss.length; s++) {
            lossSum += shareLoss[s];
            correct += shareCorrect[s];
            shareLoss[s] = 0f;
            shareCorrect[s] = 0;
        }
        // Updates, each over all the rows, last layer first (any order would do: each update reads only
        // its own parameter, gradient and state; Adam counts the step once, in beginStep).
        opt.beginStep();
        for (int l = last; l >= 0; l--) {
            int k = widths[l], n = widths[l + 1];
            float[] a = l == 0 ? x : y[l - 1];
            if (folded != null) {
                be.gemm(true, false, k, n, rows, folded[0], a, 0, k, dz[l], 0, n, folded[1], w[l], 0, n);
            } else {
                // Each thread computes a band of the gradient's rows and updates those weights at once,
                // while the band is in its cache. As a threaded GEMM then a separately split update,
                // each core read half of the gradient from the other core's cache: at 2 threads the
                // update cost 5 times its 1-thread time per value (0.2 ns), and Adam trained at 0.86 of SGD.
                stepInput = x;
                stepRows = rows;
                be.parallelRows(k, 2L * n * rows, gradientAndUpdate[l]);
            }
            if (b[l] != null) {
                be.reduce(ReduceOp.SUM, dz[l], 0, 1, rows, n, db, 0);
                opt.update(bKey[l], b[l], db, 0, n);
            }
        }
        stepInput = null; // the caller's buffer, not ours to keep
        return new Result(lossSum / rows, correct);
    }

    /** Rows [from, to) of a batch of {@code rows}: forward, loss into this share's slots, dZ and dA of every layer. */
    private void rowsForwardAndBack(Backend kernels, int share, float[] x, int[] labels, int from, int to, int rows) {
        int count = to - from;
        float[] in = x;
        for (int l = 0; l < layers; l++) {
            int k = widths[l], n = widths[l + 1];
            float beta = 0f;
            if (b[l] != null) {
                broadcastRows(b[l], z[l], from, to, n);
                beta = 1f;
            }
            kernels.gemm(false, false, count, n, k, 1f, in, from * k, k, w[l], 0, n, beta, z[l], from * n, n);
            if (y[l] != z[l]) kernels.map(acts[l], alphas[l], z[l], from * n, y[l], from * n, count * n);
            in = y[l];
        }
        // Loss: mean softmax cross-entropy over the whole batch, its gradient written into the logits' dY.
        int last = layers - 1, classes = widths[layers];
        int[] shareLabels = this.shareLabels[share];
        System.arraycopy(labels, from, shareLabels, 0, count);
        shareLoss[share] = kernels.softmaxCrossEntropy(y[last], from * classes, count, classes, shareLabels,
                dy[last], from * classes, 1f / rows);
        shareCorrect[share] = correct(y[last], from, to, classes, labels);
        for (int l = last; l >= 0; l--) {
            int k = widths[l], n = widths[l + 1];
            if (dz[l] != dy[l]) {
                Arrays.fill(dz[l], from * n, to * n, 0f);
                kernels.mapBackward(acts[l], alphas[l], z[l], from * n, y[l], from * n, dy[l], from * n, dz[l], from * n, count * n);
            }
            // The input gradient needs W as it was in the forward pass: the updates come after.
            if (l > 0) kernels.gemm(false, true, count, k, n, 1f, dz[l], from * n, n, w[l], 0, n, 0f, dy[l - 1], from * k, k);
        }
    }

    /**
     * The bias into rows [from, to) of z, to which the GEMM then adds. A method of its own so that
     * {@link #rowsForwardAndBack} has no loop that runs per row: with one, its loop's back-edges got it
     * compiled by C2 three times in a learner's first epoch (two on-stack replacements, then the
     * method), 380 ms of the compiler's one thread on two cores, at the end of the queue that the
     * kernels wait in; without, C1's code runs it, which costs nothing beside the GEMMs it calls.
     */
    private static void broadcastRows(float[] bias, float[] z, int from, int to, int n) {
        for (int r = from; r < to; r++) System.arraycopy(bias, 0, z, r * n, n);
    }

    /** Rows in [from, to) whose largest logit (the first of equals) is at the label. */
    private static int correct(float[] logits, int from, int to, int classes, int[] labels) {
        int hits = 0;
        for (int r = from; r < to; r++) {
            int at = r * classes, best = 0;
            for (int c = 1; c < classes; c++) if (logits[at + c] > logits[at + best]) best = c;
            if (best == labels[r]) hits++;
        }
        return hits;
    }

    @Override
    public void close() {}
}
