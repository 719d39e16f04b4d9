package jinn.data;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Small data sets made up on the spot: the logic gates of the perceptron lesson, the dice game of
 * the seeds, and two-dimensional shapes for decision-boundary plots.
 *
 * <pre>{@code
 * Synthetic.xor()               // 4 rows, 2 features, classes [0, 1]
 * Synthetic.dice()              // all 216 rolls of three dice, classes [small, big]
 * Synthetic.moons(400, 0.1, 7)  // two interleaved half circles
 * }</pre>
 */
public final class Synthetic {

    private Synthetic() {}

    private static final float[] GATE_INPUTS = {0, 0, 0, 1, 1, 0, 1, 1};
    private static final List<String> BITS = List.of("0", "1");

    /** {@code x1 AND x2} over the four inputs 00, 01, 10, 11 (in that order). */
    public static Dataset and() { return gate("and", 0, 0, 0, 1); }

    public static Dataset or() { return gate("or", 0, 1, 1, 1); }

    public static Dataset nand() { return gate("nand", 1, 1, 1, 0); }

    /** Not linearly separable: a single perceptron cannot learn it, a two-layer network can. */
    public static Dataset xor() { return gate("xor", 0, 1, 1, 0); }

    /** A gate by name: and, or, nand, nor, xor, xnor. */
    public static Dataset gate(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "and" -> and();
            case "or" -> or();
            case "nand" -> nand();
            case "nor" -> gate("nor", 1, 0, 0, 0);
            case "xor" -> xor();
            case "xnor" -> gate("xnor", 1, 0, 0, 1);
            default -> throw new IllegalArgumentException("unknown logic gate '" + name
                    + "'; expected one of and, or, nand, nor, xor, xnor");
        };
    }

    private static Dataset gate(String name, int... outputs) {
        return Dataset.classification(name, GATE_INPUTS.clone(), 4, 2, outputs, BITS)
                .withFeatureNames(List.of("x1", "x2"));
    }

    // ------------------------------------------------------------------ the dice game (seed 004)

    /** The sum at and above which a roll of three dice is "big" (seed 004: 11 to 18 big, 3 to 10 small). */
    public static final int DICE_BIG_FROM = 11;

    /** Class names of the dice game: index 0 small, 1 big. */
    public static final List<String> DICE_CLASSES = List.of("small", "big");

    /**
     * Every roll of three dice, 6³ = 216 rows in order (1,1,1), (1,1,2) ... (6,6,6). Features are the
     * three pip counts 1..6 as the seed feeds them to its network (weights 1, 1, 1 then a threshold at
     * 11); label 1 ("big") when the sum is at least 11, else 0 ("small"). Exactly half the rolls are big.
     */
    public static Dataset dice() {
        float[] x = new float[216 * 3];
        int[] y = new int[216];
        int r = 0;
        for (int a = 1; a <= 6; a++) {
            for (int b = 1; b <= 6; b++) {
                for (int c = 1; c <= 6; c++) {
                    x[r * 3] = a;
                    x[r * 3 + 1] = b;
                    x[r * 3 + 2] = c;
                    y[r] = a + b + c >= DICE_BIG_FROM ? 1 : 0;
                    r++;
                }
            }
        }
        return diceSet("dice", x, y, 216);
    }

    /** {@code n} random rolls of three fair dice, reproducible from {@code seed}. */
    public static Dataset dice(int n, long seed) {
        requirePositive("dice", n);
        Random random = new Random(seed);
        float[] x = new float[n * 3];
        int[] y = new int[n];
        for (int r = 0; r < n; r++) {
            int sum = 0;
            for (int k = 0; k < 3; k++) {
                int pips = 1 + random.nextInt(6);
                x[r * 3 + k] = pips;
                sum += pips;
            }
            y[r] = sum >= DICE_BIG_FROM ? 1 : 0;
        }
        return diceSet("dice-" + n, x, y, n);
    }

    private static Dataset diceSet(String name, float[] x, int[] y, int n) {
        return Dataset.classification(name, x, n, 3, y, DICE_CLASSES).withFeatureNames(List.of("die1", "die2", "die3"));
    }

    // ------------------------------------------------------------------ shapes for decision boundaries

    /**
     * Two interleaving half circles (as scikit-learn's {@code make_moons}): class 0 the upper moon
     * centred at (0, 0), class 1 the lower one centred at (1, 0.5); {@code noise} is the standard
     * deviation of Gaussian noise added to each coordinate. Rows come shuffled.
     */
    public static Dataset moons(int n, double noise, long seed) {
        requirePositive("moons", n);
        requireNoise("moons", noise);
        Random random = new Random(seed);
        int upper = n / 2 + n % 2, lower = n / 2;
        float[] x = new float[n * 2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            boolean isUpper = i < upper;
            int k = isUpper ? i : i - upper;
            int count = isUpper ? upper : lower;
            double t = count == 1 ? 0 : Math.PI * k / (count - 1);
            double px = isUpper ? Math.cos(t) : 1 - Math.cos(t);
            double py = isUpper ? Math.sin(t) : 0.5 - Math.sin(t);
            x[2 * i] = (float) (px + noise * random.nextGaussian());
            x[2 * i + 1] = (float) (py + noise * random.nextGaussian());
            y[i] = isUpper ? 0 : 1;
        }
        return Dataset.classification("moons", x, n, 2, y, List.of("0", "1"))
                .withFeatureNames(List.of("x", "y")).shuffle(seed ^ 0x5DEECE66DL).named("moons");
    }

    /**
     * {@code classes} interleaved spiral arms of {@code pointsPerClass} points each (the classic
     * CS231n data set): arm c has radius growing from 0 to 1 while its angle turns through 4 radians,
     * with Gaussian noise of standard deviation {@code noise} (radians) on the angle. Rows come shuffled.
     */
    public static Dataset spirals(int pointsPerClass, int classes, double noise, long seed) {
        requirePositive("spirals", pointsPerClass);
        if (classes < 2) throw new IllegalArgumentException("spirals: need at least 2 classes, got " + classes);
        requireNoise("spirals", noise);
        Random random = new Random(seed);
        int n = pointsPerClass * classes;
        float[] x = new float[n * 2];
        int[] y = new int[n];
        String[] names = new String[classes];
        for (int c = 0; c < classes; c++) {
            names[c] = Integer.toString(c);
            for (int k = 0; k < pointsPerClass; k++) {
                int i = c * pointsPerClass + k;
                double frac = pointsPerClass == 1 ? 0 : (double) k / (pointsPerClass - 1);
                double r = frac;
                double t = c * 4.0 + 4.0 * frac + noise * random.nextGaussian();
                x[2 * i] = (float) (r * Math.sin(t));
                x[2 * i + 1] = (float) (r * Math.cos(t));
                y[i] = c;
            }
        }
        return Dataset.classification("spirals", x, n, 2, y, List.of(names))
                .withFeatureNames(List.of("x", "y")).shuffle(seed ^ 0x5DEECE66DL).named("spirals");
    }

    private static void requirePositive(String what, int n) {
        if (n < 1) throw new IllegalArgumentException(what + ": need at least 1 point, got " + n);
    }

    private static void requireNoise(String what, double noise) {
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException(what + ": noise must be a finite number >= 0, got " + noise);
        }
    }
}
