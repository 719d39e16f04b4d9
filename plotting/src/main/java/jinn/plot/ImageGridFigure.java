package jinn.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Small grey-scale images in a grid, each captioned with its label, or with "true → predicted" in red
 * where a classifier got it wrong.
 */
final class ImageGridFigure implements Figure {
  private static final String RAMP = " .:-=+*#%@";

  private final float[][] images;
  private final int w, h;
  private final int[] truth;
  private final int[] predicted;
  private final String[] classNames;
  final int columns;

  ImageGridFigure(float[][] images, int w, int h, int[] truth, int[] predicted, String[] classNames, int columns) {
    for (int i = 0; i < images.length; i++) {
      if (images[i].length != w * h) {
        throw new IllegalArgumentException("image grid: expected image " + i + " to have " + w + " x " + h + " = "
            + (w * h) + " pixels, received " + images[i].length);
      }
    }
    check("true labels", truth, images.length);
    check("predicted labels", predicted, images.length);
    this.images = images;
    this.w = w;
    this.h = h;
    this.truth = truth;
    this.predicted = predicted;
    this.classNames = classNames;
    this.columns = Math.max(1, Math.min(columns, images.length));
  }

  private static void check(String what, int[] labels, int n) {
    if (labels != null && labels.length < n) {
      throw new IllegalArgumentException("image grid: expected " + n + " " + what + ", received " + labels.length);
    }
  }

  int rows() { return (images.length + columns - 1) / columns; }

  @Override public void paint(Graphics2D g, int width, int height, Options o) {
    Theme t = o.theme;
    int top = 0;
    Font titleFont = Theme.font(Font.BOLD, Math.max(13, Math.min(18, height / 30f)));
    if (o.title != null && !o.title.isBlank()) {
      g.setFont(titleFont);
      FontMetrics fm = g.getFontMetrics();
      g.setColor(t.foreground());
      g.drawString(o.title, (width - fm.stringWidth(o.title)) / 2, 8 + fm.getAscent());
      top = fm.getHeight() + 14;
    }
    int rows = rows();
    int cellW = width / columns;
    int cellH = (height - top) / rows;
    Font captionFont = Theme.font(Font.PLAIN, Math.max(10, Math.min(15, cellW / 8f)));
    g.setFont(captionFont);
    FontMetrics fm = g.getFontMetrics();
    int caption = (truth != null || predicted != null) ? fm.getHeight() + 4 : 0;
    int side = Math.max(4, Math.min(cellW - 8, cellH - caption - 8));
    for (int i = 0; i < images.length; i++) {
      int cx = (i % columns) * cellW, cy = top + (i / columns) * cellH;
      int ix = cx + (cellW - side) / 2, iy = cy + 4;
      Object old = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
      // nearest neighbour: 28x28 digits blown up bilinearly look blurred, not like digits
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
      g.drawImage(toImage(images[i]), ix, iy, side, side * h / w, null);
      // vector back ends keep no default hint (null), and put(key, null) throws there
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, old != null ? old : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      boolean wrong = truth != null && predicted != null && truth[i] != predicted[i];
      if (wrong) {
        g.setColor(new Color(0xD62728));
        g.setStroke(new BasicStroke(3f));
        g.drawRect(ix - 2, iy - 2, side + 3, side * h / w + 3);
      }
      String text = caption(i);
      if (!text.isEmpty()) {
        g.setColor(wrong ? new Color(0xD62728) : t.foreground());
        g.drawString(text, cx + (cellW - fm.stringWidth(text)) / 2, iy + side * h / w + 4 + fm.getAscent());
      }
    }
  }

  private String caption(int i) {
    String tr = truth == null ? null : name(truth[i]);
    String pr = predicted == null ? null : name(predicted[i]);
    if (tr != null && pr != null) return tr.equals(pr) ? tr : tr + " → " + pr;
    return tr != null ? tr : pr != null ? "→ " + pr : "";
  }

  private String name(int label) {
    return classNames != null && label >= 0 && label < classNames.length ? classNames[label] : String.valueOf(label);
  }

  private BufferedImage toImage(float[] px) {
    float max = 0;
    for (float v : px) max = Math.max(max, v);
    float scale = max > 1.5f ? 255f / max : 255f; // accepts 0..1 and 0..255 pixels alike
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = 255 - Math.max(0, Math.min(255, Math.round(px[y * w + x] * scale))); // ink dark on paper
        img.setRGB(x, y, (v << 16) | (v << 8) | v);
      }
    }
    return img;
  }

  @Override public String text(int cols, int rows, boolean ansi, Options o) {
    int tw = Math.max(4, w / 2), th = Math.max(2, h / 4);
    int per = Math.max(1, Math.min(columns, (cols + 2) / (tw + 2)));
    StringBuilder out = new StringBuilder();
    if (o.title != null && !o.title.isBlank()) out.append(o.title).append('\n');
    for (int start = 0; start < images.length; start += per) {
      int end = Math.min(images.length, start + per);
      for (int r = 0; r < th; r++) {
        StringBuilder line = new StringBuilder();
        for (int i = start; i < end; i++) {
          if (i > start) line.append("  ");
          float max = 0;
          for (float v : images[i]) max = Math.max(max, v);
          for (int c = 0; c < tw; c++) line.append(RAMP.charAt(level(images[i], max, c, r, tw, th)));
        }
        out.append(line.toString().stripTrailing()).append('\n');
      }
      StringBuilder captions = new StringBuilder();
      for (int i = start; i < end; i++) {
        if (i > start) captions.append("  ");
        String cap = caption(i);
        if (truth != null && predicted != null && truth[i] != predicted[i]) cap = "✗" + cap;
        if (cap.length() > tw) cap = cap.substring(0, tw);
        captions.append(TextPlot.center(cap, tw)).append(" ".repeat(tw - TextPlot.center(cap, tw).length()));
      }
      out.append(captions.toString().stripTrailing()).append("\n\n");
    }
    return out.toString();
  }

  /** Mean brightness of the block of pixels under one character, as an index into the ramp. */
  private int level(float[] px, float max, int c, int r, int tw, int th) {
    int x0 = c * w / tw, x1 = Math.max(x0 + 1, (c + 1) * w / tw);
    int y0 = r * h / th, y1 = Math.max(y0 + 1, (r + 1) * h / th);
    double sum = 0;
    for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) sum += px[y * w + x];
    double mean = max == 0 ? 0 : sum / ((x1 - x0) * (y1 - y0)) / max;
    return (int) Math.min(RAMP.length() - 1, Math.round(mean * (RAMP.length() - 1)));
  }

  @Override public String describe() { return images.length + " images of " + w + "x" + h; }
}
