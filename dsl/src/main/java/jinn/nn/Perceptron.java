package jinn.nn;

import jinn.data.Dataset;

import java.util.Arrays;
import java.util.Locale;

/**
 * Rosenblatt's perceptron, as the seeds introduce it: y = step(w·x + b), trained by the perceptron
 * rule w ← w + lr·(t − y)·x, b ← b + lr·(t − y). It learns AND, OR and NAND; on XOR it never
 * converges, because no single straight line separates XOR's classes. That is reported in the
 * {@link Result}, not thrown: it is the lesson, not an error.
 */
public final class Perceptron {
    private float[] w;
    private float b;
    private float learningRate = 0.1f;
    private int maxEpochs = 100;

    public Perceptron() {}

    public Perceptron learningRate(float lr) {
        if (!(lr > 0)) throw new IllegalArgumentException("perceptron: learning rate must be positive, got " + lr);
        learningRate = lr;
        return this;
    }

    /** Give up after this many passes without a perfect one (default 100). */
    public Perceptron maxEpochs(int n) {
        if (n <= 0) throw new IllegalArgumentException("perceptron: maxEpochs must be positive, got " + n);
        maxEpochs = n;
        return this;
    }

    /** Sets weights and bias by hand, e.g. the seeds' AND gate: weights(0.5, 0.5).bias(-0.7). */
    public Perceptron weights(double... weights) {
        w = new float[weights.length];
        for (int i = 0; i < w.length; i++) w[i] = (float) weights[i];
        return this;
    }

    public Perceptron bias(double bias) {
        b = (float) bias;
        return this;
    }

    public float[] weights() { return w == null ? new float[0] : w.clone(); }

    public float bias() { return b; }

    /** 1 if w·x + b &gt; 0 (the textbook rule: the weighted sum must exceed the threshold −b), else 0. */
    public int predict(double... x) {
        if (w == null) throw new IllegalStateException("perceptron: no weights yet; train it or set weights(...) first");
        if (x.length != w.length) {
            throw new IllegalArgumentException("perceptron: expected " + w.length + " inputs, got " + x.length);
        }
        double s = b;
        for (int i = 0; i < x.length; i++) s += w[i] * x[i];
        return s > 0 ? 1 : 0;
    }

    /** The outcome of training: whether a perfect pass happened, after how many epochs, and how well it does. */
    public record Result(boolean converged, int epochs, double accuracy, float[] weights, float bias, String message) {
        @Override public String toString() { return message; }
    }

    /** Trains on a data set with labels 0/1, starting from zero weights unless weights were set. */
    public Result train(Dataset data) {
        if (data.isEmpty()) throw new IllegalArgumentException("perceptron: the training data is empty");
        if (!data.isClassification() || data.classCount() != 2) {
            throw new IllegalArgumentException("perceptron: needs two classes (labels 0 and 1), got "
                    + (data.isClassification() ? data.classCount() + " classes" : "real-valued targets"));
        }
        int d = data.featureCount(), n = data.size();
        if (w == null || w.length != d) w = new float[d];
        int[] labels = data.labels();
        for (int epoch = 1; epoch <= maxEpochs; epoch++) {
            int errors = 0;
            for (int i = 0; i < n; i++) {
                float[] x = data.row(i);
                int y = predict(toDouble(x));
                int err = labels[i] - y;
                if (err != 0) {
                    errors++;
                    for (int j = 0; j < d; j++) w[j] += learningRate * err * x[j];
                    b += learningRate * err;
                }
            }
            if (errors == 0) {
                return new Result(true, epoch, 1.0, w.clone(), b, String.format(Locale.ROOT,
                        "converged after %d epoch%s: weights %s, bias %.2f, accuracy 100%%", epoch, epoch == 1 ? "" : "s",
                        Arrays.toString(w), b));
            }
        }
        double acc = accuracy(data);
        return new Result(false, maxEpochs, acc, w.clone(), b, String.format(Locale.ROOT,
                "did not converge within %d epochs (accuracy %.0f%%): no single straight line separates the classes of '%s' "
                        + "(it is not linearly separable); a hidden layer (an MLP) can learn it", maxEpochs, acc * 100, data.name()));
    }

    private double accuracy(Dataset data) {
        int ok = 0;
        for (int i = 0; i < data.size(); i++) if (predict(toDouble(data.row(i))) == data.label(i)) ok++;
        return (double) ok / data.size();
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = x[i];
        return d;
    }

    @Override public String toString() {
        return "perceptron(weights=" + (w == null ? "none" : Arrays.toString(w)) + ", bias=" + b + ")";
    }
}
