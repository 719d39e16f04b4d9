package jinn.accel;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * A chain of dense kernels as a compiled training step runs it (see {@link CompilesTrainingSteps}):
 * per link y = act(x · W + b) with W of shape [in, out], then a softmax cross-entropy on integer
 * labels (mean over the batch's rows). Only the shapes and kernels: which network it came from is
 * the dsl's business, how the weights learn is the step's.
 *
 * @param widths      the input width, then each link's units: {@code widths.length - 1} links
 * @param activations one per link, from {@link #ACTIVATIONS}; the last one is applied to the
 *                    logits before the loss (usually {@link UnaryOp#IDENTITY})
 * @param alphas      one per link: the leaky ReLU slope (0 ≤ α &lt; 1), ignored for the others
 * @param biases      one per link: false for a link without bias (its bias stays zero)
 * @param batchSize   the most rows a step takes; smaller batches (an epoch's last) fit too
 */
public record DenseChain(int[] widths, UnaryOp[] activations, float[] alphas, boolean[] biases, int batchSize) {

    /** The activations a link may have: those whose derivative follows from the link's output alone. */
    public static final Set<UnaryOp> ACTIVATIONS =
            EnumSet.of(UnaryOp.IDENTITY, UnaryOp.RELU, UnaryOp.LEAKY_RELU, UnaryOp.SIGMOID, UnaryOp.TANH);

    public DenseChain {
        int layers = widths.length - 1;
        if (layers < 1) throw new IllegalArgumentException("dense chain: needs an input width and at least one layer, got widths " + Arrays.toString(widths));
        if (activations.length != layers || alphas.length != layers || biases.length != layers) {
            throw new IllegalArgumentException("dense chain: " + layers + " layers but " + activations.length + " activations, "
                    + alphas.length + " alphas and " + biases.length + " bias flags");
        }
        for (int w : widths) if (w <= 0) throw new IllegalArgumentException("dense chain: widths must be positive, got " + Arrays.toString(widths));
        if (widths[layers] < 2) throw new IllegalArgumentException("dense chain: softmax cross-entropy needs at least 2 classes, got " + widths[layers]);
        for (int l = 0; l < layers; l++) {
            if (!ACTIVATIONS.contains(activations[l])) {
                throw new IllegalArgumentException("dense chain: layer " + l + " has activation " + activations[l] + "; supported: " + ACTIVATIONS);
            }
            if (activations[l] == UnaryOp.LEAKY_RELU && !(alphas[l] >= 0 && alphas[l] < 1)) {
                throw new IllegalArgumentException("dense chain: layer " + l + " has leaky ReLU slope " + alphas[l] + "; supported: 0 <= slope < 1");
            }
        }
        if (batchSize <= 0) throw new IllegalArgumentException("dense chain: batch size must be positive, got " + batchSize);
        widths = widths.clone();
        activations = activations.clone();
        alphas = alphas.clone();
        biases = biases.clone();
    }

    public int layers() { return widths.length - 1; }

    /** The parameter arrays' sizes in the order a step takes them: each layer's weight, then its bias if it has one. */
    public int[] parameterSizes() {
        int layers = layers(), count = 0;
        for (boolean b : biases) count += b ? 2 : 1;
        int[] sizes = new int[count];
        int i = 0;
        for (int l = 0; l < layers; l++) {
            sizes[i++] = widths[l] * widths[l + 1];
            if (biases[l]) sizes[i++] = widths[l + 1];
        }
        return sizes;
    }

    @Override public int[] widths() { return widths.clone(); }
    @Override public UnaryOp[] activations() { return activations.clone(); }
    @Override public float[] alphas() { return alphas.clone(); }
    @Override public boolean[] biases() { return biases.clone(); }

    /** Equal chains compile to the same kernels (a device keeps compiled steps by this). */
    @Override
    public boolean equals(Object o) {
        return o instanceof DenseChain c && Arrays.equals(widths, c.widths) && Arrays.equals(activations, c.activations)
                && Arrays.equals(alphas, c.alphas) && Arrays.equals(biases, c.biases) && batchSize == c.batchSize;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * (31 * Arrays.hashCode(widths) + Arrays.hashCode(activations)) + Arrays.hashCode(alphas))
                + Arrays.hashCode(biases)) + batchSize;
    }

    @Override
    public String toString() {
        return "dense chain(widths=" + Arrays.toString(widths) + ", activations=" + Arrays.toString(activations)
                + ", batch " + batchSize + ")";
    }
}
