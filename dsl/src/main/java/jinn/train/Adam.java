package jinn.train;

import jinn.tensor.Tensor;

import java.util.IdentityHashMap;
import java.util.Map;

/** Adam (Kingma and Ba): per-parameter step sizes from running means of the gradient and its square. */
final class Adam extends ElementwiseOptimizer {
    private final float lr, beta1, beta2, eps;
    private final Map<Tensor, float[][]> moments = new IdentityHashMap<>();
    private int t;
    /** This step's bias corrections: lr / (1 − β₁ᵗ) and 1 / (1 − β₂ᵗ). */
    private float step, inv2;

    Adam(float lr, float beta1, float beta2, float eps) {
        if (!(lr > 0)) throw new IllegalArgumentException("adam: learning rate must be positive, got " + lr);
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    @Override
    void beginStep() {
        t++;
        step = (float) (lr / (1 - Math.pow(beta1, t)));
        inv2 = (float) (1 / (1 - Math.pow(beta2, t)));
    }

    /**
     * m, v ← running means of g and g²; w ← w − step · m / (√(v · inv2) + eps), where step and inv2
     * carry the bias corrections.
     */
    @Override
    void update(Tensor key, float[] w, float[] g, int n) {
        float[][] mv = moments.computeIfAbsent(key, k -> new float[][]{new float[k.size()], new float[k.size()]});
        float[] m = mv[0], v = mv[1];
        float b1 = beta1, b2 = beta2, rest1 = 1 - beta1, rest2 = 1 - beta2, e = eps, s = step, c2 = inv2;
        for (int i = 0; i < n; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + rest1 * gi, vi = b2 * v[i] + rest2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            w[i] -= s * mi / ((float) Math.sqrt(vi * c2) + e);
        }
    }

    @Override public float learningRate() { return lr; }

    @Override public String describe() { return "adam(lr=" + lr + ")"; }
}
