package jinn.train;

import jinn.tensor.Tensor;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Stochastic gradient descent, with optional momentum (velocity kept per parameter) and weight
 * decay as PyTorch's {@code SGD(weight_decay=)}: an L2 penalty's gradient wd·w added to g.
 */
final class Sgd extends ElementwiseOptimizer {
    private final float lr, momentum, weightDecay;
    private final Map<Tensor, float[]> velocity = new IdentityHashMap<>();

    Sgd(float lr, float momentum, float weightDecay) {
        if (!(lr > 0) || lr == Float.POSITIVE_INFINITY) throw new IllegalArgumentException("sgd: learning rate must be positive, got " + lr);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("sgd: momentum must be in [0, 1), got " + momentum);
        if (!(weightDecay >= 0) || weightDecay == Float.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("sgd: weight decay must be 0 or positive, got " + weightDecay);
        }
        this.lr = lr;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    /** With g ← g + wd·w: w ← w − lr·g, or with momentum v ← μ·v − lr·g; w ← w + v. */
    @Override
    void update(Tensor key, float[] w, float[] g, int from, int to) {
        float rate = lr, mu = momentum, wd = weightDecay;
        if (mu == 0) {
            for (int i = from; i < to; i++) w[i] -= rate * (g[i] + wd * w[i]);
            return;
        }
        float[] v = velocity(key);
        for (int i = from; i < to; i++) {
            float vi = mu * v[i] - rate * (g[i] + wd * w[i]);
            v[i] = vi;
            w[i] += vi;
        }
    }

    @Override
    void createState(Tensor key) { if (momentum != 0) velocity(key); }

    /** Plain SGD: w ← (1 − lr·wd)·w − lr·g. */
    @Override
    float[] foldedIntoGemm() { return momentum == 0 ? new float[]{-lr, 1 - lr * weightDecay} : null; }

    @Override public float learningRate() { return lr; }

    float momentum() { return momentum; }

    float weightDecay() { return weightDecay; }

    /** The parameter's velocity, which a device's compiled step reads and writes back (see CompiledStep). */
    float[] velocity(Tensor p) { return velocity.computeIfAbsent(p, k -> new float[k.size()]); }

    @Override public String describe() {
        return "sgd(lr=" + lr + (momentum == 0 ? "" : ", momentum=" + momentum)
                + (weightDecay == 0 ? "" : ", weightDecay=" + weightDecay) + ")";
    }
}
