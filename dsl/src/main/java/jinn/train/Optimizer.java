package jinn.train;

import jinn.tensor.Tensor;

import java.util.List;

/** Updates parameters from their gradients, once per batch. */
public interface Optimizer {

    /** Applies one update to every parameter that has a gradient. */
    void step(List<Tensor> parameters);

    /** The learning rate in use. */
    float learningRate();

    /** One line for summaries, e.g. "sgd(lr=0.1, momentum=0.9)". */
    String describe();

    /** Plain gradient descent: w ← w − lr·∂L/∂w. */
    static Optimizer sgd(float lr) { return new Sgd(lr, 0f, 0f); }

    /** Gradient descent with momentum: v ← μ·v − lr·g; w ← w + v. */
    static Optimizer sgd(float lr, float momentum) { return new Sgd(lr, momentum, 0f); }

    /**
     * Gradient descent with momentum (0: none) and weight decay, as PyTorch's
     * {@code SGD(lr, momentum, weight_decay)}: g ← g + wd·w (the gradient of an L2 penalty wd/2·‖w‖²), then as above.
     */
    static Optimizer sgd(float lr, float momentum, float weightDecay) { return new Sgd(lr, momentum, weightDecay); }

    /** Adam with the usual β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    static Optimizer adam(float lr) { return new Adam(lr, Adam.BETA1, Adam.BETA2, Adam.EPS, 0f, false); }

    static Optimizer adam(float lr, float beta1, float beta2, float eps) { return new Adam(lr, beta1, beta2, eps, 0f, false); }

    /**
     * AdamW (Loshchilov and Hutter; PyTorch's {@code AdamW}) with weight decay 0.01: Adam, and every
     * weight shrunk by lr·wd·w each step apart from the gradient's moments.
     */
    static Optimizer adamw(float lr) { return adamw(lr, Adam.ADAMW_DECAY); }

    /** AdamW with the given decoupled weight decay (0.01 is PyTorch's default). */
    static Optimizer adamw(float lr, float weightDecay) { return new Adam(lr, Adam.BETA1, Adam.BETA2, Adam.EPS, weightDecay, true); }

    static Optimizer adamw(float lr, float beta1, float beta2, float eps, float weightDecay) {
        return new Adam(lr, beta1, beta2, eps, weightDecay, true);
    }

    /** RMSprop with PyTorch's defaults α = 0.99, ε = 1e-8, no momentum: w ← w − lr·g / (√v + ε), v the running mean of g². */
    static Optimizer rmsprop(float lr) { return new RmsProp(lr, RmsProp.ALPHA, RmsProp.EPS, 0f); }

    /** RMSprop with momentum on the scaled step: b ← μ·b + g / (√v + ε); w ← w − lr·b. */
    static Optimizer rmsprop(float lr, float momentum) { return new RmsProp(lr, RmsProp.ALPHA, RmsProp.EPS, momentum); }

    static Optimizer rmsprop(float lr, float alpha, float eps, float momentum) { return new RmsProp(lr, alpha, eps, momentum); }
}
