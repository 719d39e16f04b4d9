package jinn.plot;

import java.awt.Color;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import jinn.train.Fit;

/**
 * A loss curve that redraws while a model trains. Feed it from the training loop; it redraws at most
 * once per interval and, more importantly, spaces redraws so that drawing takes no more than a small
 * share (3% by default) of the training's wall time: a 200 ms redraw is followed by at least 6.7 s of
 * training.
 *
 * <pre>{@code
 * try (LivePlot live = LivePlot.inline()) {         // or LivePlot.window()
 *   for (...) { ...; live.batch(loss); }
 *   live.epoch(trainLoss, validationLoss);
 * }                                                  // close() draws the final curve
 * }</pre>
 */
public final class LivePlot implements AutoCloseable {
  /** Receives each new version of the chart; {@code last} is true for the final one. */
  interface Sink {
    void draw(Chart chart, boolean last);
  }

  private final Sink sink;
  private final LongSupplier clock;
  private long minIntervalNanos = Duration.ofSeconds(1).toNanos();
  private double budget = 0.03;
  private long nextDrawAt;
  private long drawNanos;
  private int redraws;
  private boolean dirty;
  private final long started;
  private String title = "training";

  private double[] batchLoss = new double[256];
  private int batches;
  private double[] epochX = new double[16], epochLoss = new double[16], epochVal = new double[16];
  private int epochs;

  LivePlot(Sink sink, LongSupplier clock) {
    this.sink = sink;
    this.clock = clock;
    this.started = clock.getAsLong();
    this.nextDrawAt = started + minIntervalNanos; // a first frame with one point would say nothing
  }

  /** Redraws inline on standard output, in the format the terminal supports (see {@link TerminalKind#detect()}). */
  public static LivePlot inline() { return inline(TerminalKind.detect(), System.out); }

  /** Redraws inline on {@code out} for a terminal of the given kind. */
  public static LivePlot inline(TerminalKind kind, PrintStream out) {
    return new LivePlot(new TerminalSink(kind, out, System.getenv()), System::nanoTime);
  }

  /** Redraws in a window when a display exists, else inline on standard output. */
  public static LivePlot window() {
    if (!Headless.canShowWindows()) return inline();
    return new LivePlot(new WindowSink(), System::nanoTime);
  }

  /** Hands each new version of the chart to {@code consumer}, e.g. {@code c -> c.save("loss.png")}. */
  public static LivePlot to(Consumer<Chart> consumer) {
    return new LivePlot((chart, last) -> consumer.accept(chart), System::nanoTime);
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
   * Feeds this plot from a {@code fit}: each batch's loss and each epoch's losses; the final curve is
   * drawn after the last epoch. Returns the same Fit: {@code net.fit(train, live.attach(epochs(5)))}.
   */
  public Fit attach(Fit fit) {
    return fit.onBatch(b -> batch(b.loss())).onEpoch(e -> {
      epoch(e.loss(), e.valLoss());
      if (e.epoch() >= fit.epochs()) close();
    });
  }

  /** One batch's training loss. */
  public void batch(double loss) {
    if (batches == batchLoss.length) batchLoss = Arrays.copyOf(batchLoss, batches * 2);
    batchLoss[batches++] = loss;
    changed();
  }

  /** An epoch's mean training loss and its validation loss (NaN when there is none). */
  public void epoch(double loss, double validationLoss) {
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
  public Chart chart() {
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
    return Plots.xy(fig).title(title).xLabel(perBatch ? "batch" : "epoch").yLabel("loss");
  }

  /** How many times the chart was drawn so far. */
  public int redraws() { return redraws; }

  /** Wall time spent drawing, as a share of the time since this plot was made. */
  public double drawShare() {
    long elapsed = clock.getAsLong() - started;
    return elapsed <= 0 ? 0 : drawNanos / (double) elapsed;
  }

  /** Draws the final curve if anything changed since the last redraw. */
  @Override public void close() {
    if (dirty) draw(true);
  }

  private void changed() {
    dirty = true;
    if (clock.getAsLong() >= nextDrawAt) draw(false);
  }

  private void draw(boolean last) {
    long t0 = clock.getAsLong();
    sink.draw(chart(), last);
    long t1 = clock.getAsLong();
    long cost = t1 - t0;
    drawNanos += cost;
    redraws++;
    dirty = false;
    nextDrawAt = t1 + Math.max(minIntervalNanos, (long) (cost / budget));
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
          String text = chart.text(InlineImages.columns(env), ROWS, InlineImages.colours(env));
          s.append(text);
          linesUsed = (int) text.chars().filter(c -> c == '\n').count();
        }
        case KITTY -> {
          if (linesUsed > 0) s.append(InlineImages.kittyDelete(KITTY_ID)).append("\r\u001b[").append(linesUsed).append('A');
          s.append(InlineImages.kitty(chart.toPng(), KITTY_ID, 0, ROWS));
          linesUsed = ROWS;
        }
        case ITERM -> {
          if (linesUsed > 0) s.append("\r\u001b[").append(linesUsed).append('A');
          s.append(InlineImages.iterm(chart.toPng(), 0, ROWS));
          linesUsed = ROWS;
        }
        case SIXEL -> {
          s.append(linesUsed > 0 ? "\u001b8" : "\u001b7");
          s.append(InlineImages.sixel(chart));
          linesUsed = 1;
        }
        case NONE -> { }
      }
      out.print(s);
      out.flush();
    }
  }

  /** One window, repainted with each new version. */
  static final class WindowSink implements Sink {
    private ChartWindow window;

    @Override public void draw(Chart chart, boolean last) {
      if (window == null) window = ChartWindow.open(chart);
      else window.update(chart);
    }
  }
}
