package jinn.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Lines, scatters and filled areas on numeric axes; optionally over a classifier's decision regions. */
final class XYFigure implements Figure {
  final List<Series> series = new ArrayList<>();
  ClassField field;

  XYFigure add(Series s) { series.add(s); return this; }

  @Override public void paint(Graphics2D g, int width, int height, Options o) {
    if (field == null) {
      build(width, height, o, false).paint(g, width, height);
      return;
    }
    // XChart cannot draw an image under its series, so: lay the chart out once to learn where the data
    // rectangle lands, paint the field there, then paint the chart again with see-through backgrounds.
    XYChart layout = build(width, height, o, false);
    BufferedImage scratch = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D sg = scratch.createGraphics();
    layout.paint(sg, width, height);
    sg.dispose();
    Bounds b = Bounds.of(series, o);
    int x0 = (int) Math.round(layout.getScreenXFromChart(b.xlo()));
    int x1 = (int) Math.round(layout.getScreenXFromChart(b.xhi()));
    int y0 = (int) Math.round(layout.getScreenYFromChart(b.yhi()));
    int y1 = (int) Math.round(layout.getScreenYFromChart(b.ylo()));
    g.setColor(o.theme.background());
    g.fillRect(0, 0, width, height);
    BufferedImage shade = field.image(b, Math.max(1, x1 - x0), Math.max(1, y1 - y0), o.theme);
    g.drawImage(shade, x0, y0, null);
    build(width, height, o, true).paint(g, width, height);
  }

