package jinn.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * Colours and fonts of a chart. {@link #LIGHT} is the default; {@link #DARK} suits a terminal with a
 * dark background.
 *
 * <pre>{@code plot(Math::sin, 0, 6.3).theme(Theme.DARK).save("sin.png");}</pre>
 */
public enum Theme {
  /** White background, light grey grid, the familiar ten-colour palette. */
  LIGHT(Color.WHITE, new Color(0x222222), new Color(0xE6E6E6), new Color(0x888888)),
  /** Grey plot area with a white grid, like R's ggplot2. */
  GGPLOT(Color.WHITE, new Color(0x222222), Color.WHITE, new Color(0x888888)) {
    @Override Color plotBackground() { return new Color(0xEBEBEB); }
  },
  /** Near-black background for dark terminals. */
  DARK(new Color(0x1E1E1E), new Color(0xDDDDDD), new Color(0x3A3A3A), new Color(0x999999));

  // Matplotlib's tab10: readers recognise it, and its first colours stay apart for colour-blind readers.
  private static final Color[] PALETTE = {
    new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728), new Color(0x9467BD),
    new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x17BECF)
  };

  private final Color background;
  private final Color foreground;
  private final Color grid;
  private final Color muted;

  Theme(Color background, Color foreground, Color grid, Color muted) {
    this.background = background;
    this.foreground = foreground;
    this.grid = grid;
    this.muted = muted;
  }

  Color background() { return background; }
  Color plotBackground() { return background; }
  Color foreground() { return foreground; }
  Color grid() { return grid; }
  Color muted() { return muted; }

  /** The i-th series colour, cycling through the palette. */
  static Color seriesColor(int i) { return PALETTE[Math.floorMod(i, PALETTE.length)]; }

  static Font font(int style, float size) { return new Font(Font.SANS_SERIF, style, Math.round(size)); }

  /** Applies this theme to an XChart styler; fonts scale with the chart's height so small panels stay legible. */
  void apply(Styler s, int height) {
    float base = Math.max(10f, Math.min(14f, height / 40f));
    s.setChartBackgroundColor(background);
    s.setPlotBackgroundColor(plotBackground());
    s.setChartFontColor(foreground);
    s.setPlotBorderVisible(false);
    s.setChartTitleBoxVisible(false);
    s.setChartTitleFont(font(Font.BOLD, base + 3));
    s.setLegendFont(font(Font.PLAIN, base));
    s.setLegendBackgroundColor(new Color(background.getRed(), background.getGreen(), background.getBlue(), 215));
    s.setLegendBorderColor(grid);
    s.setChartPadding(12);
    s.setAntiAlias(true);
    s.setToolTipsEnabled(false);
    Color[] colors = new Color[PALETTE.length];
    for (int i = 0; i < colors.length; i++) colors[i] = seriesColor(i);
    s.setSeriesColors(colors);
    if (s instanceof AxesChartStyler a) {
      a.setAxisTitleFont(font(Font.PLAIN, base + 1));
      a.setAxisTickLabelsFont(font(Font.PLAIN, base));
      a.setAxisTickLabelsColor(foreground);
      a.setAxisTickMarksColor(muted);
      a.setPlotGridLinesColor(grid);
      a.setPlotGridLinesStroke(new BasicStroke(1f));
      a.setAxisTicksLineVisible(false);
      a.setPlotMargin(0);
      a.setXAxisTitleColor(foreground);
      a.setYAxisTitleColor(foreground);
    }
  }
}
