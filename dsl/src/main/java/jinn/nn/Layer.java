package jinn.nn;

import jinn.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * One step of a network. Layers hold their parameters (if any) and delegate the maths to
 * {@link Tensor} operations, so autograd differentiates them with no code here.
 *
 * <p>Shapes exclude the batch axis: a dense layer of 10 units has output shape [10].
 */
public abstract sealed class Layer permits Dense, Activation, Dropout, Flatten {

    private String name;

    /** The layer's kind as it appears in summaries and model files, e.g. "dense". */
    public abstract String kind();

    /** The name given when the network was built, e.g. "dense_1". */
    public String name() { return name; }

    void name(String n) { this.name = n; }

    /** Computes the layer's output for a batch; {@code training} switches dropout on. */
    public abstract Tensor forward(Tensor x, boolean training);

    /** The output shape for an input shape (both without the batch axis). */
    public abstract int[] outputShape(int[] inputShape);

    /** Trainable tensors (empty for layers without parameters). */
    public List<Tensor> parameters() { return List.of(); }

    /** Names of {@link #parameters()}, in the same order ("weight", "bias"). */
    public List<String> parameterNames() { return List.of(); }

    /** Creates parameters once the input shape is known (inferred from the first batch or declared). */
    void build(int[] inputShape, java.util.Random random) {}

    /** True once parameters exist (always for layers without any). */
    public boolean isBuilt() { return true; }

    /** The settings that rebuild this layer, stored in model files. */
    abstract Map<String, Object> config();

    /** One line: kind and settings. */
    public abstract String describe();

    public int parameterCount() {
        int n = 0;
        for (Tensor p : parameters()) n += p.size();
        return n;
    }

    @Override public String toString() { return (name == null ? "" : name + ": ") + describe(); }
}
