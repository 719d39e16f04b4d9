package jinn.train;

import java.util.Locale;

/** How training figures print: four decimals normally, scientific when a loss explodes or vanishes. */
final class Figures {
    private Figures() {}

    static String of(double v) {
        double a = Math.abs(v);
        if (Double.isNaN(v) || Double.isInfinite(v)) return String.valueOf(v);
        if (a >= 1e5 || (a != 0 && a < 1e-4)) return String.format(Locale.ROOT, "%.3e", v);
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** "loss: 0.1234  acc: 0.9876" (accuracy left out for regression, where it is NaN). */
    static String lossAndAccuracy(String prefix, double loss, double acc) {
        String s = prefix + "loss: " + of(loss);
        return Double.isNaN(acc) ? s : s + "  " + prefix + "acc: " + of(acc);
    }
}
