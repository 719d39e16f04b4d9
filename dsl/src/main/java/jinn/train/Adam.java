package jinn.train;

import jinn.tensor.Tensor;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba): per-parameter step sizes from running means of the gradient and its
 * square. With a weight decay it is AdamW (Loshchilov and Hutter, as PyTorch's {@code AdamW}): the
 * decay is decoupled from the gradient, w ← w − lr·wd·w before the Adam step, so it does not pass
 * through the moments and shrinks every weight alike.
 */
final class Adam extends ElementwiseOptimizer {
    static final float BETA1 = 0.9f, BETA2 = 0.999f, EPS = 1e-8f;
    /** AdamW's default decay, as PyTorch's. */
    static final float ADAMW_DECAY = 0.01f;

    private final float lr, beta1, beta2, eps, weightDecay;
    private final boolean decoupled;
    private final Map<Tensor, float[][]> moments = new IdentityHashMap<>();
    private int t;
    /** This step's bias corrections: lr / (1 − β₁ᵗ) and 1 / (1 − β₂ᵗ). */
    private float step, inv2;

    /** Adam, or AdamW when {@code decoupled} (its name in {@link #describe}, even with decay 0). */
    Adam(float lr, float beta1, float beta2, float eps, float weightDecay, boolean decoupled) {
        String name = decoupled ? "adamw" : "adam";
        if (!(lr > 0) || lr == Float.POSITIVE_INFINITY) throw new IllegalArgumentException(name + ": learning rate must be positive, got " + lr);
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException(name + ": beta1 must be in [0, 1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException(name + ": beta2 must be in [0, 1), got " + beta2);
        if (!(eps > 0) || eps == Float.POSITIVE_INFINITY) throw new IllegalArgumentException(name + ": eps must be positive, got " + eps);
        if (!(weightDecay >= 0) || weightDecay == Float.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + ": weight decay must be 0 or positive, got " + weightDecay);
        }
        if (!decoupled && weightDecay != 0) throw new IllegalArgumentException("adam: weight decay is AdamW's; use adamw(lr, weightDecay)");
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    @Override
    void beginStep() {
        t++;
        step = (float) (lr / (1 - Math.pow(beta1, t)));
        inv2 = (float) (1 / (1 - Math.pow(beta2, t)));
    }

    /**
     * m, v ← running means of g and g²; w ← (1 − lr·wd)·w − step · m / (√(v · inv2) + eps), where
     * step and inv2 carry the bias corrections (wd is 0 for Adam).
     */
    @Override
    void update(Tensor key, float[] w, float[] g, int from, int to) {
        float[][] mv = moments(key);
        float[] m = mv[0], v = mv[1];
        float b1 = beta1, b2 = beta2, rest1 = 1 - beta1, rest2 = 1 - beta2, e = eps, s = step, c2 = inv2;
        float keep = 1 - lr * weightDecay;
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + rest1 * gi, vi = b2 * v[i] + rest2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            w[i] = keep * w[i] - s * mi / ((float) Math.sqrt(vi * c2) + e);
        }
    }

    @Override
    void createState(Tensor key) { moments(key); }

    private float[][] moments(Tensor key) {
        return moments.computeIfAbsent(key, k -> new float[][]{new float[k.size()], new float[k.size()]});
    }

    @Override public float learningRate() { return lr; }

    @Override public String describe() {
        String betas = beta1 == BETA1 && beta2 == BETA2 && eps == EPS ? ""
                : ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps;
        return decoupled ? "adamw(lr=" + lr + ", weightDecay=" + weightDecay + betas + ")" : "adam(lr=" + lr + betas + ")";
    }
}
