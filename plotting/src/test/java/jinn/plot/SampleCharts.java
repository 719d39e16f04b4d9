package jinn.plot;

import static jinn.plot.Plots.*;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** The charts the golden-image tests pin and that a person looks at: each built exactly as a user would. */
final class SampleCharts {
  private SampleCharts() {}

  /** The seed tutorials' exercise: step, sigmoid, tanh, relu and leaky relu on [-10, 10], in one line. */
  static Chart seedActivations() {
    return plot(-10, 10,
        "step", x -> x >= 0 ? 1 : 0,
        "sigmoid", x -> 1 / (1 + Math.exp(-x)),
        "tanh", Math::tanh,
        "relu", x -> Math.max(0, x),
        "leaky relu", x -> Math.max(0.1 * x, x))
        .title("Activation functions").yLabel("f(x)");
  }

  /** Tutorial 02's "tanh is a rescaled sigmoid": two curves that coincide everywhere, and ReLU under leaky ReLU. */
  static Chart overlapping() {
    return plot(-3, 3,
        "tanh", Math::tanh,
        "2 sigmoid(2x) - 1", x -> 2 / (1 + Math.exp(-2 * x)) - 1,
        "relu", x -> Math.max(0, x),
        "leaky relu", x -> Math.max(0.1 * x, x))
        .title("Lines that coincide stay visible").yLabel("f(x)");
  }

  /** A typical MNIST run's curves: fast fall, then a validation loss that flattens and turns up a little. */
  static Chart lossCurve() {
    int n = 15;
    double[] loss = new double[n], val = new double[n], acc = new double[n], valAcc = new double[n];
    for (int e = 0; e < n; e++) {
      loss[e] = 0.08 + 0.55 * Math.exp(-e / 2.5);
      val[e] = 0.11 + 0.5 * Math.exp(-e / 2.2) + 0.004 * e;
      acc[e] = 0.985 - 0.17 * Math.exp(-e / 2.5);
      valAcc[e] = 0.972 - 0.16 * Math.exp(-e / 2.2) - 0.0006 * e;
    }
    return training(loss, val, acc, valAcc).title("MNIST, 784-128-10");
  }

  static Chart digitGrid() throws IOException {
    MnistSample s = MnistSample.first(16);
    int[] predicted = s.labels.clone();
    predicted[3] = 6; // two deliberate mistakes, to show how errors are marked
    predicted[11] = 9;
    return digits(s.images, s.labels, predicted).title("MNIST test digits: true → predicted");
  }

  static Chart confusionMatrix() {
    int[][] counts = new int[10][10];
    Random r = new Random(7);
    for (int t = 0; t < 10; t++) {
      for (int i = 0; i < 1000; i++) {
        int p = r.nextDouble() < 0.93 ? t : (t + 1 + r.nextInt(3)) % 10;
        counts[t][p]++;
      }
    }
    return confusion(counts);
  }

  /** XOR: a small network's probability surface, written out in closed form so the picture is fixed. */
  static Chart xorBoundary() {
    double[][] points = new double[200][];
    int[] labels = new int[200];
    Random r = new Random(3);
    for (int i = 0; i < points.length; i++) {
      double x = r.nextDouble() * 2 - 1, y = r.nextDouble() * 2 - 1;
      points[i] = new double[] {x, y};
      labels[i] = (x > 0) != (y > 0) ? 1 : 0;
    }
    return decisionBoundary((x, y) -> 1 / (1 + Math.exp(8 * x * y + 0.3)), points, labels).title("XOR decision boundary");
  }

  static Chart bars() {
    return bar(new String[] {"sgd", "momentum", "adam", "rmsprop"}, new double[] {0.912, 0.961, 0.978, 0.974})
        .title("test accuracy after 5 epochs").yLabel("accuracy");
  }

  static Chart layerHistograms() {
    Random r = new Random(11);
    int n = 4000;
    float[] sig = new float[n], tanh = new float[n], relu = new float[n];
    for (int i = 0; i < n; i++) {
      double z = r.nextGaussian() * 4; // weights initialised too large: sigmoid and tanh saturate
      sig[i] = (float) (1 / (1 + Math.exp(-z)));
      tanh[i] = (float) Math.tanh(z);
      relu[i] = (float) Math.max(0, r.nextGaussian() - 0.8);
    }
    Map<String, float[]> m = new LinkedHashMap<>();
    m.put("dense 1 (sigmoid)", sig);
    m.put("dense 2 (tanh)", tanh);
    m.put("dense 3 (relu)", relu);
    return histograms(m).title("activations for one batch");
  }

  static Chart scatterClasses() {
    Random r = new Random(5);
    double[] x = new double[300], y = new double[300];
    int[] c = new int[300];
    for (int i = 0; i < 300; i++) {
      c[i] = i % 3;
      double a = c[i] * 2 * Math.PI / 3;
      x[i] = 2 * Math.cos(a) + r.nextGaussian() * 0.6;
      y[i] = 2 * Math.sin(a) + r.nextGaussian() * 0.6;
    }
    return scatter(x, y, c).title("three blobs").xLabel("x₁").yLabel("x₂");
  }
}
