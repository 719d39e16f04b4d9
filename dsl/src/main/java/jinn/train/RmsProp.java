package jinn.train;

import jinn.tensor.Tensor;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * RMSprop (Hinton's lecture 6e) as PyTorch's {@code RMSprop}: a running mean of the squared
 * gradient scales each weight's step, v ← α·v + (1 − α)·g²; then w ← w − lr·g / (√v + ε), or with
 * momentum b ← μ·b + g / (√v + ε); w ← w − lr·b. No bias correction, not centred.
 */
final class RmsProp extends ElementwiseOptimizer {
    /** PyTorch's defaults. */
    static final float ALPHA = 0.99f, EPS = 1e-8f;

    private final float lr, alpha, eps, momentum;
    /** Per parameter: the mean square, and the momentum buffer (null without momentum). */
    private final Map<Tensor, float[][]> state = new IdentityHashMap<>();

    RmsProp(float lr, float alpha, float eps, float momentum) {
        if (!(lr > 0) || lr == Float.POSITIVE_INFINITY) throw new IllegalArgumentException("rmsprop: learning rate must be positive, got " + lr);
        if (!(alpha >= 0 && alpha < 1)) throw new IllegalArgumentException("rmsprop: alpha must be in [0, 1), got " + alpha);
        if (!(eps > 0) || eps == Float.POSITIVE_INFINITY) throw new IllegalArgumentException("rmsprop: eps must be positive, got " + eps);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("rmsprop: momentum must be in [0, 1), got " + momentum);
        this.lr = lr;
        this.alpha = alpha;
        this.eps = eps;
        this.momentum = momentum;
    }

    @Override
    void update(Tensor key, float[] w, float[] g, int from, int to) {
        float[][] s = state(key);
        float[] v = s[0];
        float a = alpha, rest = 1 - alpha, e = eps, rate = lr, mu = momentum;
        if (mu == 0) {
            for (int i = from; i < to; i++) {
                float gi = g[i], vi = a * v[i] + rest * gi * gi;
                v[i] = vi;
                w[i] -= rate * gi / ((float) Math.sqrt(vi) + e);
            }
            return;
        }
        float[] b = s[1];
        for (int i = from; i < to; i++) {
            float gi = g[i], vi = a * v[i] + rest * gi * gi;
            v[i] = vi;
            float bi = mu * b[i] + gi / ((float) Math.sqrt(vi) + e);
            b[i] = bi;
            w[i] -= rate * bi;
        }
    }

    @Override
    void createState(Tensor key) { state(key); }

    private float[][] state(Tensor key) {
        float[][] s = state.get(key);
        if (s == null) {
            s = new float[][]{new float[key.size()], momentum == 0 ? null : new float[key.size()]};
            state.put(key, s);
        }
        return s;
    }

    @Override public float learningRate() { return lr; }

    @Override public String describe() {
        return "rmsprop(lr=" + lr + (alpha == ALPHA ? "" : ", alpha=" + alpha) + (eps == EPS ? "" : ", eps=" + eps)
                + (momentum == 0 ? "" : ", momentum=" + momentum) + ")";
    }
}
