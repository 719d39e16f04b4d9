package jinn.nn;

import jinn.accel.UnaryOp;
import jinn.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** An elementwise activation as a layer: step, sigmoid, tanh, relu, leaky relu, softmax, identity. */
public final class Activation extends Layer {

    /** The activation functions of the seed documents. */
    public enum Kind { STEP, SIGMOID, TANH, RELU, LEAKY_RELU, SOFTMAX, IDENTITY }

    private final Kind fn;
    private final float alpha;

    Activation(Kind fn, float alpha) {
        this.fn = fn;
        this.alpha = alpha;
    }

    public Kind function() { return fn; }

    /** The negative slope of leaky ReLU (0 for the others). */
    public float alpha() { return alpha; }

    @Override public String kind() { return fn.name().toLowerCase(Locale.ROOT).replace("leaky_relu", "leakyRelu"); }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        return apply(x);
    }

    /**
     * The backend's elementwise op for this function (its parameter is {@link #alpha()}), or null for
     * softmax, which works on rows: what the inference plan and the compiled training step run.
     */
    public UnaryOp elementwiseOp() {
        return switch (fn) {
            case STEP -> UnaryOp.STEP;
            case SIGMOID -> UnaryOp.SIGMOID;
            case TANH -> UnaryOp.TANH;
            case RELU -> UnaryOp.RELU;
            case LEAKY_RELU -> UnaryOp.LEAKY_RELU;
            case IDENTITY -> UnaryOp.IDENTITY;
            case SOFTMAX -> null;
        };
    }

    /** The function itself, on any tensor. */
    public Tensor apply(Tensor x) {
        return switch (fn) {
            case STEP -> x.step();
            case SIGMOID -> x.sigmoid();
            case TANH -> x.tanh();
            case RELU -> x.relu();
            case LEAKY_RELU -> x.leakyRelu(alpha);
            case SOFTMAX -> x.softmax();
            case IDENTITY -> x.identity();
        };
    }

    @Override public int[] outputShape(int[] inputShape) { return inputShape.clone(); }

    @Override
    Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("function", fn.name());
        if (fn == Kind.LEAKY_RELU) c.put("alpha", alpha);
        return c;
    }

    @Override public String describe() {
        return fn == Kind.LEAKY_RELU ? "leakyRelu(" + alpha + ")" : kind();
    }
}
