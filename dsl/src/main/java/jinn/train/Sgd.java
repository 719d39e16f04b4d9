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
            float[] w = p.data(), gd = g.data();
            int wo = p.offset(), go = g.offset(), n = p.size();
            if (momentum == 0) {
                for (int i = 0; i < n; i++) w[wo + i] -= lr * gd[go + i];
            } else {
                float[] v = velocity.computeIfAbsent(p, k -> new float[n]);
                for (int i = 0; i < n; i++) {
                    v[i] = momentum * v[i] - lr * gd[go + i];
                    w[wo + i] += v[i];
                }
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
