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
    static Optimizer sgd(float lr) { return new Sgd(lr, 0f); }

    /** Gradient descent with momentum: v ← μ·v − lr·g; w ← w + v. */
    static Optimizer sgd(float lr, float momentum) { return new Sgd(lr, momentum); }

    /** Adam with the usual β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    static Optimizer adam(float lr) { return new Adam(lr, 0.9f, 0.999f, 1e-8f); }

    static Optimizer adam(float lr, float beta1, float beta2, float eps) { return new Adam(lr, beta1, beta2, eps); }
}
