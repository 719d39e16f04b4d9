package jinn.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A line/scatter chart drawn with characters, for terminals without graphics and for logs.
 *
 * <p>With colours, or with a single series, curves are drawn in braille (2x4 dots per character). Without
 * colours, several braille curves would be indistinguishable, so each series gets its own ASCII glyph at
 * one point per character instead, and the legend names the glyphs.
 */
final class TextPlot {
  static final String GLYPHS = "*+xo#@%&=~";
  /** Shades for the decision regions of classes 0, 1, 2, ...: light enough that point glyphs stay legible. */
  static final String REGIONS = " ░▒-:";
  private static final int[][] BRAILLE_BIT = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};

  private final List<Series> series;
  private final Bounds b;
  private final ClassField field;
  private final Options o;

  TextPlot(List<Series> series, Bounds b, ClassField field, Options o) {
    this.series = series;
    this.b = b;
    this.field = field;
    this.o = o;
  }

  /** Each series' colour as the image draws it: its own, or the next palette colour. */
  private String[] colours() {
    String[] out = new String[series.size()];
    int next = 0;
    for (int i = 0; i < out.length; i++) {
      Color c = series.get(i).color();
      out[i] = Ansi.colour(c != null ? c : Theme.seriesColor(next++));
    }
    return out;
  }

  String render(int cols, int rows, boolean ansi) {
    String[] colour = colours();
    boolean braille = field == null && (ansi || series.size() <= 1);
    int sx = braille ? 2 : 1, sy = braille ? 4 : 1;

    List<Double> yTicks = o.logY ? Ticks.log(b.ylo(), b.yhi()) : Ticks.linear(b.ylo(), b.yhi(), Math.max(3, rows / 3));
    double yStep = yTicks.size() > 1 ? Math.abs(yTicks.get(1) - yTicks.get(0)) : Math.abs(b.yhi() - b.ylo());
    int labelWidth = 1;
    for (double t : yTicks) labelWidth = Math.max(labelWidth, Ticks.label(t, yStep).length());
    int w = Math.max(10, cols - labelWidth - 2);
    int h = Math.max(3, rows);
    int dotsW = w * sx, dotsH = h * sy;

    int[][] bits = new int[h][w];
    int[][] owner = new int[h][w];
    int[][][] votes = new int[series.size()][h][w];
    for (int[] row : owner) Arrays.fill(row, -1);
    for (int si = 0; si < series.size(); si++) {
      Series s = series.get(si);
      int[][] v = votes[si];
      int px = Integer.MIN_VALUE, py = 0;
      for (int i = 0; i < s.x().length; i++) {
        double fx = b.fx(s.x()[i]), fy = b.fy(s.y()[i], o.logY);
        if (!Double.isFinite(fx) || !Double.isFinite(fy)) { px = Integer.MIN_VALUE; continue; }
        int dx = (int) Math.round(clamp(fx) * (dotsW - 1));
        int dy = (int) Math.round((1 - clamp(fy)) * (dotsH - 1));
        boolean outside = fx < -1e-9 || fx > 1 + 1e-9 || fy < -1e-9 || fy > 1 + 1e-9;
        switch (s.style()) {
          case SCATTER -> { if (!outside) dot(bits, v, dx, dy, sx, sy); }
          case AREA -> { // filled down to y = 0 (or the bottom edge, when 0 is below the range)
            if (px != Integer.MIN_VALUE) line(bits, v, px, py, dx, dy, sx, sy);
            double f0 = b.fy(0, false);
            int base = o.logY || f0 < 0 ? dotsH - 1 : (int) Math.round((1 - Math.min(1, f0)) * (dotsH - 1));
            for (int y = Math.min(dy, base); y <= Math.max(dy, base); y++) dot(bits, v, dx, y, sx, sy);
          }
          default -> {
            if (px != Integer.MIN_VALUE) line(bits, v, px, py, dx, dy, sx, sy);
            else dot(bits, v, dx, dy, sx, sy);
          }
        }
        px = dx; py = dy;
      }
    }
    // Where several series pass through one character, they take turns along the diagonal: a curve
    // that runs on top of another (tanh and 2·sigmoid(2x) − 1, relu and step left of 0) still shows
    // its glyph every other character instead of disappearing under the one drawn last.
    int[] here = new int[series.size()];
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        int n = 0;
        for (int si = 0; si < series.size(); si++) if (votes[si][r][c] > 0) here[n++] = si;
        if (n > 0) owner[r][c] = here[(r + c) % n];
      }
    }

    int[] yTickRow = new int[yTicks.size()];
    for (int i = 0; i < yTicks.size(); i++) {
      yTickRow[i] = (int) Math.round((1 - b.fy(yTicks.get(i), o.logY)) * (dotsH - 1)) / sy;
    }
    int[] region = field == null ? null : field.sample(b, w, h).classes(); // one class per character cell
    StringBuilder out = new StringBuilder();
    if (o.title != null && !o.title.isBlank()) out.append(center(o.title, labelWidth + 2 + w)).append('\n');
    if (o.yLabel != null && !o.yLabel.isBlank()) out.append(o.yLabel).append('\n');
    for (int r = 0; r < h; r++) {
      String label = "";
      for (int i = 0; i < yTicks.size(); i++) if (yTickRow[i] == r) label = Ticks.label(yTicks.get(i), yStep);
      out.append(" ".repeat(labelWidth - label.length())).append(label).append(' ');
      out.append(label.isEmpty() ? '│' : '┤');
      String current = null;
      for (int c = 0; c < w; c++) {
        char ch;
        int who = owner[r][c];
        if (who >= 0) {
          ch = braille ? (char) (0x2800 + bits[r][c]) : GLYPHS.charAt(who % GLYPHS.length());
        } else if (field != null) {
          ch = REGIONS.charAt(Math.floorMod(region[r * w + c], REGIONS.length()));
        } else {
          ch = ' ';
        }
        String want = ansi && who >= 0 ? colour[who] : null;
        if (ansi && !Objects.equals(want, current)) {
          out.append(want == null ? Ansi.RESET : want);
          current = want;
        }
        out.append(ch);
      }
      if (ansi && current != null) out.append(Ansi.RESET);
      out.append('\n');
    }

    List<Double> xTicks = Ticks.linear(b.xlo(), b.xhi(), Math.max(2, w / 12));
    if (integerX() && xTicks.size() > 1 && xTicks.get(1) - xTicks.get(0) < 1) { // epochs: no tick at 2.5
      xTicks = Ticks.linear(b.xlo(), b.xhi(), (int) Math.max(1, Math.floor(b.xhi() - b.xlo())));
    }
    double xStep = xTicks.size() > 1 ? xTicks.get(1) - xTicks.get(0) : b.xhi() - b.xlo();
    char[] axis = ("└" + "─".repeat(w)).toCharArray();
    char[] labels = " ".repeat(w + 12).toCharArray();
    int lastEnd = -2;
    for (double t : xTicks) {
      int col = (int) Math.round(b.fx(t) * (dotsW - 1)) / sx;
      axis[1 + col] = '┬';
      String s = Ticks.label(t, xStep);
      int start = Math.max(0, col + 1 - s.length() / 2);
      if (start > lastEnd + 1 && start + s.length() <= labels.length) {
        s.getChars(0, s.length(), labels, start);
        lastEnd = start + s.length() - 1;
      }
    }
    String pad = " ".repeat(labelWidth + 1);
    out.append(pad).append(axis).append('\n');
    out.append(pad).append(new String(labels).stripTrailing()).append('\n');
    if (o.xLabel != null && !o.xLabel.isBlank()) out.append(pad).append(center(o.xLabel, w + 1).stripTrailing()).append('\n');
    String legend = legend(braille, ansi, region, colour);
    if (!legend.isEmpty()) out.append(pad).append(legend).append('\n');
    return out.toString();
  }

  private String legend(boolean braille, boolean ansi, int[] region, String[] colour) {
    if (!o.legend) return "";
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < series.size(); i++) {
      String name = series.get(i).name();
      if (name == null) continue;
      String mark = braille ? (series.get(i).style() == Series.Style.SCATTER ? "⠶" : "──")
          : String.valueOf(GLYPHS.charAt(i % GLYPHS.length()));
      parts.add(ansi ? colour[i] + mark + Ansi.RESET + " " + name : mark + " " + name);
    }
    if (region != null) {
      Arrays.stream(region).distinct().sorted().forEach(k -> {
        char shade = REGIONS.charAt(Math.floorMod(k, REGIONS.length()));
        if (shade != ' ') parts.add(shade + " predicted " + k);
      });
    }
    return String.join("   ", parts);
  }

  private boolean integerX() {
    for (Series s : series) for (double x : s.x()) if (x != Math.rint(x)) return false;
    return !series.isEmpty();
  }

  private static double clamp(double f) { return Math.max(-0.0, Math.min(1.0, f)); }

  private static void dot(int[][] bits, int[][] votes, int dx, int dy, int sx, int sy) {
    int r = dy / sy, c = dx / sx;
    if (r < 0 || c < 0 || r >= bits.length || c >= bits[0].length) return;
    bits[r][c] |= sx == 2 ? BRAILLE_BIT[dy % 4][dx % 2] : 1;
    votes[r][c]++;
  }

  private static void line(int[][] bits, int[][] votes, int x0, int y0, int x1, int y1, int sx, int sy) {
    int dx = Math.abs(x1 - x0), dy = -Math.abs(y1 - y0);
    int stepX = x0 < x1 ? 1 : -1, stepY = y0 < y1 ? 1 : -1;
    int err = dx + dy;
    while (true) {
      dot(bits, votes, x0, y0, sx, sy);
      if (x0 == x1 && y0 == y1) return;
      int e2 = 2 * err;
      if (e2 >= dy) { err += dy; x0 += stepX; }
      if (e2 <= dx) { err += dx; y0 += stepY; }
    }
  }

  static String center(String s, int width) {
    int pad = Math.max(0, (width - s.length()) / 2);
    return " ".repeat(pad) + s;
  }
}
