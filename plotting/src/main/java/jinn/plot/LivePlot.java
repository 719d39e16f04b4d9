package jinn.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import jinn.accel.DaemonThreads;
import jinn.display.Displays;
import jinn.train.Fit;

/**
 * A loss curve that redraws while a model trains. Feed it from the training loop (or let
 * {@link #attach(Fit)} do it). Redraws run on a background thread, so the training thread only copies
 * the numbers; they are spaced so that drawing takes no more than a small share (3% by default) of the
 * wall time: a 200 ms redraw is followed by at least 6.7 s without one.
 *
 * <pre>{@code
 * History h = net.fit(train, LivePlot.inline().attach(epochs(5).validation(test)));
 * // or by hand:
 * try (LivePlot live = LivePlot.inline()) { ...; live.batch(loss); ...; live.epoch(trainLoss, valLoss); }
 * }</pre>
 */
public final class LivePlot implements AutoCloseable {
  /** Receives each new version of the chart; {@code last} is true for the final one. */
  interface Sink {
    void draw(Chart chart, boolean last);
  }

  private final Sink sink;
  private final LongSupplier clock;
  private final boolean ownsTerminal;
  private final ExecutorService drawer;
  private Future<?> pending;
  private long minIntervalNanos = Duration.ofSeconds(1).toNanos();
  private double budget = 0.03;
  private volatile long nextDrawAt;
  private volatile long drawNanos;
  private volatile int redraws;
  private boolean dirty;
  private final long started;
  private String title = "training";
  private String progress = "";

  private double[] batchLoss = new double[256];
  private int batches;
  private double[] epochX = new double[16], epochLoss = new double[16], epochVal = new double[16];
  private int epochs;

  /** {@code background}: draw on a separate thread (false in tests, which drive a fake clock). */
  LivePlot(Sink sink, LongSupplier clock, boolean background, boolean ownsTerminal) {
    this.sink = sink;
    this.clock = clock;
    this.ownsTerminal = ownsTerminal;
    this.drawer = background ? Executors.newSingleThreadExecutor(DaemonThreads.factory("jinn-live-plot")) : null;
    this.started = clock.getAsLong();
    this.nextDrawAt = started + minIntervalNanos; // a first frame with one point would say nothing
    // The first chart a JVM draws loads fonts and AWT (seconds on a busy machine); do that now, off the
    // training thread, rather than inside the first frame.
    if (drawer != null) {
      pending = drawer.submit(() -> {
        try {
          Plots.plot(new double[] {1, 0}).size(64, 64).toPng();
        } catch (RuntimeException e) {
          // only a warm-up: a real frame that fails reports itself
        }
      });
    }
  }

  LivePlot(Sink sink, LongSupplier clock) { this(sink, clock, false, false); }

  /**
   * Redraws inline: in a Jupyter notebook as one output replaced in place; on a terminal over the
   * previous frame, in the format the terminal supports (see {@link TerminalKind#detect()}).
   */
  public static LivePlot inline() {
    if (Displays.current().updatesInPlace()) return new LivePlot(new DisplaySink(), System::nanoTime, true, false);
    return inline(TerminalKind.detect(), System.out);
  }

  /** Redraws inline on {@code out} for a terminal of the given kind. */
  public static LivePlot inline(TerminalKind kind, PrintStream out) {
    return new LivePlot(new TerminalSink(kind, out, System.getenv()), System::nanoTime, true, kind != TerminalKind.NONE);
  }

  /** Redraws in a window when a display exists, else inline on standard output. */
  public static LivePlot window() {
    if (!Headless.canShowWindows()) return inline();
    return new LivePlot(new WindowSink(), System::nanoTime, true, false);
  }

  /** Hands each new version of the chart to {@code consumer}, e.g. {@code c -> c.save("loss.png")}. */
  public static LivePlot to(Consumer<Chart> consumer) {
    return new LivePlot((chart, last) -> consumer.accept(chart), System::nanoTime, true, false);
  }

  /** The shortest time between two redraws (default 1 s). */
  public LivePlot every(Duration interval) {
    minIntervalNanos = interval.toNanos();
    if (redraws == 0) nextDrawAt = started + minIntervalNanos;
    return this;
  }

