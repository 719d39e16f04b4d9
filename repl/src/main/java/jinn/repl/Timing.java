package jinn.repl;

import java.util.Arrays;
import java.util.Locale;

/**
 * Wall time of a piece of code over repeated runs, reported as the median: what {@code /time}
 * shows. The first run is timed apart because it pays for class loading and the JIT.
 * Public because {@code /time} evaluates a call to {@link #measure} inside the session.
 */
public final class Timing {

    /** Timed runs stop after this much time once at least {@link #MIN_RUNS} are done. */
    static final long BUDGET_NANOS = 2_000_000_000L;
    static final int MIN_RUNS = 3;
    static final int MAX_RUNS = 1000;

    private static volatile Object sink;

    private final long first;
    private final long[] runs;

    Timing(long first, long[] runs) {
        this.first = first;
        this.runs = runs;
    }

    /** Runs {@code body} once to warm up, then repeatedly within the time budget. */
    public static Timing measure(Runnable body) {
        long t0 = System.nanoTime();
        body.run();
        long first = System.nanoTime() - t0;
        long[] times = new long[MAX_RUNS];
        int n = 0;
        long spent = 0;
        while (n < MAX_RUNS && (n < MIN_RUNS || spent < BUDGET_NANOS)) {
            if (Thread.currentThread().isInterrupted()) throw new IllegalStateException("/time interrupted");
            long s = System.nanoTime();
            body.run();
            long d = System.nanoTime() - s;
            times[n++] = d;
            spent += d;
        }
        return new Timing(first, Arrays.copyOf(times, n));
    }

    /** Keeps a value alive so the JIT cannot drop the computation being timed. */
    public static void consume(Object value) {
        sink = value;
    }

    public int runs() {
        return runs.length;
    }

    public long medianNanos() {
        long[] sorted = runs.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public long minNanos() {
        return Arrays.stream(runs).min().orElse(0);
    }

    public long maxNanos() {
        return Arrays.stream(runs).max().orElse(0);
    }

    public long firstNanos() {
        return first;
    }

    /** All figures in the unit that suits the median, so they can be compared at a glance. */
    @Override
    public String toString() {
        Unit unit = Unit.of(medianNanos());
        return "median " + unit.format(medianNanos()) + " over " + runs() + " runs (min " + unit.format(minNanos())
                + ", max " + unit.format(maxNanos()) + "; first run " + unit.format(first) + ")";
    }

    enum Unit {
        NS(1, "ns"), US(1e3, "µs"), MS(1e6, "ms"), S(1e9, "s");

        private final double nanos;
        private final String symbol;

        Unit(double nanos, String symbol) {
            this.nanos = nanos;
            this.symbol = symbol;
        }

        static Unit of(long nanos) {
            if (nanos < 10_000) return NS;
            if (nanos < 10_000_000) return US;
            if (nanos < 10_000_000_000L) return MS;
            return S;
        }

        String format(long value) {
            if (this == NS) return value + " ns";
            return String.format(Locale.ROOT, this == S ? "%.2f %s" : "%.1f %s", value / nanos, symbol);
        }
    }
}
