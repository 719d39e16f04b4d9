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
        float step = (float) (lr / (1 - Math.pow(beta1, t))), inv2 = (float) (1 / (1 - Math.pow(beta2, t)));
        for (Tensor p : parameters) {
            Tensor g = p.grad();
            if (g == null) continue;
            int n = p.size();
            float[][] mv = moments.computeIfAbsent(p, k -> new float[][]{new float[n], new float[n]});
            OffsetFreeUpdate.apply(p, g, (w, gd, count) -> update(mv[0], mv[1], w, gd, count, step, inv2));
        }
    }

    /**
     * m, v ← running means of g and g²; w ← w − step · m / (√(v · inv2) + eps), where step and inv2
     * carry the bias corrections. All arrays from index 0 ({@link OffsetFreeUpdate}).
     */
    private void update(float[] m, float[] v, float[] w, float[] g, int n, float step, float inv2) {
        float b1 = beta1, b2 = beta2, rest1 = 1 - beta1, rest2 = 1 - beta2, e = eps;
        for (int i = 0; i < n; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + rest1 * gi, vi = b2 * v[i] + rest2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            w[i] -= step * mi / ((float) Math.sqrt(vi * inv2) + e);
        }
    }

    @Override public float learningRate() { return lr; }

    @Override public String describe() { return "adam(lr=" + lr + ")"; }

    @Override public String toString() { return describe(); }
}
