package jinn.train;

import jinn.tensor.Tensor;

import java.util.List;

/**
 * An optimizer whose update of a parameter reads only that parameter's values, its gradient and
 * state of its own (velocity, moments), kept per parameter tensor. The update is written once, in
 * {@link #update}: {@link #step} runs it over autograd's gradients, {@link FusedMlpStep} over its own
 * buffers with the network's tensors as keys, so both train the same way and the optimizer holds
 * its state whichever ran. Device kernels keep their own copy of the maths.
 */
abstract class ElementwiseOptimizer implements Optimizer {

    @Override
    public final void step(List<Tensor> parameters) {
        beginStep();
        for (Tensor p : parameters) {
            Tensor g = p.grad();
            if (g == null) continue;
            OffsetFreeUpdate.apply(p, g, (w, gd, n) -> update(p, w, gd, 0, n));
        }
    }

    /** Once per step, before the parameters' updates: Adam counts steps for its bias correction here. */
    void beginStep() {}

    /**
     * Updates values [from, to) of parameter {@code key}: its values in w, its gradient in g, at the
     * same indices in both and in its state, which is found by the key (C2 vectorises the loop only
     * when every array is read at the same index: {@link OffsetFreeUpdate}). Allocates nothing once
     * the key's state exists: the fused step calls it for every parameter of every batch, from
     * several threads at once for disjoint ranges after {@link #createState}.
     */
    abstract void update(Tensor key, float[] w, float[] g, int from, int to);

    /** Makes the key's state now, so that updates of its ranges on several threads only read the map. */
    void createState(Tensor key) {}

    /**
     * When the whole update of a weight is w ← beta·w + alpha·g (plain SGD), the coefficients
     * {alpha, beta}: the fused step then folds it into the GEMM that computes g, which never gets
     * written out. Null when the update needs more (momentum, moments).
     */
    float[] foldedIntoGemm() { return null; }

    @Override public String toString() { return describe(); }
}
