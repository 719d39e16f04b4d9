package jinn.notebook;

import java.util.Arrays;
import java.util.Locale;
import jinn.tensor.Tensor;

/**
 * Assertions for notebooks: a tutorial states the numbers it teaches, and {@code jinn run} (and
 * the test suite, which runs every tutorial) fails when they stop being true. Notebook sessions
 * import these statically, so a cell reads
 *
 * <pre>{@code
 * expectClose(new double[] {0.31682708, 0.69627909}, y, 1e-6);
 * expectShape(y, 2);
 * expectAtLeast(0.97, accuracy, "test accuracy");
 * }</pre>
 *
 * A failure throws an {@link AssertionError} whose message shows the expected and the actual
 * value; the runner reports it with the notebook's file, line and cell.
 */
public final class Check {

    private Check() {}

    /** Fails with {@code what} when the condition is false. */
    public static void expectTrue(boolean condition, String what) {
        if (!condition) throw fail("expected " + what + ", but it is not so");
    }

    /**
     * Fails when the condition is false: {@code expectTrue(loss < 0.1)}. The runner names the
     * notebook's line; {@link #expectTrue(boolean, String)} says in words what was expected.
     */
    public static void expectTrue(boolean condition) {
        if (!condition) throw fail("expected the condition to be true, but it is false");
    }

    /** Fails when the condition is true. */
    public static void expectFalse(boolean condition, String what) {
        if (condition) throw fail("expected not " + what + ", but it is so");
    }

    /** Fails when the condition is true: {@code expectFalse(Double.isNaN(loss))}. */
    public static void expectFalse(boolean condition) {
        if (condition) throw fail("expected the condition to be false, but it is true");
    }

    /** Exact equality of two values ({@link Object#equals}; boxed numbers compare by value). */
    public static void expectEqual(Object expected, Object actual) {
        boolean same = expected instanceof Number e && actual instanceof Number a && !(e instanceof Double || e instanceof Float)
                && !(a instanceof Double || a instanceof Float)
                ? e.longValue() == a.longValue() : java.util.Objects.equals(expected, actual);
        if (!same) throw fail("expected " + expected + ", got " + actual);
    }

    /** Element-wise equality of two int arrays (labels, predictions, shapes). */
    public static void expectEqual(int[] expected, int[] actual) {
        if (!Arrays.equals(expected, actual)) {
            throw fail("expected " + Arrays.toString(expected) + ", got " + Arrays.toString(actual));
        }
    }

    /** |actual − expected| ≤ tolerance. */
    public static void expectClose(double expected, double actual, double tolerance) {
        if (!(Math.abs(actual - expected) <= tolerance)) {
            throw fail("expected " + num(expected) + " ± " + num(tolerance) + ", got " + num(actual)
                    + " (off by " + num(Math.abs(actual - expected)) + ")");
        }
    }

    /** Element-wise {@link #expectClose(double, double, double)}, lengths equal. */
    public static void expectClose(double[] expected, double[] actual, double tolerance) {
        closeAll(expected, actual, tolerance, false);
    }

    /** Element-wise closeness of float values (a tensor's {@code toArray()}, weights). */
    public static void expectClose(double[] expected, float[] actual, double tolerance) {
        closeAll(expected, toDouble(actual), tolerance, false);
    }

    /** Element-wise closeness of a tensor's values, in row-major order, to the expected ones. */
    public static void expectClose(double[] expected, Tensor actual, double tolerance) {
        closeAll(expected, toDouble(actual.toArray()), tolerance, false);
    }

    /** Two tensors of one shape, element-wise within the tolerance. */
    public static void expectClose(Tensor expected, Tensor actual, double tolerance) {
        expectShape(actual, expected.shape());
        closeAll(toDouble(expected.toArray()), toDouble(actual.toArray()), tolerance, false);
    }

