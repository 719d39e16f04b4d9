package jinn.accel;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * A plain multilayer perceptron as a backend's compiled training step runs it (see
 * {@link Backend#trainingStep}): dense layers y = act(x · W + b) with W of shape [in, out], then a
 * softmax cross-entropy loss on integer labels (mean over the batch's rows), trained by SGD with
 * optional momentum (v ← μ·v − lr·g; w ← w + v, or w ← w − lr·g when μ is 0).
 *
 * @param widths      the input width, then each layer's units: {@code widths.length - 1} layers
 * @param activations one per layer, from {@link #ACTIVATIONS}; the last one is applied to the
 *                    logits before the loss (usually {@link UnaryOp#IDENTITY})
 * @param alphas      one per layer: the leaky ReLU slope (0 ≤ α &lt; 1), ignored for the others
 * @param biases      one per layer: false for a layer without bias (its bias stays zero)
 * @param batchSize   the most rows a step takes; smaller batches (an epoch's last) fit too
 */
public record MlpSpec(int[] widths, UnaryOp[] activations, float[] alphas, boolean[] biases,
                      float learningRate, float momentum, int batchSize) {

    /** The activations a layer may have: those whose derivative follows from the layer's output alone. */
    public static final Set<UnaryOp> ACTIVATIONS =
            EnumSet.of(UnaryOp.IDENTITY, UnaryOp.RELU, UnaryOp.LEAKY_RELU, UnaryOp.SIGMOID, UnaryOp.TANH);

    public MlpSpec {
        int layers = widths.length - 1;
        if (layers < 1) throw new IllegalArgumentException("mlp: needs an input width and at least one layer, got widths " + Arrays.toString(widths));
        if (activations.length != layers || alphas.length != layers || biases.length != layers) {
            throw new IllegalArgumentException("mlp: " + layers + " layers but " + activations.length + " activations, "
                    + alphas.length + " alphas and " + biases.length + " bias flags");
        }
        for (int w : widths) if (w <= 0) throw new IllegalArgumentException("mlp: widths must be positive, got " + Arrays.toString(widths));
        if (widths[layers] < 2) throw new IllegalArgumentException("mlp: softmax cross-entropy needs at least 2 classes, got " + widths[layers]);
        for (int l = 0; l < layers; l++) {
            if (!ACTIVATIONS.contains(activations[l])) {
                throw new IllegalArgumentException("mlp: layer " + l + " has activation " + activations[l] + "; supported: " + ACTIVATIONS);
            }
            if (activations[l] == UnaryOp.LEAKY_RELU && !(alphas[l] >= 0 && alphas[l] < 1)) {
                throw new IllegalArgumentException("mlp: layer " + l + " has leaky ReLU slope " + alphas[l] + "; supported: 0 <= slope < 1");
            }
        }
        if (!(learningRate > 0)) throw new IllegalArgumentException("mlp: learning rate must be positive, got " + learningRate);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("mlp: momentum must be in [0, 1), got " + momentum);
        if (batchSize <= 0) throw new IllegalArgumentException("mlp: batch size must be positive, got " + batchSize);
        widths = widths.clone();
        activations = activations.clone();
        alphas = alphas.clone();
        biases = biases.clone();
    }

    public int layers() { return widths.length - 1; }

    /** The parameter arrays' sizes in the order the step takes them: each layer's weight, then its bias if it has one. */
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

    @Override
    public String toString() {
        return "mlp(widths=" + Arrays.toString(widths) + ", activations=" + Arrays.toString(activations) + ", sgd(lr="
                + learningRate + ", momentum=" + momentum + "), batch " + batchSize + ")";
    }
}
