package jinn.nn;

import jinn.tensor.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One step of a network. Layers hold their parameters (if any) and delegate the maths to
 * {@link Tensor} operations, so autograd differentiates them with no code here.
 *
 * <p>A layer describes itself, as a Keras layer does: its output shape for an input shape, the
 * shapes of its parameters, how it creates them, the settings that rebuild it from a model file,
 * its row in the summary and its cost in multiply-adds. {@link Net}, its summary and model files
 * ask the layer and never test its class, so a new kind of layer is its own file, a builder method
 * in {@link NetBuilder}, one line in {@link LayerKinds} (the table model files rebuild from) and
 * its tests.
 *
 * <p>Shapes exclude the batch axis: a dense layer of 10 units has output shape [10], a convolution
 * of 32 filters over 28×28 images with "same" padding [32, 28, 28].
 */
public abstract class Layer {

    private String name;

    /** The layer's kind as it appears in summaries and model files, e.g. "dense". */
    public abstract String kind();

    /** The name given when the network was built, e.g. "dense_1". */
    public String name() { return name; }

    void name(String n) { this.name = n; }

    /** Computes the layer's output for a batch; {@code training} switches dropout on. */
    public abstract Tensor forward(Tensor x, boolean training);

    /**
     * This layer and the first {@code layers} of those after it, run as one op: their output and how
     * many of the following layers it covers.
     */
    record Fused(Tensor output, int layers) {}

    /**
     * This layer's output and that of some of the layers that follow it ({@code next}, in order), in
     * one op, where it has a fused form for them (a convolution with ReLU, and with a 2×2 max pooling
     * after that); null where it has none, and the network runs the layers one after the other. The
     * values and gradients are the same either way.
     */
    Fused forwardFused(List<Layer> next, Tensor x, boolean training) { return null; }

    /**
     * The output shape for an input shape (both without the batch axis). An input this layer cannot
     * take is an error naming the layer, the shape it expects and the one it got.
     */
    public abstract int[] outputShape(int[] inputShape);

    /**
     * The output shape when the input shape is not known yet, where the layer alone decides it (a
     * dense layer of 10 units gives [10] whatever comes in); null when it depends on the input.
     */
    public int[] outputShapeAlone() { return null; }

    /** Trainable tensors (empty for layers without parameters, or before they are built). */
    public List<Tensor> parameters() { return List.of(); }

    /** Names of {@link #parameters()}, in the same order ("weight", "bias"). */
    public List<String> parameterNames() { return List.of(); }

    /** The shapes {@link #parameters()} take for this input shape, in the order of {@link #parameterNames()}. */
    public List<int[]> parameterShapes(int[] inputShape) { return List.of(); }

    /**
     * Tensors a model file keeps beside the parameters, which training updates without gradients
     * (batch normalisation's running mean and variance); empty for most layers.
     */
    public List<Tensor> buffers() { return List.of(); }

    /** Names of {@link #buffers()}, in the same order. */
    public List<String> bufferNames() { return List.of(); }

    /** Creates parameters once the input shape is known (inferred from the first batch or declared). */
    void build(int[] inputShape, java.util.Random random) {}

    /** True once parameters exist (always for layers without any). */
    public boolean isBuilt() { return true; }

    /**
     * The input shape this layer fixes by itself, or null: a dense layer given its weights by hand
     * knows its input width, so a network starting with it needs no declared input.
     */
    int[] inputShapeAlone() { return null; }

    /**
     * The input shape implied by the shapes of this layer's parameters as a model file holds them,
     * or null: what loading a file without a declared input falls back on.
     */
    int[] inputShapeFromParameters(List<int[]> shapes) { return null; }

    /** The settings that rebuild this layer, stored in model files (read back by {@link LayerKinds}). */
    abstract Map<String, Object> config();

    /** One line: kind and settings (the summary's "type" column). */
    public abstract String describe();

    /**
     * Multiply-adds for one sample with this input shape in the forward pass, counting the products
     * of GEMMs and convolutions only (elementwise work is memory-bound and small beside them).
     */
    public long flops(int[] inputShape) { return 0; }

    /** The number of trainable values for this input shape. */
    public long parameterCount(int[] inputShape) {
        long n = 0;
        for (int[] s : parameterShapes(inputShape)) {
            long k = 1;
            for (int d : s) k *= d;
            n += k;
        }
        return n;
    }

    public int parameterCount() {
        int n = 0;
        for (Tensor p : parameters()) n += p.size();
        return n;
    }

    /** "layer conv2d_1 (conv2d): " for error messages. */
    String where() { return "layer " + name + " (" + kind() + "): "; }

    /** An error for an input of the wrong rank or size: names the layer, what it expects and what came. */
    IllegalArgumentException shapeError(String expected, int[] got) {
        return new IllegalArgumentException(where() + "expects inputs of shape " + expected + ", got " + Arrays.toString(got));
    }

    @Override public String toString() { return (name == null ? "" : name + ": ") + describe(); }
}
