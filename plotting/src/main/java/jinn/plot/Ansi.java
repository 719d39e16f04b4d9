package jinn.plot;

/** The few ANSI escapes the text charts use; series colours follow the image palette's hues. */
final class Ansi {
  static final String RESET = "\u001b[0m";
  // tab10 order: blue, orange (yellow is the nearest basic hue), green, red, purple, brown, pink, grey, olive, cyan
  private static final int[] CODES = {34, 33, 32, 31, 35, 33, 95, 37, 93, 36};

  private Ansi() {}

  static String colour(int series) {
    return "\u001b[" + CODES[Math.floorMod(series, CODES.length)] + "m";
  }
}
