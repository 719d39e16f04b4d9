package jinn.data;

import jinn.tensor.Tensor;

import java.util.Arrays;

/**
 * One batch of rows gathered from a {@link Dataset} into reused buffers; valid until its
 * {@link Batches} iterator moves on. The arrays are exactly {@link #size()} rows long, so the
 * tensors wrap them without copying.
 */
public final class Batch {

    private final Dataset data;
    private final int size;
    private final float[] features;
    private final int[] labels;     // classification
    private final float[] targets;  // regression
    private final int[] rows;
    private float[] oneHot;         // filled on demand
    private boolean oneHotFilled;
    private int index;

    Batch(Dataset data, int size) {
        this.data = data;
        this.size = size;
        this.features = new float[size * data.featureCount()];
        this.labels = data.isClassification() ? new int[size] : null;
        this.targets = data.isClassification() ? null : new float[size * data.targetWidth()];
        this.rows = new int[size];
    }

    void fill(int[] order, int from, int batchIndex) {
        System.arraycopy(order, from, rows, 0, size);
        data.copyRows(order, from, size, features);
        if (labels != null) data.copyLabels(order, from, size, labels);
        else data.copyTargets(order, from, size, targets);
        oneHotFilled = false;
        index = batchIndex;
    }

    /** The number of rows in this batch. */
    public int size() { return size; }

    /** This batch's position in its pass, from 0. */
    public int index() { return index; }

    /** Features, {@code [size, featureCount]}, wrapping the reused buffer. */
    public Tensor x() { return Tensor.of(features, size, data.featureCount()); }

    /** One-hot labels {@code [size, classCount]} for classification, targets {@code [size, targetWidth]} otherwise. */
    public Tensor y() {
        if (labels == null) return Tensor.of(targets, size, data.targetWidth());
        int k = data.classCount();
        if (oneHot == null) oneHot = new float[size * k];
        if (!oneHotFilled) {
            Arrays.fill(oneHot, 0f);
            for (int b = 0; b < size; b++) oneHot[b * k + labels[b]] = 1f;
            oneHotFilled = true;
        }
        return Tensor.of(oneHot, size, k);
    }

    /** The raw feature buffer, row-major (reused: do not keep it). */
    public float[] features() { return features; }

    /** The class labels of the rows (reused buffer). */
    public int[] labels() {
        if (labels == null) {
            throw new IllegalStateException(data.name() + " is a regression data set: batches carry targets(), not labels()");
        }
        return labels;
    }

    /** The regression targets, row-major (reused buffer). */
    public float[] targets() {
        if (targets == null) {
            throw new IllegalStateException(data.name() + " is a classification data set: batches carry labels(), not targets()");
        }
        return targets;
    }

    /** Which rows of the data set this batch holds. */
    public int[] rows() { return rows; }

    @Override
    public String toString() {
        return "Batch " + index + " of " + data.name() + ": " + size + " rows";
    }
}
