package jinn.train;

import java.util.Arrays;
import jinn.tensor.Tensor;

/**
 * Runs an optimizer's elementwise update on arrays that start at index 0. With offsets C2 could not
 * rule out that the weights and the gradient overlap and kept the loops scalar: Adam took 1.29 ms
 * per MNIST step (235k values) against 0.19 ms, SGD with momentum 6% of an op-by-op epoch.
 */
final class OffsetFreeUpdate {

    /** The update of n values: w and g hold them from index 0. */
    interface Body {
        void apply(float[] w, float[] g, int n);
    }

    private OffsetFreeUpdate() {}

    /** Applies body to p's values and its gradient g; a parameter that is a view updates a copy and writes it back. */
    static void apply(Tensor p, Tensor g, Body body) {
        int n = p.size();
        if (p.offset() == 0 && g.offset() == 0) {
            body.apply(p.data(), g.data(), n);
            return;
        }
        float[] w = Arrays.copyOfRange(p.data(), p.offset(), p.offset() + n);
        body.apply(w, Arrays.copyOfRange(g.data(), g.offset(), g.offset() + n), n);
        System.arraycopy(w, 0, p.data(), p.offset(), n);
    }
}
