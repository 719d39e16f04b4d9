package jinn.nn;

import jinn.tensor.Tensor;

import java.util.Map;

/** Turns each sample into a vector: [batch, 28, 28] becomes [batch, 784]. */
public final class Flatten extends Layer {

    @Override public String kind() { return "flatten"; }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        return x.rank() == 2 ? x : x.reshape(x.dim(0), -1);
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        int n = 1;
        for (int d : inputShape) n *= d;
        return new int[]{n};
    }

    @Override Map<String, Object> config() { return Map.of(); }

    @Override public String describe() { return "flatten"; }
}
