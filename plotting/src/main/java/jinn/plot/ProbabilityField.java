package jinn.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;

/**
 * A classifier's probability of class 1 over the plane, shown as two tints that meet at p = 0.5 with a
 * thin line on the boundary itself.
 */
final class ProbabilityField {
  /** Evaluates many points at once, so a network can run them as one batch. */
  interface Batch {
    double[] probabilities(double[] xs, double[] ys);
  }

  private final Batch batch;

  ProbabilityField(Batch batch) {
    this.batch = batch;
  }

  /** The field over the bounds, one evaluation per pixel; row 0 is the top (largest y). */
  BufferedImage image(Bounds b, int w, int h, Theme theme) {
    double[] p = sample(b, w, h);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    Color line = theme.foreground();
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        double v = p[r * w + c];
        boolean side = v >= 0.5;
        boolean edge = (c + 1 < w && (p[r * w + c + 1] >= 0.5) != side)
            || (r + 1 < h && (p[(r + 1) * w + c] >= 0.5) != side);
        img.setRGB(c, r, edge ? blend(theme.background(), line, 0.75).getRGB() : color(v, theme).getRGB());
      }
    }
    return img;
  }

  /** Probabilities at pixel centres, row-major from the top row down. */
  double[] sample(Bounds b, int w, int h) {
    double[] xs = new double[w * h], ys = new double[w * h];
    for (int r = 0; r < h; r++) {
      double y = b.yhi() - (r + 0.5) / h * (b.yhi() - b.ylo());
      for (int c = 0; c < w; c++) {
        xs[r * w + c] = b.xlo() + (c + 0.5) / w * (b.xhi() - b.xlo());
        ys[r * w + c] = y;
      }
    }
    double[] p = batch.probabilities(xs, ys);
    if (p.length != xs.length) {
      throw new IllegalStateException("decision boundary: expected " + xs.length
          + " probabilities from the classifier, received " + p.length);
    }
    return p;
  }

  static Color color(double p, Theme theme) {
    double strength = Math.min(1, Math.abs(p - 0.5) * 2);
    Color tint = Theme.seriesColor(p >= 0.5 ? 1 : 0);
    return blend(theme.background(), tint, 0.12 + 0.33 * strength);
  }

  static Color blend(Color a, Color b, double t) {
    return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
        (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
        (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
  }
}
