package jinn.train;

import jinn.tensor.Tensor;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Adam (Kingma and Ba): per-parameter step sizes from running means of the gradient and its square. */
final class Adam implements Optimizer {
    private final float lr, beta1, beta2, eps;
    private final Map<Tensor, float[][]> moments = new IdentityHashMap<>();
    private int t;

    Adam(float lr, float beta1, float beta2, float eps) {
        if (!(lr > 0)) throw new IllegalArgumentException("adam: learning rate must be positive, got " + lr);
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    @Override
    public void step(List<Tensor> parameters) {
        t++;
        float c1 = (float) (1 - Math.pow(beta1, t)), c2 = (float) (1 - Math.pow(beta2, t));
        for (Tensor p : parameters) {
            Tensor g = p.grad();
            if (g == null) continue;
            int n = p.size();
            float[][] mv = moments.computeIfAbsent(p, k -> new float[][]{new float[n], new float[n]});
            float[] m = mv[0], v = mv[1], w = p.data(), gd = g.data();
            int wo = p.offset(), go = g.offset();
            for (int i = 0; i < n; i++) {
                float gi = gd[go + i];
                m[i] = beta1 * m[i] + (1 - beta1) * gi;
                v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
                w[wo + i] -= lr * (m[i] / c1) / ((float) Math.sqrt(v[i] / c2) + eps);
            }
        }
    }

    @Override public float learningRate() { return lr; }

    @Override public String describe() { return "adam(lr=" + lr + ")"; }

    @Override public String toString() { return describe(); }
}
