package jinn.plot;

import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler.LegendPosition;

/** Bars for named categories; several value rows become grouped bars. */
final class BarFigure implements Figure {
  private final List<String> categories;
  private final List<String> names;
  private final List<double[]> values;

  BarFigure(String[] categories, List<String> names, List<double[]> values) {
    if (categories.length == 0) throw new IllegalArgumentException("bar chart: expected at least one category, received none");
    this.categories = List.of(categories);
    this.names = names;
    this.values = values;
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).length != categories.length) {
        throw new IllegalArgumentException("bar chart '" + names.get(i) + "': expected " + categories.length
            + " values (one per category), received " + values.get(i).length);
      }
    }
  }

  @Override public void paint(Graphics2D g, int width, int height, Options o) {
    CategoryChart c = new CategoryChart(width, height);
    CategoryStyler s = c.getStyler();
    o.theme.apply(s, height);
    c.setTitle(o.title == null ? "" : o.title);
    s.setChartTitleVisible(o.title != null && !o.title.isBlank());
    c.setXAxisTitle(o.xLabel == null ? "" : o.xLabel);
    c.setYAxisTitle(o.yLabel == null ? "" : o.yLabel);
    s.setXAxisTitleVisible(o.xLabel != null && !o.xLabel.isBlank());
    s.setYAxisTitleVisible(o.yLabel != null && !o.yLabel.isBlank());
    s.setLegendVisible(o.legend && values.size() > 1);
    s.setLegendPosition(LegendPosition.InsideNE);
    s.setPlotGridVerticalLinesVisible(false);
    s.setLabelsVisible(categories.size() * values.size() <= 24);
    s.setLabelsFont(Theme.font(java.awt.Font.PLAIN, 11));
    s.setLabelsPosition(0.93);
    s.setLabelsFontColorAutomaticEnabled(true);
    s.setAvailableSpaceFill(values.size() > 1 ? 0.8 : 0.6);
    // bar labels: counts as 27 (not 27.00), probabilities with two decimals (1.00, not a clipped 0.9954104)
    s.setDecimalPattern(allWhole() ? "#,##0" : "0.00");
    double top = values.stream().flatMapToDouble(Arrays::stream).max().orElse(1);
    double bottom = Math.min(0, values.stream().flatMapToDouble(Arrays::stream).min().orElse(0));
    s.setYAxisDecimalPattern(o.yMin != null ? Ticks.decimalPattern(o.yMin, o.yMax, height)
        : Ticks.decimalPattern(bottom, Math.max(top, bottom + 1e-9), height));
    if (o.yMin != null) { s.setYAxisMin(o.yMin); s.setYAxisMax(o.yMax); }
    if (categories.size() > 12) s.setXAxisLabelRotation(45);
    for (int i = 0; i < values.size(); i++) {
      List<Double> v = new ArrayList<>();
      for (double d : values.get(i)) v.add(d);
      CategorySeries cs = c.addSeries(names.get(i), categories, v);
      cs.setFillColor(Theme.seriesColor(i));
    }
    c.paint(g, width, height);
  }

  @Override public String text(int cols, int rows, boolean ansi, Options o) {
    StringBuilder out = new StringBuilder();
    if (o.title != null) out.append(o.title).append('\n');
    int labelWidth = categories.stream().mapToInt(String::length).max().orElse(1);
    double max = values.stream().flatMapToDouble(Arrays::stream).map(Math::abs).max().orElse(1);
    int barWidth = Math.max(10, cols - labelWidth - 14);
    boolean whole = allWhole();
    for (int c = 0; c < categories.size(); c++) {
      for (int i = 0; i < values.size(); i++) {
        String label = i == 0 ? categories.get(c) : "";
        double v = values.get(i)[c];
        double cells = max == 0 ? 0 : Math.abs(v) / max * barWidth;
        int full = (int) cells;
        String bar = "█".repeat(full) + ((cells - full) >= 0.5 ? "▌" : "");
        out.append(" ".repeat(labelWidth - label.length())).append(label).append(" │");
        out.append(ansi ? Ansi.colour(i) + bar + Ansi.RESET : bar);
        out.append(' ').append(Ticks.label(v, whole || Math.abs(v) >= 100 ? 1 : 0.01)).append('\n');
      }
    }
    if (values.size() > 1 && o.legend) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) parts.add((ansi ? Ansi.colour(i) + "█" + Ansi.RESET : "row " + (i + 1)) + " " + names.get(i));
      out.append(" ".repeat(labelWidth + 2)).append(String.join("   ", parts)).append('\n');
    }
    return out.toString();
  }

  private boolean allWhole() {
    return values.stream().allMatch(Ticks::whole);
  }

  @Override public String describe() { return categories.size() + " bars" + (values.size() > 1 ? " x " + values.size() : ""); }
}