    /**
     * |actual − expected| ≤ relative · |expected|, element-wise: for values of very different sizes,
     * such as a softmax of [1010, 1000, 990], where 2e-9 must be checked to its own digits.
     */
    public static void expectRelative(double[] expected, Tensor actual, double relative) {
        closeAll(expected, toDouble(actual.toArray()), relative, true);
    }

    /** Relative closeness of plain values; see {@link #expectRelative(double[], Tensor, double)}. */
    public static void expectRelative(double[] expected, double[] actual, double relative) {
        closeAll(expected, actual, relative, true);
    }

    /** The tensor has exactly this shape. */
    public static void expectShape(Tensor actual, int... shape) {
        if (!Arrays.equals(actual.shape(), shape)) {
            throw fail("expected shape " + Arrays.toString(shape) + ", got " + Arrays.toString(actual.shape()));
        }
    }

    /** Neither NaN nor infinite. */
    public static void expectFinite(double actual) {
        if (!Double.isFinite(actual)) throw fail("expected a finite number, got " + actual);
    }

    /** Every value is neither NaN nor infinite. */
    public static void expectFinite(Tensor actual) {
        expectFinite(toDouble(actual.toArray()));
    }

    /** Every value is neither NaN nor infinite. */
    public static void expectFinite(double[] actual) {
        for (int i = 0; i < actual.length; i++) {
            if (!Double.isFinite(actual[i])) {
                throw fail("expected finite values, got " + actual[i] + " at index " + i + " of " + brief(actual));
            }
        }
    }

    /** actual ≥ minimum; {@code what} names the figure in the message ("test accuracy"). */
    public static void expectAtLeast(double minimum, double actual, String what) {
        if (!(actual >= minimum)) throw fail("expected " + what + " of at least " + num(minimum) + ", got " + num(actual));
    }

    /** actual ≥ minimum: {@code expectAtLeast(0.97, accuracy)}. */
    public static void expectAtLeast(double minimum, double actual) {
        expectAtLeast(minimum, actual, "a value");
    }

    /** actual ≤ maximum: {@code expectAtMost(0.1, loss)}. */
    public static void expectAtMost(double maximum, double actual) {
        expectAtMost(maximum, actual, "a value");
    }

    /** actual ≤ maximum; {@code what} names the figure in the message ("final loss"). */
    public static void expectAtMost(double maximum, double actual, String what) {
        if (!(actual <= maximum)) throw fail("expected " + what + " of at most " + num(maximum) + ", got " + num(actual));
    }

    private static void closeAll(double[] expected, double[] actual, double tolerance, boolean relative) {
        if (expected.length != actual.length) {
            throw fail("expected " + expected.length + " values " + brief(expected) + ", got " + actual.length + " "
                    + brief(actual));
        }
        for (int i = 0; i < expected.length; i++) {
            double allowed = relative ? tolerance * Math.abs(expected[i]) : tolerance;
            if (!(Math.abs(actual[i] - expected[i]) <= allowed)) {
                throw fail("value " + i + ": expected " + num(expected[i]) + " ± " + num(allowed) + ", got "
                        + num(actual[i]) + "\n  expected " + brief(expected) + "\n  got      " + brief(actual));
            }
        }
    }

    /** The error, without this class's frames: the report should start at the notebook's line. */
    private static AssertionError fail(String message) {
        AssertionError e = new AssertionError(message);
        StackTraceElement[] trace = e.getStackTrace();
        int skip = 0;
        while (skip < trace.length && trace[skip].getClassName().equals(Check.class.getName())) skip++;
        e.setStackTrace(Arrays.copyOfRange(trace, skip, trace.length));
        return e;
    }

    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf((long) v);
        return String.format(Locale.ROOT, "%.9g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e")
                .replaceAll("\\.$", "");
    }

    private static String brief(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        int shown = Math.min(v.length, 8);
        for (int i = 0; i < shown; i++) sb.append(i > 0 ? ", " : "").append(num(v[i]));
        if (v.length > shown) sb.append(", ... (").append(v.length).append(" values)");
        return sb.append(']').toString();
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }
}
