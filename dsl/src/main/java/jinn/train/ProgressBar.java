package jinn.train;

import java.io.PrintStream;
import java.util.Locale;
import jinn.display.Displays;

/**
 * Keras-style progress: a bar redrawn in place on a terminal, one output updated in place in a
 * Jupyter notebook, one line per epoch elsewhere (scripts, CI logs, notebook exports), or nothing.
 *
 * <pre>
 * Epoch 1/5  469/469 [==============================] 3.1s  19354 samples/s  loss: 0.2647  acc: 0.9241
 * </pre>
 */
public final class ProgressBar {

    /** How progress is shown. */
    public enum Mode {
        /** A bar redrawn in place with a carriage return: a terminal. */
        BAR,
        /** One output shown with {@code display} and replaced as training goes: a Jupyter front end. */
        LIVE,
        /** A line per epoch: pipes, logs, exports. */
        LINES,
        /** Nothing. */
        NONE
    }

    private static final java.util.concurrent.atomic.AtomicInteger LIVE_IDS = new java.util.concurrent.atomic.AtomicInteger();

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final Mode mode;
    private final int epochs, batchesPerEpoch;
    private long epochStart, lastDraw;
    private int epoch;
    /** LIVE: the output's id, and the lines kept above the bar (epochs, notes). */
    private final String liveId;
    private final StringBuilder liveLines = new StringBuilder();
    private boolean liveShown;

    ProgressBar(PrintStream out, Mode mode, int epochs, int batchesPerEpoch) {
        this.out = out;
        this.mode = mode;
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.liveId = mode == Mode.LIVE ? "jinn-progress-" + LIVE_IDS.incrementAndGet() : null;
    }

    /**
     * The mode for this process: {@code -Djinn.progress=bar|live|lines|none}, else {@code JINN_PROGRESS},
     * else one output updated in place where the front end can (a Jupyter notebook), a bar on an
     * interactive terminal and lines otherwise.
     */
    public static Mode detect() {
        String s = System.getProperty("jinn.progress");
        if (s == null || s.isBlank()) s = System.getenv("JINN_PROGRESS");
        if (s != null && !s.isBlank()) {
            try {
                return Mode.valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("jinn.progress / JINN_PROGRESS: '" + s + "' is not one of bar, live, lines, none");
            }
        }
        if (Displays.current().updatesInPlace()) return Mode.LIVE;
        return isTerminal() ? Mode.BAR : Mode.LINES;
    }

    private static boolean isTerminal() {
        String term = System.getenv("TERM");
        if (term == null || term.equals("dumb")) return false;
        var console = System.console();
        if (console == null) return false;
        try {
            // JDK 22+ returns a Console even when redirected; isTerminal() tells the truth there.
            return (Boolean) console.getClass().getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    void startEpoch(int e) {
        epoch = e;
        epochStart = lastDraw = System.nanoTime();
    }

    void batch(int done, long samples, double loss, double acc) {
        if (mode != Mode.BAR && mode != Mode.LIVE) return;
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && done < batchesPerEpoch) return;
        lastDraw = now;
        double elapsed = (now - epochStart) / 1e9;
        double eta = done == 0 ? 0 : elapsed / done * (batchesPerEpoch - done);
        String line = head(done) + String.format(Locale.ROOT, " ETA %s  %s  ", time(eta), rate(samples, elapsed))
                + Figures.lossAndAccuracy("", loss, acc);
        if (mode == Mode.LIVE) {
            live(line.stripTrailing());
            return;
        }
        out.print("\r" + line + "\u001b[K");
        out.flush();
    }

    /** LIVE: shows the kept lines and {@code current} as the one output, first with display, then replacing it. */
    private void live(String current) {
        String text = current.isEmpty() ? liveLines.toString().stripTrailing() : liveLines + current;
        if (liveShown) {
            Displays.update(liveId, text);
        } else {
            Displays.show(text, liveId);
            liveShown = true;
        }
    }

    /**
     * Long runs print about {@value #MAX_EPOCH_LINES} epoch lines, evenly spaced, plus the first
     * and the last: 300 epochs of XOR should not push everything else off the screen. On a
     * terminal the other epochs still show, each overwriting the one before.
     */
    static final int MAX_EPOCH_LINES = 20;

    boolean keepsLine(int e) {
        int every = (epochs + MAX_EPOCH_LINES - 1) / MAX_EPOCH_LINES;
        return epochs <= MAX_EPOCH_LINES || e == 1 || e == epochs || e % every == 0;
    }

    void endEpoch(History.Epoch e) {
        if (mode == Mode.NONE) return;
        boolean keep = keepsLine(e.epoch());
        if (!keep && mode == Mode.LINES) return;
        StringBuilder sb = new StringBuilder();
        if (mode == Mode.BAR) sb.append('\r');
        sb.append(head(batchesPerEpoch)).append(' ').append(time(e.seconds())).append("  ")
                .append(String.format(Locale.ROOT, "%.0f samples/s", e.samplesPerSecond()))
                .append("  ").append(Figures.lossAndAccuracy("", e.loss(), e.accuracy()));
        if (!Double.isNaN(e.valLoss())) sb.append("  ").append(Figures.lossAndAccuracy("val_", e.valLoss(), e.valAccuracy()));
        if (mode == Mode.LIVE) {
            if (keep) liveLines.append(sb).append('\n');
            live(keep ? "" : sb.toString());
            return;
        }
        if (mode == Mode.BAR) sb.append("\u001b[K");
        if (keep) out.println(sb);
        else out.print(sb);
        out.flush();
    }

    void note(String line) {
        if (mode == Mode.NONE) return;
        if (mode == Mode.LIVE) {
            liveLines.append(line).append('\n');
            live("");
            return;
        }
        out.println(line);
        out.flush();
    }

    private String head(int done) {
        int w = String.valueOf(batchesPerEpoch).length();
        int filled = batchesPerEpoch == 0 ? WIDTH : (int) ((long) WIDTH * done / batchesPerEpoch);
        String bar = "=".repeat(Math.max(0, filled - (done < batchesPerEpoch ? 1 : 0)))
                + (done < batchesPerEpoch ? ">" : "") + ".".repeat(WIDTH - filled);
        String ew = String.valueOf(epochs);
        return String.format(Locale.ROOT, "Epoch %" + ew.length() + "d/%s  %" + w + "d/%d [%s]", epoch, ew, done, batchesPerEpoch, bar);
    }

    private static String rate(long samples, double seconds) {
        return seconds <= 0 ? "" : String.format(Locale.ROOT, "%.0f samples/s", samples / seconds);
    }

    static String time(double s) {
        if (s < 60) return String.format(Locale.ROOT, "%.1fs", s);
        return String.format(Locale.ROOT, "%dm%02ds", (long) s / 60, (long) s % 60);
    }
}
