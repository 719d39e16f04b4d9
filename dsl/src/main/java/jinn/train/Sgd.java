package jinn.train;

import jinn.tensor.Tensor;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Stochastic gradient descent, with optional momentum (velocity kept per parameter). */
final class Sgd implements Optimizer {
    private final float lr, momentum;
    private final Map<Tensor, float[]> velocity = new IdentityHashMap<>();

    Sgd(float lr, float momentum) {
        if (!(lr > 0)) throw new IllegalArgumentException("sgd: learning rate must be positive, got " + lr);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("sgd: momentum must be in [0, 1), got " + momentum);
        this.lr = lr;
        this.momentum = momentum;
    }

    @Override
    public void step(List<Tensor> parameters) {
        for (Tensor p : parameters) {
            Tensor g = p.grad();
            if (g == null) continue;
            float[] v = momentum == 0 ? null : velocity.computeIfAbsent(p, k -> new float[p.size()]);
            OffsetFreeUpdate.apply(p, g, (w, gd, n) -> update(w, gd, v, n));
        }
    }

    /**
     * w ← w − lr·g, or with momentum v ← μ·v − lr·g; w ← w + v. All arrays from index 0
     * ({@link OffsetFreeUpdate}).
     */
    private void update(float[] w, float[] g, float[] v, int n) {
        float rate = lr, mu = momentum;
        if (v == null) {
            for (int i = 0; i < n; i++) w[i] -= rate * g[i];
        } else {
            for (int i = 0; i < n; i++) {
                float vi = mu * v[i] - rate * g[i];
                v[i] = vi;
                w[i] += vi;
            }
        }
    }

    @Override public float learningRate() { return lr; }

    float momentum() { return momentum; }

    /** The parameter's velocity, which a compiled training step reads and writes back (see CompiledStep). */
    float[] velocity(Tensor p) { return velocity.computeIfAbsent(p, k -> new float[p.size()]); }

    @Override public String describe() {
        return momentum == 0 ? "sgd(lr=" + lr + ")" : "sgd(lr=" + lr + ", momentum=" + momentum + ")";
    }

    @Override public String toString() { return describe(); }
}
