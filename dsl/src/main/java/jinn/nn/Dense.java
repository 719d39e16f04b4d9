package jinn.nn;

import jinn.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A fully connected layer: y = x · W + b, with W of shape [inputs, units] as in the seed
 * documents (row vector times matrix). The input width is declared or taken from the first batch.
 */
public final class Dense extends WeightedLayer {
    private final int units;
    private int inputs = -1;
    private Tensor weight, bias;

    Dense(int units, boolean useBias, Init init) {
        super(useBias, init);
        if (units <= 0) throw new IllegalArgumentException("dense: the number of units must be positive, got " + units);
        this.units = units;
    }

    @Override public String kind() { return "dense"; }

    public int units() { return units; }

    /** Input width, or -1 until known. */
    public int inputs() { return inputs; }

    @Override public boolean isBuilt() { return weight != null; }

    @Override
    void build(int[] inputShape, Random random) {
        if (inputShape.length != 1) {
            throw new IllegalArgumentException("layer " + name() + " (dense): expects inputs of shape [features], got "
                    + Arrays.toString(inputShape) + "; add flatten() before it");
        }
        int in = inputShape[0];
        if (weight != null) {
            if (in != inputs) throw widthError(in);
            return;
        }
        inputs = in;
        float[] w = new float[in * units];
        init.fill(w, in, units, random);
        weight = Tensor.of(w, in, units).requiresGrad(true);
        if (useBias) {
            float[] b = new float[units];
            biasInit.fill(b, 1, units, random);
            bias = Tensor.of(b, units).requiresGrad(true);
        }
    }

    private IllegalArgumentException widthError(int got) {
        return new IllegalArgumentException("layer " + name() + " (dense): expected " + inputs + " features, got " + got);
    }

    /** Replaces the weights (and bias) with the given values; shapes must fit. */
    public void setWeights(float[][] w, float[] b) {
        int in = w.length, out = w.length == 0 ? 0 : w[0].length;
        if (out != units) {
            throw new IllegalArgumentException("layer " + name() + " (dense): has " + units + " units but the weight matrix has "
                    + out + " columns (expected shape [inputs, " + units + "])");
        }
        if (inputs >= 0 && in != inputs) {
            throw new IllegalArgumentException("layer " + name() + " (dense): expected a weight matrix of shape [" + inputs + ", "
                    + units + "], got [" + in + ", " + out + "]");
        }
        float[] flat = new float[in * out];
        for (int i = 0; i < in; i++) {
            if (w[i].length != out) {
                throw new IllegalArgumentException("layer " + name() + " (dense): weight row " + i + " has " + w[i].length
                        + " values, row 0 has " + out);
            }
            System.arraycopy(w[i], 0, flat, i * out, out);
        }
        if (b != null && !useBias) throw new IllegalArgumentException("layer " + name() + " (dense): has no bias, but a bias was given");
        if (b != null && b.length != units) {
            throw new IllegalArgumentException("layer " + name() + " (dense): expected a bias of " + units + " values, got " + b.length);
        }
        inputs = in;
        weight = Tensor.of(flat, in, units).requiresGrad(true);
        if (useBias) bias = Tensor.of(b != null ? b.clone() : new float[units], units).requiresGrad(true);
    }

    @Override int[] inputShapeAlone() { return inputs >= 0 ? new int[]{inputs} : null; }

    @Override int[] inputShapeFromParameters(List<int[]> shapes) {
        return shapes.isEmpty() || shapes.get(0).length != 2 ? null : new int[]{shapes.get(0)[0]};
    }

    /** The weight matrix [inputs, units] (a live parameter: training changes it). */
    public Tensor weight() { return weight; }

    /** The bias [units], or null without bias. */
    public Tensor bias() { return bias; }

    /** The weights as arrays, rows = inputs. */
    public float[][] weights() {
        if (weight == null) throw new IllegalStateException("layer " + name() + " (dense): not built yet: its input width is unknown");
        float[] w = weight.toArray();
        float[][] out = new float[inputs][units];
        for (int i = 0; i < inputs; i++) System.arraycopy(w, i * units, out[i], 0, units);
        return out;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int got = x.dim(-1);
        if (weight == null) build(new int[]{got}, new Random());
        if (got != inputs) throw widthError(got);
        return x.linear(weight, useBias ? bias : null);
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 1) {
            throw new IllegalArgumentException("layer " + name() + " (dense): expects inputs of shape [features], got "
                    + Arrays.toString(inputShape) + "; add flatten() before it");
        }
        return new int[]{units};
    }

    @Override public int[] outputShapeAlone() { return new int[]{units}; }

    @Override public List<int[]> parameterShapes(int[] inputShape) {
        int in = inputShape[0];
        return useBias ? List.of(new int[]{in, units}, new int[]{units}) : List.of(new int[]{in, units});
    }

    @Override public long flops(int[] inputShape) { return (long) inputShape[0] * units; }

    @Override public List<Tensor> parameters() {
        if (weight == null) return List.of();
        return useBias ? List.of(weight, bias) : List.of(weight);
    }

    @Override public List<String> parameterNames() {
        return useBias ? List.of("weight", "bias") : List.of("weight");
    }

    @Override public int parameterCount() {
        if (inputs < 0) return 0;
        return inputs * units + (useBias ? units : 0);
    }

    @Override
    Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("units", units);
        c.put("bias", useBias);
        c.put("inputs", inputs);
        c.put("init", init.describe());
        return c;
    }

    @Override public String describe() {
        return "dense(" + units + (useBias ? "" : ", no bias") + ", init=" + init.describe() + ")";
    }
}
