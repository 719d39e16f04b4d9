package jinn.nn;

import jinn.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Zeroes each input with probability p while training and scales the rest by 1/(1−p), so that
 * nothing changes at inference ("inverted dropout", as Keras and PyTorch do it).
 */
public final class Dropout extends Layer {
    private final float rate;
    private Random random = new Random();

    Dropout(float rate) {
        if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("dropout: rate must be in [0, 1), got " + rate);
        this.rate = rate;
    }

    public float rate() { return rate; }

    @Override public String kind() { return "dropout"; }

    @Override void build(int[] inputShape, Random r) { this.random = new Random(r.nextLong()); }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (!training || rate == 0) return x;
        float[] mask = new float[x.size()];
        float keep = 1f / (1f - rate);
        for (int i = 0; i < mask.length; i++) mask[i] = random.nextFloat() < rate ? 0f : keep;
        return x.mul(Tensor.of(mask, x.shape()));
    }

    @Override public int[] outputShape(int[] inputShape) { return inputShape.clone(); }

    @Override Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("rate", rate);
        return c;
    }

    @Override public String describe() { return "dropout(" + rate + ")"; }
}