  /** The largest share of wall time spent redrawing, e.g. 0.03 for 3% (the default). */
  public LivePlot budget(double share) {
    if (!(share > 0 && share <= 1)) throw new IllegalArgumentException("budget: expected a share in (0, 1], received " + share);
    budget = share;
    return this;
  }

  /** The chart's title. */
  public LivePlot title(String title) { this.title = title; return this; }

  /**
   * Feeds this plot from a {@code fit}: each batch's loss and each epoch's losses; the final curve is drawn
   * after the last epoch. When the plot redraws in this terminal, the chart's title carries the progress
   * and fit's own progress bar is turned off (two things redrawing one terminal garble each other).
   * Returns the same Fit: {@code net.fit(train, live.attach(epochs(5)))}.
   */
  public Fit attach(Fit fit) {
    if (ownsTerminal) fit.quiet();
    int total = fit.epochs();
    return fit.onBatch(b -> {
      progress = String.format(Locale.ROOT, "epoch %d/%d · batch %d · loss %.4f", b.epoch(), total, b.batch(), b.loss());
      batch(b.loss());
    }).onEpoch(e -> {
      progress = String.format(Locale.ROOT, "epoch %d/%d · loss %.4f", e.epoch(), total, e.loss())
          + (Double.isNaN(e.valLoss()) ? "" : String.format(Locale.ROOT, " · validation %.4f", e.valLoss()));
      epoch(e.loss(), e.valLoss());
      if (e.epoch() >= total) close();
    });
  }

  /** One batch's training loss. */
  public synchronized void batch(double loss) {
    if (batches == batchLoss.length) batchLoss = Arrays.copyOf(batchLoss, batches * 2);
    batchLoss[batches++] = loss;
    changed();
  }

  /** An epoch's mean training loss and its validation loss (NaN when there is none). */
  public synchronized void epoch(double loss, double validationLoss) {
    if (epochs == epochX.length) {
      epochX = Arrays.copyOf(epochX, epochs * 2);
      epochLoss = Arrays.copyOf(epochLoss, epochs * 2);
      epochVal = Arrays.copyOf(epochVal, epochs * 2);
    }
    epochX[epochs] = batches > 0 ? batches : epochs + 1;
    epochLoss[epochs] = loss;
    epochVal[epochs] = validationLoss;
    epochs++;
    changed();
  }

  /** The chart as it stands now. */
  public synchronized Chart chart() {
    XYFigure fig = new XYFigure();
    boolean perBatch = batches > 0;
    if (perBatch) {
      double[] y = Arrays.copyOf(batchLoss, batches);
      int stride = Math.max(1, batches / 2000); // a redraw costs the same after 100 or 100,000 batches
      double[] xs = new double[(batches + stride - 1) / stride], ys = new double[xs.length];
      double[] smooth = Plots.movingAverage(y, Math.max(5, batches / 40));
      double[] ms = new double[xs.length];
      for (int i = 0, j = 0; i < batches; i += stride, j++) {
        xs[j] = i + 1;
        ys[j] = y[i];
        ms[j] = smooth[i];
      }
      fig.add(new Series("batch", xs, ys, Series.Style.LINE, new Color(0xA9CBE8)));
      fig.add(new Series("mean", xs, ms, Series.Style.LINE, Theme.seriesColor(0)));
    }
    if (epochs > 0) {
      double[] x = Arrays.copyOf(epochX, epochs);
      if (!perBatch) fig.add(new Series("train", x, Arrays.copyOf(epochLoss, epochs), Series.Style.LINE, Theme.seriesColor(0)));
      double[] val = Arrays.copyOf(epochVal, epochs);
      if (Arrays.stream(val).anyMatch(Double::isFinite)) {
        fig.add(new Series("validation", x, val, Series.Style.LINE, Theme.seriesColor(1)));
      }
    }
    if (fig.series.isEmpty()) fig.add(new Series(null, new double[0], new double[0], Series.Style.LINE, null));
    String heading = progress.isEmpty() ? title : title + ": " + progress;
    return Plots.xy(fig).title(heading).xLabel(perBatch ? "batch" : "epoch").yLabel("loss");
  }

  /** How many times the chart was drawn so far. */
  public int redraws() { return redraws; }

  /** Time spent drawing (on the drawing thread), as a share of the time since this plot was made. */
  public double drawShare() {
    long elapsed = clock.getAsLong() - started;
    return elapsed <= 0 ? 0 : drawNanos / (double) elapsed;
  }

