package jinn.accel;

import java.util.Optional;

/**
 * A capability a backend may offer beside its kernels: a whole SGD training step of a
 * {@link DenseChain} compiled once and run for every batch, with the parameters kept where the step
 * runs (a device's memory). TornadoVM compiles the step into one task graph. The training loop
 * finds it with {@code instanceof}; a backend without it trains through its kernels.
 */
public interface CompilesTrainingSteps {

    /**
     * The chain's step with the update v ← μ·v − lr·g; w ← w + v (w ← w − lr·g when μ is 0), or
     * empty when this backend cannot offer one now (no device, switched off, failed before). The
     * caller closes the step when it is done.
     *
     * @param learningRate lr, positive
     * @param momentum     μ, in [0, 1)
     */
    Optional<TrainingStep> sgdTrainingStep(DenseChain chain, float learningRate, float momentum);

    /** Checks an SGD step's hyper-parameters, naming the one that is wrong. */
    static void checkSgd(float learningRate, float momentum) {
        if (!(learningRate > 0)) throw new IllegalArgumentException("sgd step: learning rate must be positive, got " + learningRate);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("sgd step: momentum must be in [0, 1), got " + momentum);
    }
}