  XYChart build(int width, int height, Options o, boolean seeThrough) {
    XYChart c = new XYChart(width, height);
    XYStyler s = c.getStyler();
    o.theme.apply(s, height);
    Bounds b = Bounds.of(series, o);
    if (field != null) s.setPlotContentSize(1.0);
    if (seeThrough) {
      s.setChartBackgroundColor(new Color(0, 0, 0, 0));
      s.setPlotBackgroundColor(new Color(0, 0, 0, 0));
      s.setPlotGridLinesVisible(false);
    }
    c.setTitle(o.title == null ? "" : o.title);
    s.setChartTitleVisible(o.title != null && !o.title.isBlank());
    c.setXAxisTitle(o.xLabel == null ? "" : o.xLabel);
    c.setYAxisTitle(o.yLabel == null ? "" : o.yLabel);
    s.setXAxisTitleVisible(o.xLabel != null && !o.xLabel.isBlank());
    s.setYAxisTitleVisible(o.yLabel != null && !o.yLabel.isBlank());
    s.setXAxisMin(b.xlo()); s.setXAxisMax(b.xhi());
    s.setYAxisMin(b.ylo()); s.setYAxisMax(b.yhi());
    s.setYAxisLogarithmic(o.logY);
    if (!o.logY && Double.isFinite(b.ylo()) && Double.isFinite(b.yhi())) {
      s.setYAxisDecimalPattern(Ticks.decimalPattern(b.ylo(), b.yhi(), height));
    }
    if (!series.isEmpty() && series.stream().allMatch(ser -> Ticks.whole(ser.x()))) {
      // epochs and counts: XChart may still put a tick at 1.5; it gets no label rather than a wrong one
      s.setxAxisTickLabelsFormattingFunction(v -> Math.abs(v - Math.rint(v)) < 1e-9 ? String.valueOf(Math.round(v)) : "");
    }
    s.setMarkerSize(7);
    boolean anyNamed = series.stream().anyMatch(x -> x.name() != null);
    s.setLegendVisible(o.legend && anyNamed);
    s.setLegendPosition(quietestCorner(b, o));
    Set<String> used = new HashSet<>();
    int next = 0;
    boolean spacingBroken = false;
    int[] covering = o.logY ? new int[series.size()] : covering(series, width / (b.xhi() - b.xlo()), height / (b.yhi() - b.ylo()));
    int index = -1;
    for (Series ser : series) {
      index++;
      if (ser.x().length == 0) continue; // XChart refuses empty series; an empty one draws nothing anyway
      String name = ser.name() == null ? " " : ser.name();
      while (!used.add(name)) name = name + " "; // XChart keys series by name
      double[] x = ser.x(), y = ser.y();
      if ((ser.style() == Series.Style.LINE || ser.style() == Series.Style.DASHED) && x.length > 50 && !o.logY
          && Arrays.stream(y).allMatch(Double::isFinite)) {
        int[] kept = Simplify.keep(x, y, width / (b.xhi() - b.xlo()), height / (b.yhi() - b.ylo()), 0.2);
        x = Simplify.pick(x, kept);
        y = Simplify.pick(y, kept);
      }
      if (!spacingBroken && x.length >= 3 && ser.style() != Series.Style.SCATTER) {
        // XChart puts ticks only on data x values when those are equally spaced (939 batches get ticks
        // 1, 38, 75, ...). One extra point a thousandth of a step after the first, on the line, breaks the
        // pattern invisibly, so XChart picks round ticks.
        x = insertAfterFirst(x, x[0] + (x[1] - x[0]) * 1e-3);
        y = insertAfterFirst(y, y[0] + (y[1] - y[0]) * 1e-3);
        spacingBroken = true;
      }
      XYSeries xs = c.addSeries(name, x, y);
      Color color = ser.color() != null ? ser.color() : Theme.seriesColor(next++);
      if (field != null && ser.style() == Series.Style.SCATTER) {
        // points sit on a tint of their own hue: push them away from the background so they stand out
        boolean dark = o.theme.background().getRed() < 128;
        color = ClassField.blend(color, dark ? Color.WHITE : Color.BLACK, dark ? 0.3 : 0.15);
      }
      xs.setShowInLegend(ser.name() != null);
      switch (ser.style()) {
        case LINE, DASHED -> {
          xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
          // a handful of epochs: mark the measured points, so nobody reads the straight joins as data
          xs.setMarker(ser.x().length <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
          xs.setMarkerColor(color);
          xs.setLineColor(color);
          xs.setLineStyle(ser.style() == Series.Style.DASHED ? DASHES[0]
              : covering[index] > 0 ? DASHES[(covering[index] - 1) % DASHES.length]
              : new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        case SCATTER -> {
          xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
          xs.setMarker(SeriesMarkers.CIRCLE);
          xs.setMarkerColor(color);
        }
        case AREA -> {
          xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
          xs.setMarker(SeriesMarkers.NONE);
          xs.setLineColor(color);
          xs.setLineStyle(new BasicStroke(1.5f));
          xs.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 110));
        }
      }
    }
    if (c.getSeriesMap().isEmpty()) { // no data at all: an empty frame rather than an exception
      XYSeries none = c.addSeries(" ", new double[] {b.xlo(), b.xhi()}, new double[] {b.ylo(), b.yhi()});
      none.setMarker(SeriesMarkers.NONE);
      none.setLineColor(new Color(0, 0, 0, 0));
      none.setShowInLegend(false);
    }
    return c;
  }

  /**
   * Dash patterns for a line drawn over another: the one beneath shows through the gaps. A second
   * covering line gets shorter dashes, so that three coinciding lines stay three.
   */
  static final BasicStroke[] DASHES = {
      new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f),
      new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {3f, 6f}, 0f),
      new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {10f, 4f, 2f, 4f}, 0f)};

  /** Share of a line's points within this many pixels of an earlier line that counts as covering it. */
  static final double COVERED_SHARE = 0.1;
  static final double COVERED_PIXELS = 2.5;

  /**
   * For each series, 0 when it can be drawn solid, or k when it would cover an earlier line (ReLU under
   * leaky ReLU for x > 0, tanh and a rescaled sigmoid everywhere): it is then the k-th covering line
   * and is drawn with {@code DASHES[k - 1]}, so the lines beneath stay visible, as text charts keep them.
   */
  static int[] covering(List<Series> series, double pxPerX, double pxPerY) {
    int[] out = new int[series.size()];
    int count = 0;
    for (int i = 1; i < series.size(); i++) {
      Series later = series.get(i);
      if (later.style() != Series.Style.LINE) continue;
      for (int j = 0; j < i; j++) {
        Series earlier = series.get(j);
        if ((earlier.style() == Series.Style.LINE || earlier.style() == Series.Style.DASHED)
            && coveredShare(earlier, later, pxPerX, pxPerY) >= COVERED_SHARE) {
          out[i] = ++count;
          break;
        }
      }
    }
    return out;
  }

  /** The share of {@code later}'s points that lie within {@link #COVERED_PIXELS} of {@code earlier}'s line. */
  private static double coveredShare(Series earlier, Series later, double pxPerX, double pxPerY) {
    double[] ex = earlier.x(), ey = earlier.y();
    if (ex.length < 2 || later.x().length == 0 || !Double.isFinite(pxPerX) || !Double.isFinite(pxPerY)) return 0;
    for (int k = 1; k < ex.length; k++) if (!(ex[k] >= ex[k - 1])) return 0; // not a function of x: no line to cover
    int near = 0;
    for (int k = 0; k < later.x().length; k++) {
      double x = later.x()[k], y = later.y()[k];
      int at = Arrays.binarySearch(ex, x);
      double yOther;
      if (at >= 0) {
        yOther = ey[at];
      } else {
        int hi = -at - 1;
        if (hi == 0 || hi == ex.length) continue; // outside the earlier line's x range
        double t = (x - ex[hi - 1]) / (ex[hi] - ex[hi - 1]);
        yOther = ey[hi - 1] + t * (ey[hi] - ey[hi - 1]);
      }
      if (Double.isFinite(y) && Double.isFinite(yOther) && Math.abs(y - yOther) * pxPerY <= COVERED_PIXELS) near++;
    }
    return (double) near / later.x().length;
  }

  private static double[] insertAfterFirst(double[] v, double value) {
    double[] out = new double[v.length + 1];
    out[0] = v[0];
    out[1] = value;
    System.arraycopy(v, 1, out, 2, v.length - 1);
    return out;
  }

  /** The inside corner with the fewest data points, so the legend hides as little as possible. */
  LegendPosition quietestCorner(Bounds b, Options o) {
    LegendPosition[] corners = {LegendPosition.InsideNE, LegendPosition.InsideNW,
        LegendPosition.InsideSE, LegendPosition.InsideSW};
    int[] counts = new int[4];
    for (Series s : series) {
      int step = Math.max(1, s.x().length / 400);
      for (int i = 0; i < s.x().length; i += step) {
        double fx = b.fx(s.x()[i]), fy = b.fy(s.y()[i], o.logY);
        if (!Double.isFinite(fx) || !Double.isFinite(fy)) continue;
        boolean right = fx > 0.62, left = fx < 0.38, top = fy > 0.6, bottom = fy < 0.4;
        if (top && right) counts[0]++;
        if (top && left) counts[1]++;
        if (bottom && right) counts[2]++;
        if (bottom && left) counts[3]++;
      }
    }
    int best = 0;
    for (int i = 1; i < 4; i++) if (counts[i] < counts[best]) best = i;
    return corners[best];
  }

  @Override public String text(int cols, int rows, boolean ansi, Options o) {
    return new TextPlot(series, Bounds.of(series, o), field, o).render(cols, rows, ansi);
  }

  @Override public String describe() {
    return series.size() + " series" + (field != null ? " over decision regions" : "");
  }

  static void smooth(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
  }
}
