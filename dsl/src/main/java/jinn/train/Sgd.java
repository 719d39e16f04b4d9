package jinn.train;

import jinn.tensor.Tensor;

import java.util.IdentityHashMap;
import java.util.Map;

/** Stochastic gradient descent, with optional momentum (velocity kept per parameter). */
final class Sgd extends ElementwiseOptimizer {
    private final float lr, momentum;
    private final Map<Tensor, float[]> velocity = new IdentityHashMap<>();

    Sgd(float lr, float momentum) {
        if (!(lr > 0)) throw new IllegalArgumentException("sgd: learning rate must be positive, got " + lr);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("sgd: momentum must be in [0, 1), got " + momentum);
        this.lr = lr;
        this.momentum = momentum;
    }

    /** w ← w − lr·g, or with momentum v ← μ·v − lr·g; w ← w + v. */
    @Override
    void update(Tensor key, float[] w, float[] g, int n) {
        float rate = lr, mu = momentum;
        if (mu == 0) {
            for (int i = 0; i < n; i++) w[i] -= rate * g[i];
            return;
        }
        float[] v = velocity(key);
        for (int i = 0; i < n; i++) {
            float vi = mu * v[i] - rate * g[i];
            v[i] = vi;
            w[i] += vi;
        }
    }

    @Override
    float[] foldedIntoGemm() { return momentum == 0 ? new float[]{-lr, 1f} : null; }

    @Override public float learningRate() { return lr; }

    float momentum() { return momentum; }

    /** The parameter's velocity, which a device's compiled step reads and writes back (see CompiledStep). */
    float[] velocity(Tensor p) { return velocity.computeIfAbsent(p, k -> new float[k.size()]); }

    @Override public String describe() {
        return momentum == 0 ? "sgd(lr=" + lr + ")" : "sgd(lr=" + lr + ", momentum=" + momentum + ")";
    }
}
