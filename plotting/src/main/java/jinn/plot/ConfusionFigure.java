package jinn.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;

/**
 * A confusion matrix as a heatmap: rows are true classes, columns predicted ones; each cell shows its
 * count and is shaded by the share of its row, so a weak class stands out however rare it is.
 */
final class ConfusionFigure implements Figure {
  private final int[][] counts;
  private final String[] names;

  ConfusionFigure(int[][] counts, String[] names) {
    int n = counts.length;
    for (int r = 0; r < n; r++) {
      if (counts[r].length != n) {
        throw new IllegalArgumentException("confusion matrix: expected " + n + " x " + n + " counts, received row " + r
            + " with " + counts[r].length + " columns");
      }
    }
    if (names != null && names.length != n) {
      throw new IllegalArgumentException("confusion matrix: expected " + n + " class names, received " + names.length);
    }
    this.counts = counts;
    this.names = names;
  }

  private String name(int i) { return names == null ? String.valueOf(i) : names[i]; }

  @Override public void paint(Graphics2D g, int width, int height, Options o) {
    Theme t = o.theme;
    int n = counts.length;
    int top = 12;
    if (o.title != null && !o.title.isBlank()) {
      g.setFont(Theme.font(Font.BOLD, Math.max(13, Math.min(18, height / 30f))));
      FontMetrics fm = g.getFontMetrics();
      g.setColor(t.foreground());
      g.drawString(o.title, (width - fm.stringWidth(o.title)) / 2, 8 + fm.getAscent());
      top = fm.getHeight() + 16;
    }
    Font label = Theme.font(Font.PLAIN, Math.max(10, Math.min(14, height / 40f)));
    g.setFont(label);
    FontMetrics lm = g.getFontMetrics();
    int nameWidth = 0;
    for (int i = 0; i < n; i++) nameWidth = Math.max(nameWidth, lm.stringWidth(name(i)));
    int left = lm.getHeight() + 10 + nameWidth + 8;
    int bottom = lm.getHeight() * 2 + 16;
    int side = Math.max(n, Math.min(width - left - 16, height - top - bottom));
    int cell = side / n;
    side = cell * n;
    int x0 = left + (width - left - 16 - side) / 2, y0 = top;
    Font value = Theme.font(Font.PLAIN, Math.max(8, Math.min(16, cell / 3.2f)));
    for (int r = 0; r < n; r++) {
      long rowSum = 0;
      for (int c = 0; c < n; c++) rowSum += counts[r][c];
      for (int c = 0; c < n; c++) {
        double share = rowSum == 0 ? 0 : counts[r][c] / (double) rowSum;
        Color fill = ClassField.blend(t.plotBackground(), r == c ? new Color(0x1F77B4) : new Color(0xD62728),
            Math.sqrt(share)); // sqrt: a 2% confusion is still visible next to a 98% diagonal
        g.setColor(fill);
        g.fillRect(x0 + c * cell, y0 + r * cell, cell, cell);
        g.setColor(t.grid());
        g.drawRect(x0 + c * cell, y0 + r * cell, cell, cell);
        if (counts[r][c] != 0 && cell >= 14) {
          g.setFont(value);
          FontMetrics vm = g.getFontMetrics();
          String s = String.valueOf(counts[r][c]);
          double lum = 0.299 * fill.getRed() + 0.587 * fill.getGreen() + 0.114 * fill.getBlue();
          g.setColor(lum < 140 ? Color.WHITE : t.foreground());
          if (vm.stringWidth(s) <= cell - 2) {
            g.drawString(s, x0 + c * cell + (cell - vm.stringWidth(s)) / 2,
                y0 + r * cell + (cell - vm.getHeight()) / 2 + vm.getAscent());
          }
        }
      }
    }
    g.setFont(label);
    g.setColor(t.foreground());
    for (int i = 0; i < n; i++) {
      String s = name(i);
      g.drawString(s, x0 - 8 - lm.stringWidth(s), y0 + i * cell + (cell - lm.getHeight()) / 2 + lm.getAscent());
      g.drawString(s, x0 + i * cell + (cell - lm.stringWidth(s)) / 2, y0 + side + 6 + lm.getAscent());
    }
    String xl = o.xLabel == null ? "predicted" : o.xLabel;
    String yl = o.yLabel == null ? "true" : o.yLabel;
    g.drawString(xl, x0 + (side - lm.stringWidth(xl)) / 2, y0 + side + 10 + lm.getHeight() + lm.getAscent());
    AffineTransform saved = g.getTransform();
    g.rotate(-Math.PI / 2);
    g.drawString(yl, -(y0 + (side + lm.stringWidth(yl)) / 2), x0 - 16 - nameWidth);
    g.setTransform(saved);
  }

  @Override public String text(int cols, int rows, boolean ansi, Options o) {
    int n = counts.length;
    int cw = 1;
    for (int[] row : counts) for (int v : row) cw = Math.max(cw, String.valueOf(v).length());
    for (int i = 0; i < n; i++) cw = Math.max(cw, name(i).length());
    int nw = 4;
    for (int i = 0; i < n; i++) nw = Math.max(nw, name(i).length());
    StringBuilder out = new StringBuilder();
    if (o.title != null && !o.title.isBlank()) out.append(o.title).append('\n');
    out.append(" ".repeat(nw + 3)).append(o.xLabel == null ? "predicted" : o.xLabel).append(" →\n");
    out.append(String.format("%" + nw + "s │", o.yLabel == null ? "true" : o.yLabel));
    for (int c = 0; c < n; c++) out.append(String.format(" %" + cw + "s", name(c)));
    out.append('\n').append("─".repeat(nw + 1)).append('┼').append("─".repeat((cw + 1) * n + 1)).append('\n');
    for (int r = 0; r < n; r++) {
      out.append(String.format("%" + nw + "s │", name(r)));
      for (int c = 0; c < n; c++) {
        String v = counts[r][c] == 0 ? "·" : String.valueOf(counts[r][c]);
        String cell = String.format(" %" + cw + "s", v);
        if (ansi && counts[r][c] != 0) cell = (r == c ? Ansi.colour(0) : Ansi.colour(3)) + cell + Ansi.RESET;
        out.append(cell);
      }
      out.append('\n');
    }
    return out.toString();
  }

  @Override public String describe() { return counts.length + "x" + counts.length + " confusion matrix"; }
}
