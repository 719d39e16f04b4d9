package jinn.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;

/**
 * A classifier's decision over the plane: each class's region in a light tint of its colour, deeper where
 * the classifier is surer, with a thin line where the predicted class changes.
 */
final class ClassField {
  /** Classifies many points at once, so a network can run them as one batch. */
  interface Batch {
    /** Fills {@code classes} and {@code confidence} (0 = undecided, 1 = certain) for each point. */
    void classify(double[] xs, double[] ys, int[] classes, double[] confidence);
  }

  /** Two classes from the probability of class 1. */
  static ClassField ofProbability(java.util.function.BiFunction<double[], double[], double[]> probability) {
    return new ClassField((xs, ys, classes, confidence) -> {
      double[] p = probability.apply(xs, ys);
      if (p.length != xs.length) {
        throw new IllegalStateException("decision boundary: expected " + xs.length
            + " probabilities from the classifier, received " + p.length);
      }
      for (int i = 0; i < p.length; i++) {
        classes[i] = p[i] >= 0.5 ? 1 : 0;
        confidence[i] = Math.min(1, Math.abs(p[i] - 0.5) * 2);
      }
    });
  }

  private final Batch batch;

  ClassField(Batch batch) { this.batch = batch; }

  record Grid(int[] classes, double[] confidence) {}

  /** Classes and confidences at pixel (or character) centres, row-major from the top row down. */
  Grid sample(Bounds b, int w, int h) {
    double[] xs = new double[w * h], ys = new double[w * h];
    for (int r = 0; r < h; r++) {
      double y = b.yhi() - (r + 0.5) / h * (b.yhi() - b.ylo());
      for (int c = 0; c < w; c++) {
        xs[r * w + c] = b.xlo() + (c + 0.5) / w * (b.xhi() - b.xlo());
        ys[r * w + c] = y;
      }
    }
    int[] classes = new int[w * h];
    double[] confidence = new double[w * h];
    batch.classify(xs, ys, classes, confidence);
    return new Grid(classes, confidence);
  }

  /** The field over the bounds, one evaluation per pixel. */
  BufferedImage image(Bounds b, int w, int h, Theme theme) {
    Grid g = sample(b, w, h);
    int[] cls = g.classes();
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    int edge = blend(theme.background(), theme.foreground(), 0.75).getRGB();
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        int k = cls[r * w + c];
        boolean boundary = (c + 1 < w && cls[r * w + c + 1] != k) || (r + 1 < h && cls[(r + 1) * w + c] != k);
        img.setRGB(c, r, boundary ? edge : color(k, g.confidence()[r * w + c], theme).getRGB());
      }
    }
    return img;
  }

  static Color color(int cls, double confidence, Theme theme) {
    return blend(theme.background(), Theme.seriesColor(cls), 0.12 + 0.33 * Math.max(0, Math.min(1, confidence)));
  }

  static Color blend(Color a, Color b, double t) {
    return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
        (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
        (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
  }
}