  /** Waits for a redraw in progress, then draws the final curve if anything changed since. */
  @Override public synchronized void close() {
    waitForPending();
    if (dirty) {
      dirty = false;
      Chart last = chart();
      draw(last, true);
    }
    if (drawer != null) drawer.shutdown();
  }

  private void changed() {
    dirty = true;
    if (clock.getAsLong() < nextDrawAt || (pending != null && !pending.isDone())) return;
    dirty = false;
    Chart next = chart(); // copies the numbers here, so the drawing thread never sees them change
    if (drawer == null || drawer.isShutdown()) {
      draw(next, false);
    } else {
      nextDrawAt = Long.MAX_VALUE; // until the drawing thread has measured this frame
      pending = drawer.submit(() -> draw(next, false));
    }
  }

  private void draw(Chart chart, boolean last) {
    long t0 = clock.getAsLong();
    try {
      sink.draw(chart, last);
    } finally {
      long t1 = clock.getAsLong();
      long cost = t1 - t0;
      drawNanos += cost;
      redraws++;
      nextDrawAt = t1 + Math.max(minIntervalNanos, (long) (cost / budget));
    }
  }

  /** Waits until no frame is being drawn (tests). */
  synchronized void awaitIdle() { waitForPending(); }

  private void waitForPending() {
    if (pending == null) return;
    try {
      pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException("live plot: drawing failed: " + e.getCause(), e.getCause());
    }
  }

  /** Redraws over the previous frame: cursor up for text, kitty and iTerm2 (which are given a fixed height), saved cursor for sixel. */
  static final class TerminalSink implements Sink {
    static final int ROWS = 18;
    private static final int KITTY_ID = 4711;
    private final TerminalKind kind;
    private final PrintStream out;
    private final Map<String, String> env;
    private int linesUsed = -1;

    TerminalSink(TerminalKind kind, PrintStream out, Map<String, String> env) {
      this.kind = kind;
      this.out = out;
      this.env = env;
    }

    @Override public void draw(Chart chart, boolean last) {
      StringBuilder s = new StringBuilder();
      switch (kind) {
        case TEXT -> {
          if (linesUsed > 0) s.append("\r\u001b[").append(linesUsed).append("A\u001b[J");
          String text = chart.text(InlineImages.textWidth(InlineImages.columns(env)), ROWS, InlineImages.colours(env));
          s.append(text);
          linesUsed = (int) text.chars().filter(c -> c == '\n').count();
        }
        case KITTY -> {
          if (linesUsed > 0) s.append(InlineImages.kittyDelete(KITTY_ID)).append("\r\u001b[").append(linesUsed).append('A');
          s.append(InlineImages.kitty(chart.size(720, 400).toPng(), KITTY_ID, 0, ROWS));
          linesUsed = ROWS;
        }
        case ITERM -> {
          if (linesUsed > 0) s.append("\r\u001b[").append(linesUsed).append('A');
          s.append(InlineImages.iterm(chart.size(720, 400).toPng(), 0, ROWS));
          linesUsed = ROWS;
        }
        case SIXEL -> {
          s.append(linesUsed > 0 ? "\u001b8" : "\u001b7");
          s.append(InlineImages.sixel(chart.size(720, 400)));
          linesUsed = 1;
        }
        case NONE -> { }
      }
      out.print(s);
      out.flush();
    }
  }

  /** Through the front end's display: the first frame is shown, every later one replaces it in place. */
  static final class DisplaySink implements Sink {
    private static final java.util.concurrent.atomic.AtomicInteger IDS = new java.util.concurrent.atomic.AtomicInteger();
    private final String id = "jinn-live-plot-" + IDS.incrementAndGet();
    private boolean shown;

    @Override public void draw(Chart chart, boolean last) {
      if (shown) {
        Displays.update(id, chart);
      } else {
        Displays.show(chart, id);
        shown = true;
      }
    }
  }

  /** One window; each frame is rendered off the Swing thread at the window's size, then shown. */
  static final class WindowSink implements Sink {
    private ChartWindow window;

    @Override public void draw(Chart chart, boolean last) {
      if (window == null) {
        window = ChartWindow.open(chart);
      } else {
        BufferedImage frame = chart.size(Math.max(50, window.width()), Math.max(50, window.height())).toImage();
        window.show(frame);
      }
    }
  }
}
