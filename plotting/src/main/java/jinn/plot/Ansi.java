package jinn.plot;

import java.awt.Color;

/** The few ANSI escapes the text charts use; series get the basic terminal colour nearest their image colour. */
final class Ansi {
  static final String RESET = "\u001b[0m";
  // for the palette's blue, orange, green, red, purple, brown, pink, grey, olive, cyan: the basic terminal
  // colours a reader would call by the same name (orange and brown have none; yellow is nearest)
  private static final int[] CODES = {34, 33, 32, 31, 35, 33, 95, 90, 93, 36};

  private Ansi() {}

  /** The escape for the i-th palette colour. */
  static String colour(int series) { return "\u001b[" + CODES[Math.floorMod(series, CODES.length)] + "m"; }

  /** The escape for the palette colour nearest in hue to {@code c} (a pale blue is still blue). */
  static String colour(Color c) {
    float[] want = Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null);
    int best = 0;
    double bestDist = Double.MAX_VALUE;
    for (int i = 0; i < CODES.length; i++) {
      Color p = Theme.seriesColor(i);
      float[] hsb = Color.RGBtoHSB(p.getRed(), p.getGreen(), p.getBlue(), null);
      double dh = Math.abs(want[0] - hsb[0]);
      dh = Math.min(dh, 1 - dh);
      double d = (want[1] < 0.15) != (hsb[1] < 0.15) ? 10 : dh + 0.1 * Math.abs(want[2] - hsb[2]);
      if (d < bestDist) { bestDist = d; best = i; }
    }
    return colour(best);
  }
}
