package jinn.train;

import jinn.tensor.Tensor;

/** Class labels turned into the targets a loss compares with. */
final class Targets {
    private Targets() {}

    static Tensor oneHot(int[] labels, int classes) {
        float[] t = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) t[i * classes + labels[i]] = 1f;
        return Tensor.of(t, labels.length, classes);
    }

    /** One output: the label itself (0/1). Several outputs: one-hot. */
    static Tensor forOutputs(int[] labels, int outputs) {
        if (outputs > 1) return oneHot(labels, outputs);
        float[] t = new float[labels.length];
        for (int i = 0; i < labels.length; i++) t[i] = labels[i];
        return Tensor.of(t, labels.length, 1);
    }

    /** Predicted classes: argmax of each row, or output &gt; 0.5 for a single output. */
    static int[] classes(Tensor out) {
        if (out.dim(-1) > 1) return out.argmax();
        float[] v = out.toArray();
        int[] c = new int[v.length];
        for (int i = 0; i < v.length; i++) c[i] = v[i] > 0.5f ? 1 : 0;
        return c;
    }
}
