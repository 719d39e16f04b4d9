package jinn.nn;

import jinn.tensor.Tensor;

import java.util.Map;

/** The mean of each channel over its pixels: images [channels, height, width] become [channels]. */
public final class GlobalAvgPool extends Layer {

    @Override public String kind() { return "globalAvgPool"; }

    @Override
    public int[] outputShape(int[] in) {
        if (in.length != 3) throw shapeError("[channels, height, width]", in);
        return new int[]{in[0]};
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        outputShape(java.util.Arrays.copyOfRange(x.shape(), 1, x.rank()));
        return x.globalAvgPool();
    }

    @Override Map<String, Object> config() { return Map.of(); }

    @Override public String describe() { return "globalAvgPool"; }
}
