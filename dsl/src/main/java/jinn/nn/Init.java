package jinn.nn;

import java.util.Locale;
import java.util.Random;

/**
 * How a layer's weights start. The choice matters: all-zero weights keep every hidden unit
 * identical forever (the seeds' symmetry warning), too-large ones saturate sigmoids, and Xavier
 * (for sigmoid/tanh) and He (for ReLU) keep activations at a healthy spread layer after layer.
 */
public interface Init {

    /** Fills a weight matrix of fanIn rows and fanOut columns (also used for biases: fanIn = 1). */
    void fill(float[] w, int fanIn, int fanOut, Random random);

    /** Short form for summaries and model files, e.g. "normal(0.01)". */
    String describe();

    static Init zeros() { return constant(0f); }

    static Init constant(float v) {
        return named("constant(" + fmt(v) + ")", (w, in, out, r) -> java.util.Arrays.fill(w, v));
    }

    /** Uniform in [lo, hi). */
    static Init uniform(float lo, float hi) {
        return named("uniform(" + fmt(lo) + ", " + fmt(hi) + ")", (w, in, out, r) -> {
            for (int i = 0; i < w.length; i++) w[i] = lo + (hi - lo) * r.nextFloat();
        });
    }

    /** Normal with mean 0 and standard deviation sigma (the seeds try 1 and 0.01). */
    static Init normal(float sigma) {
        return named("normal(" + fmt(sigma) + ")", (w, in, out, r) -> {
            for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextGaussian() * sigma);
        });
    }

    /** Xavier/Glorot: normal with σ = √(1/fanIn), as the seeds write it; suits sigmoid and tanh. */
    static Init xavier() {
        return named("xavier", (w, in, out, r) -> {
            double s = Math.sqrt(1.0 / Math.max(1, in));
            for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextGaussian() * s);
        });
    }

    /** He: normal with σ = √(2/fanIn); suits ReLU, whose negative half is zero. */
    static Init he() {
        return named("he", (w, in, out, r) -> {
            double s = Math.sqrt(2.0 / Math.max(1, in));
            for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextGaussian() * s);
        });
    }

    private static String fmt(float v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    private static Init named(String name, Filler f) {
        return new Init() {
            @Override public void fill(float[] w, int fanIn, int fanOut, Random random) { f.fill(w, fanIn, fanOut, random); }
            @Override public String describe() { return name; }
            @Override public String toString() { return name; }
        };
    }

    /** The lambda shape behind the named initialisers. */
    @FunctionalInterface
    interface Filler {
        void fill(float[] w, int fanIn, int fanOut, Random random);
    }

    /** Parses {@link #describe()} back (model files store it). */
    static Init parse(String s) {
        String t = s.trim();
        if (t.equals("xavier")) return xavier();
        if (t.equals("he")) return he();
        int open = t.indexOf('('), close = t.lastIndexOf(')');
        if (open > 0 && close > open) {
            String name = t.substring(0, open);
            String[] args = t.substring(open + 1, close).split(",");
            try {
                switch (name) {
                    case "constant": return constant(Float.parseFloat(args[0].trim()));
                    case "normal": return normal(Float.parseFloat(args[0].trim()));
                    case "uniform": return uniform(Float.parseFloat(args[0].trim()), Float.parseFloat(args[1].trim()));
                    default: break;
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot read initialiser '" + s + "': " + e.getMessage());
            }
        }
        throw new IllegalArgumentException("unknown initialiser '" + s + "' (known: zeros, constant(v), uniform(a, b), normal(σ), xavier, he)");
    }
}
