package jinn.train;

import jinn.tensor.Tensor;

/**
 * What training minimises. {@link #AUTO} picks the fused softmax cross-entropy for networks that
 * end in softmax (computed on the logits, stable and cheaper), and mean squared error otherwise.
 */
public enum Loss {
    AUTO,
    /** Softmax + cross-entropy on the logits before the final softmax layer, fused. */
    SOFTMAX_CROSS_ENTROPY,
    /** Cross-entropy of output probabilities against one-hot targets: −Σ t·log(y + 1e-7) / rows. */
    CROSS_ENTROPY,
    /** Mean squared error against targets (one-hot for class labels when there are several outputs). */
    MSE;

    /** The loss of {@code out} against class labels (one-hot where needed). */
    Tensor of(Tensor out, int[] labels) {
        return switch (this) {
            case SOFTMAX_CROSS_ENTROPY -> out.softmaxCrossEntropy(labels);
            case CROSS_ENTROPY -> out.crossEntropy(Targets.oneHot(labels, out.dim(-1)));
            case MSE -> out.mse(Targets.forOutputs(labels, out.dim(-1)));
            case AUTO -> throw new IllegalStateException("AUTO must be resolved before training");
        };
    }

    /** The loss of {@code out} against real-valued targets of the same shape. */
    Tensor of(Tensor out, Tensor targets) {
        return switch (this) {
            case CROSS_ENTROPY -> out.crossEntropy(targets);
            case MSE -> out.mse(targets);
            case SOFTMAX_CROSS_ENTROPY -> throw new IllegalArgumentException(
                    "softmax cross-entropy needs class labels (int[]), not real-valued targets");
            case AUTO -> throw new IllegalStateException("AUTO must be resolved before training");
        };
    }
}
