package jinn.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Round tick values (1, 2 or 5 times a power of ten) and labels that show just enough digits. */
final class Ticks {
  private Ticks() {}

  static double step(double lo, double hi, int target) {
    double rough = (hi - lo) / Math.max(1, target);
    if (!(rough > 0) || !Double.isFinite(rough)) return 1;
    double mag = Math.pow(10, Math.floor(Math.log10(rough)));
    double r = rough / mag;
    return (r < 1.5 ? 1 : r < 3 ? 2 : r < 7 ? 5 : 10) * mag;
  }

  static List<Double> linear(double lo, double hi, int target) {
    double step = step(lo, hi, target);
    List<Double> out = new ArrayList<>();
    double eps = step * 1e-9;
    for (double v = Math.ceil((lo - eps) / step) * step; v <= hi + eps; v += step) {
      out.add(Math.abs(v) < eps ? 0.0 : v);
    }
    return out;
  }

  static List<Double> log(double lo, double hi) {
    List<Double> out = new ArrayList<>();
    for (int e = (int) Math.ceil(Math.log10(lo) - 1e-9); Math.pow(10, e) <= hi * (1 + 1e-9); e++) {
      out.add(Math.pow(10, e));
    }
    return out;
  }

  /**
   * A DecimalFormat pattern with as many decimals as ticks about {@code pixels / 30} apart need, so
   * every label of an axis has the same format (0.10, 0.08, not 0.1, .08). Estimating more ticks than
   * XChart draws errs towards one decimal too many, never too few.
   */
  static String decimalPattern(double lo, double hi, int pixels) {
    double step = step(lo, hi, Math.max(2, pixels / 30));
    int decimals = Math.min(6, Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9)));
    return decimals == 0 ? "0" : "0." + "0".repeat(decimals);
  }

  /** True when every value is a whole number: counts and epochs, labelled without decimals. */
  static boolean whole(double[] values) {
    for (double v : values) if (Double.isFinite(v) && v != Math.rint(v)) return false;
    return true;
  }

  static String label(double v, double step) {
    double a = Math.abs(v);
    if (v != 0 && (a >= 1e5 || a < 1e-4)) return String.format(Locale.ROOT, "%.1e", v);
    int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
    return String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "f", v);
  }
}
