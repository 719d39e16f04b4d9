package jinn.data;

import java.util.Arrays;

/**
 * Per-feature standardisation, {@code (x - mean) / std}, with the mean and standard deviation
 * measured on the training rows only and then applied unchanged to validation and test rows, so no
 * information from the test set leaks into training.
 *
 * <pre>{@code
 * var s = split.train().standardizer();
 * var train = s.apply(split.train());
 * var test = s.apply(split.test());
 * }</pre>
 *
 * A feature that is constant on the training rows (MNIST's border pixels) keeps a divisor of 1:
 * it is centred but not blown up.
 */
public final class Standardizer {

    private final float[] mean;
    private final float[] std;

    private Standardizer(float[] mean, float[] std) {
        this.mean = mean;
        this.std = std;
    }

    /** Measures mean and (population) standard deviation of every feature of {@code train}. */
    public static Standardizer fit(Dataset train) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("Standardizer.fit: " + train.name() + " has no rows to measure");
        }
        int n = train.size(), d = train.featureCount();
        float[] x = train.features();
        double[] sum = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) sum[j] += x[i * d + j];
        }
        double[] m = new double[d];
        for (int j = 0; j < d; j++) m[j] = sum[j] / n;
        // Second pass around the mean: the one-pass E[x²]-E[x]² loses all precision for large offsets.
        double[] sq = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double dev = x[i * d + j] - m[j];
                sq[j] += dev * dev;
            }
        }
        float[] mean = new float[d], std = new float[d];
        for (int j = 0; j < d; j++) {
            mean[j] = (float) m[j];
            double s = Math.sqrt(sq[j] / n);
            std[j] = s > 1e-7 ? (float) s : 1f;
        }
        return new Standardizer(mean, std);
    }

    /** A new data set with standardised features; labels/targets are shared. */
    public Dataset apply(Dataset data) {
        check(data.featureCount(), data.name());
        float[] out = data.features().clone();
        applyInPlace(out, data.size());
        return data.withFeatures(out, data.featureCount(), data.featureNames());
    }

    /** Standardises {@code rows} rows stored row-major in {@code values}, in place. */
    void applyInPlace(float[] values, int rows) {
        int d = mean.length;
        if ((long) rows * d > values.length) {
            throw new IllegalArgumentException("Standardizer: " + rows + " rows of " + d + " features need "
                    + (long) rows * d + " values, the array holds " + values.length);
        }
        for (int i = 0; i < rows; i++) {
            int base = i * d;
            for (int j = 0; j < d; j++) values[base + j] = (values[base + j] - mean[j]) / std[j];
        }
    }

    private void check(int width, String name) {
        if (width != mean.length) {
            throw new IllegalArgumentException("Standardizer: fitted on " + mean.length + " features, "
                    + name + " has " + width);
        }
    }

    public float[] mean() { return mean.clone(); }

    public float[] std() { return std.clone(); }

    @Override
    public String toString() {
        return mean.length <= 8
                ? "Standardizer mean=" + Arrays.toString(mean) + " std=" + Arrays.toString(std)
                : "Standardizer over " + mean.length + " features";
    }
}
