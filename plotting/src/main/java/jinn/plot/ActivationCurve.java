package jinn.plot;

import java.util.Locale;
import jinn.nn.Activation;
import jinn.tensor.Tensor;

/** An activation of jinn's tensors sampled on a range, with its derivative taken by autograd. */
record ActivationCurve(String label, double[] x, double[] y, double[] dy) {
  /** The seed documents' leaky relu slope. */
  static final float LEAKY_SLOPE = 0.1f;

  static ActivationCurve of(Activation.Kind kind, double from, double to, int n) {
    float[] xs = new float[n];
    for (int i = 0; i < n; i++) xs[i] = (float) (from + (to - from) * i / (n - 1));
    Tensor x = Tensor.of(xs.clone(), n).requiresGrad(kind != Activation.Kind.STEP);
    Tensor y = switch (kind) {
      case STEP -> x.step();
      case SIGMOID -> x.sigmoid();
      case TANH -> x.tanh();
      case RELU -> x.relu();
      case LEAKY_RELU -> x.leakyRelu(LEAKY_SLOPE);
      case IDENTITY -> x.identity();
      case SOFTMAX -> throw new IllegalArgumentException(
          "activations: expected an elementwise activation, received SOFTMAX (it mixes a whole row, so it has no curve)");
    };
    double[] dy = new double[n];
    if (kind != Activation.Kind.STEP) { // step has no gradient; its derivative is 0 wherever it exists
      y.sum().backward();
      float[] g = x.grad().toArray();
      for (int i = 0; i < n; i++) dy[i] = g[i];
    }
    String label = kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return new ActivationCurve(label, Plots.toDouble(xs), Plots.toDouble(y.detach().toArray()), dy);
  }
}
