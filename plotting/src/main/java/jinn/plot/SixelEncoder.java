package jinn.plot;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Encodes an image as DEC sixel graphics: a palette of at most 256 colours, then bands six pixels high,
 * one pass per colour present in the band, run-length encoded.
 */
final class SixelEncoder {
  static final int MAX_COLOURS = 256;

  private SixelEncoder() {}

  static String encode(BufferedImage img) {
    int w = img.getWidth(), h = img.getHeight();
    int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
    int[] palette = palette(rgb);
    int[] index = mapToPalette(rgb, palette, w);

    StringBuilder out = new StringBuilder(w * h / 2);
    // P2=1: pixels no colour touches stay as they are; "1;1 = square pixels; then the exact size
    out.append("\u001bP0;1;0q\"1;1;").append(w).append(';').append(h);
    for (int i = 0; i < palette.length; i++) {
      int c = palette[i];
      out.append('#').append(i).append(";2;").append(percent(c >> 16)).append(';')
          .append(percent(c >> 8)).append(';').append(percent(c));
    }
    boolean[] used = new boolean[palette.length];
    char[] row = new char[w];
    for (int top = 0; top < h; top += 6) {
      Arrays.fill(used, false);
      int bottom = Math.min(h, top + 6);
      for (int y = top; y < bottom; y++) for (int x = 0; x < w; x++) used[index[y * w + x]] = true;
      boolean first = true;
      for (int c = 0; c < palette.length; c++) {
        if (!used[c]) continue;
        int last = -1;
        for (int x = 0; x < w; x++) {
          int bits = 0;
          for (int y = top; y < bottom; y++) if (index[y * w + x] == c) bits |= 1 << (y - top);
          row[x] = (char) (63 + bits);
          if (bits != 0) last = x;
        }
        if (!first) out.append('$'); // back to the band's start for the next colour
        first = false;
        out.append('#').append(c);
        runLength(out, row, last + 1);
      }
      out.append('-');
    }
    out.append("\u001b\\");
    return out.toString();
  }

  private static void runLength(StringBuilder out, char[] row, int length) {
    for (int x = 0; x < length; ) {
      int run = 1;
      while (x + run < length && row[x + run] == row[x]) run++;
      if (run > 3) out.append('!').append(run).append(row[x]);
      else for (int i = 0; i < run; i++) out.append(row[x]);
      x += run;
    }
  }

  private static int percent(int channel) { return Math.round((channel & 0xFF) * 100f / 255f); }

  /**
   * The most used colours, counted in 15-bit buckets: charts are mostly flat colours plus antialiasing
   * ramps, so popularity keeps the flat colours exact and the ramps close.
   */
  static int[] palette(int[] rgb) {
    int[] count = new int[1 << 15];
    long[] sum = new long[(1 << 15) * 3];
    for (int p : rgb) {
      int b = bucket(p);
      count[b]++;
      sum[b * 3] += (p >> 16) & 0xFF;
      sum[b * 3 + 1] += (p >> 8) & 0xFF;
      sum[b * 3 + 2] += p & 0xFF;
    }
    Integer[] order = new Integer[count.length];
    int distinct = 0;
    for (int b = 0; b < count.length; b++) if (count[b] > 0) order[distinct++] = b;
    Arrays.sort(order, 0, distinct, (a, b) -> Integer.compare(count[b], count[a]));
    int n = Math.min(distinct, MAX_COLOURS);
    int[] palette = new int[n];
    for (int i = 0; i < n; i++) {
      int b = order[i];
      palette[i] = (int) (sum[b * 3] / count[b]) << 16 | (int) (sum[b * 3 + 1] / count[b]) << 8 | (int) (sum[b * 3 + 2] / count[b]);
    }
    return palette;
  }

  /**
   * Each pixel's palette index, with Floyd-Steinberg error diffusion: colours the palette holds exactly
   * (backgrounds, series colours) carry no error and stay clean, while gradients such as a decision
   * boundary's shading are dithered instead of breaking into bands.
   */
  static int[] mapToPalette(int[] rgb, int[] palette, int w) {
    int[] cache = new int[1 << 15];
    Arrays.fill(cache, -1);
    int[] index = new int[rgb.length];
    int h = rgb.length / w;
    float[] err = new float[(w + 2) * 3 * 2]; // this row's and the next row's carried error, per channel
    for (int y = 0; y < h; y++) {
      int cur = (y & 1) * (w + 2) * 3, nxt = ((y + 1) & 1) * (w + 2) * 3;
      Arrays.fill(err, nxt, nxt + (w + 2) * 3, 0f);
      for (int x = 0; x < w; x++) {
        int p = rgb[y * w + x];
        int e = cur + (x + 1) * 3;
        int r = clamp(((p >> 16) & 0xFF) + Math.round(err[e]));
        int g = clamp(((p >> 8) & 0xFF) + Math.round(err[e + 1]));
        int b = clamp((p & 0xFF) + Math.round(err[e + 2]));
        int want = r << 16 | g << 8 | b;
        int k = bucket(want);
        if (cache[k] < 0) cache[k] = nearest(want, palette);
        int got = palette[cache[k]];
        index[y * w + x] = cache[k];
        float er = r - ((got >> 16) & 0xFF), eg = g - ((got >> 8) & 0xFF), eb = b - (got & 0xFF);
        spread(err, e + 3, er, eg, eb, 7 / 16f);
        spread(err, nxt + x * 3, er, eg, eb, 3 / 16f);
        spread(err, nxt + (x + 1) * 3, er, eg, eb, 5 / 16f);
        spread(err, nxt + (x + 2) * 3, er, eg, eb, 1 / 16f);
      }
    }
    return index;
  }

  private static void spread(float[] err, int at, float r, float g, float b, float share) {
    err[at] += r * share;
    err[at + 1] += g * share;
    err[at + 2] += b * share;
  }

  private static int clamp(int v) { return Math.max(0, Math.min(255, v)); }

  private static int nearest(int p, int[] palette) {
    int best = 0;
    long bestDist = Long.MAX_VALUE;
    for (int i = 0; i < palette.length; i++) {
      long d = dist(p, palette[i]);
      if (d < bestDist) { bestDist = d; best = i; }
    }
    return best;
  }

  static long dist(int a, int b) {
    int dr = ((a >> 16) & 0xFF) - ((b >> 16) & 0xFF);
    int dg = ((a >> 8) & 0xFF) - ((b >> 8) & 0xFF);
    int db = (a & 0xFF) - (b & 0xFF);
    return 2L * dr * dr + 4L * dg * dg + 3L * db * db;
  }

  private static int bucket(int p) { return ((p >> 19) & 0x1F) << 10 | ((p >> 11) & 0x1F) << 5 | ((p >> 3) & 0x1F); }
}
