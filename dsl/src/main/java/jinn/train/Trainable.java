package jinn.train;

import jinn.tensor.Tensor;

import java.util.List;

/** What the training loop needs from a model (a {@code jinn.nn.Net} implements it). */
public interface Trainable {

    /**
     * Output for a batch. With {@code logits} true and a final softmax layer, stops before that
     * softmax, so the fused softmax cross-entropy can work on the logits.
     */
    Tensor forward(Tensor x, boolean training, boolean logits);

    /** The trainable tensors, after the model is built for inputs of the given width. */
    List<Tensor> parameters(int inputWidth);

    /** Number of outputs, or -1 if not known yet. */
    int outputWidth();

    /** True when the last layer is a softmax. */
    boolean endsWithSoftmax();
}
