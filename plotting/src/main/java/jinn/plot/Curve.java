package jinn.plot;

import java.util.function.DoubleUnaryOperator;

/**
 * A named function, for charts of several functions: {@code plot(-10, 10, fn("sigmoid", s), fn("tanh", Math::tanh))}.
 *
 * @param name the legend entry
 * @param f    the function, evaluated at evenly spaced points
 */
public record Curve(String name, DoubleUnaryOperator f) {
  /** Points per curve: enough that a kink (relu at 0) looks sharp at 800 pixels. */
  static final int SAMPLES = 401;

  static Series sample(String name, DoubleUnaryOperator f, double from, double to, int n) {
    double[] x = new double[n], y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = from + (to - from) * i / (n - 1);
      y[i] = f.applyAsDouble(x[i]);
    }
    return new Series(name, x, y, Series.Style.LINE, null);
  }
}
