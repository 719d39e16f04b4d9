package jinn.accel.tornado;

import jinn.accel.CompilesTrainingSteps;
import jinn.accel.DenseChain;
import jinn.accel.UnaryOp;

/**
 * What {@link CompiledMlpStep} compiles: a {@link DenseChain} and the SGD update its kernels apply
 * (v ← μ·v − lr·g; w ← w + v, or w ← w − lr·g when μ is 0). The chain's accessors are repeated
 * here so that the step reads one description.
 */
record SgdChain(DenseChain chain, float learningRate, float momentum) {

    SgdChain {
        CompilesTrainingSteps.checkSgd(learningRate, momentum);
    }

    int layers() { return chain.layers(); }
    int[] widths() { return chain.widths(); }
    UnaryOp[] activations() { return chain.activations(); }
    float[] alphas() { return chain.alphas(); }
    boolean[] biases() { return chain.biases(); }
    int batchSize() { return chain.batchSize(); }
    int[] parameterSizes() { return chain.parameterSizes(); }
}
