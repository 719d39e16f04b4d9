package jinn.plot;

import java.awt.image.BufferedImage;

/**
 * Compares a rendered chart with its golden image, tolerant of what differs between machines (font
 * rasterisation moving text and axes by a pixel or two) but not of a curve in the wrong place.
 *
 * <p>Two checks. <b>Ink</b>: every saturated (coloured) pixel, i.e. every series pixel, must have a pixel
 * of nearly the same colour within 3 pixels in the other image, both ways; text and axes are grey and do
 * not count. A curve moved by more than 3 pixels, a wrong colour or a missing series fails this.
 * <b>Overall</b>: at most 2.5% of all pixels may differ by more than 48 in a channel from every pixel
 * within 1 pixel of them; this catches lost titles, labels, images and layout breakage.
 */
final class ImageDiff {
  static final int INK_RADIUS = 3;
  static final double INK_TOLERANCE = 0.004;
  static final double OVERALL_TOLERANCE = 0.025;

  record Result(boolean same, String report) {}

  private ImageDiff() {}

  static Result compare(BufferedImage expected, BufferedImage actual) {
    if (expected.getWidth() != actual.getWidth() || expected.getHeight() != actual.getHeight()) {
      return new Result(false, "size: expected " + expected.getWidth() + "x" + expected.getHeight() + ", received "
          + actual.getWidth() + "x" + actual.getHeight());
    }
    int w = expected.getWidth(), h = expected.getHeight();
    int[] e = expected.getRGB(0, 0, w, h, null, 0, w);
    int[] a = actual.getRGB(0, 0, w, h, null, 0, w);
    int[] inkA = unmatchedInk(a, e, w, h), inkE = unmatchedInk(e, a, w, h);
    int differing = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (!near(e, w, h, x, y, a[y * w + x], 1, 48)) differing++;
      }
    }
    double inkShareA = inkA[0] / (double) Math.max(1, inkA[1]);
    double inkShareE = inkE[0] / (double) Math.max(1, inkE[1]);
    double overall = differing / (double) (w * h);
    boolean same = inkShareA <= INK_TOLERANCE && inkShareE <= INK_TOLERANCE && overall <= OVERALL_TOLERANCE;
    String report = String.format(java.util.Locale.ROOT,
        "series pixels without a match within %dpx: %d of %d rendered (%.2f%%), %d of %d golden (%.2f%%), limit %.2f%%;"
            + " other differing pixels: %.2f%%, limit %.2f%%",
        INK_RADIUS, inkA[0], inkA[1], 100 * inkShareA, inkE[0], inkE[1], 100 * inkShareE, 100 * INK_TOLERANCE,
        100 * overall, 100 * OVERALL_TOLERANCE);
    return new Result(same, report);
  }

  /** {unmatched, total} saturated pixels of {@code from} with no similar pixel near them in {@code in}. */
  private static int[] unmatchedInk(int[] from, int[] in, int w, int h) {
    int unmatched = 0, total = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = from[y * w + x];
        if (saturation(p) < 60) continue;
        total++;
        if (!near(in, w, h, x, y, p, INK_RADIUS, 60)) unmatched++;
      }
    }
    return new int[] {unmatched, total};
  }

  private static boolean near(int[] img, int w, int h, int x, int y, int p, int radius, int tolerance) {
    for (int dy = -radius; dy <= radius; dy++) {
      int yy = y + dy;
      if (yy < 0 || yy >= h) continue;
      for (int dx = -radius; dx <= radius; dx++) {
        int xx = x + dx;
        if (xx < 0 || xx >= w) continue;
        if (maxChannelDiff(img[yy * w + xx], p) <= tolerance) return true;
      }
    }
    return false;
  }

  static int maxChannelDiff(int a, int b) {
    return Math.max(Math.abs(((a >> 16) & 0xFF) - ((b >> 16) & 0xFF)),
        Math.max(Math.abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF)), Math.abs((a & 0xFF) - (b & 0xFF))));
  }

  private static int saturation(int p) {
    int r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
    return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
  }
}
