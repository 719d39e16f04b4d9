package jinn.plot;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.List;

/** Several charts side by side on one image, e.g. loss next to accuracy, or one histogram per layer. */
final class PanelFigure implements Figure {
  record Panel(Figure figure, Options options) {}

  private final List<Panel> panels;
  private final int columns;

  PanelFigure(List<Panel> panels, int columns) {
    if (panels.isEmpty()) throw new IllegalArgumentException("panels: expected at least one chart, received none");
    this.panels = panels;
    this.columns = Math.max(1, Math.min(columns, panels.size()));
  }

  int rows() { return (panels.size() + columns - 1) / columns; }

  @Override public void paint(Graphics2D g, int width, int height, Options o) {
    int top = 0;
    if (o.title != null && !o.title.isBlank()) {
      Font font = Theme.font(Font.BOLD, Math.max(13, Math.min(18, height / 30f)));
      g.setFont(font);
      g.setColor(o.theme.foreground());
      FontMetrics fm = g.getFontMetrics();
      top = fm.getHeight() + 12;
      g.drawString(o.title, (width - fm.stringWidth(o.title)) / 2, 8 + fm.getAscent());
    }
    int rows = rows();
    int cw = width / columns, ch = (height - top) / rows;
    for (int i = 0; i < panels.size(); i++) {
      Panel p = panels.get(i);
      Options po = p.options().copy();
      po.theme = o.theme;
      Graphics2D sub = (Graphics2D) g.create((i % columns) * cw, top + (i / columns) * ch, cw, ch);
      try {
        p.figure().paint(sub, cw, ch, po);
      } finally {
        sub.dispose();
      }
    }
  }

  @Override public String text(int cols, int rows, boolean ansi, Options o) {
    StringBuilder out = new StringBuilder();
    if (o.title != null && !o.title.isBlank()) out.append(TextPlot.center(o.title, cols)).append("\n\n");
    int each = Math.max(6, rows / Math.min(panels.size(), 2));
    for (int i = 0; i < panels.size(); i++) {
      if (i > 0) out.append('\n');
      out.append(panels.get(i).figure().text(cols, each, ansi, panels.get(i).options()));
    }
    return out.toString();
  }

  @Override public String describe() { return panels.size() + " panels"; }
}
