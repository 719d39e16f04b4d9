package jinn.plot;

import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;

/** Decodes the sixel subset SixelEncoder writes, back to pixels, independently of the encoder's code. */
final class SixelDecoder {
  private SixelDecoder() {}

  static BufferedImage decode(String s) {
    if (!s.startsWith("\u001bP")) throw new AssertionError("sixel: expected DCS (ESC P) at the start, received " + head(s));
    int q = s.indexOf('q');
    int end = s.indexOf("\u001b\\");
    if (q < 0 || end < q) throw new AssertionError("sixel: expected 'q' and a closing ESC \\, received " + head(s));
    int i = q + 1;
    if (s.charAt(i) != '"') throw new AssertionError("sixel: expected raster attributes \"Pan;Pad;Ph;Pv");
    int j = i + 1;
    while (Character.isDigit(s.charAt(j)) || s.charAt(j) == ';') j++;
    String[] ra = s.substring(i + 1, j).split(";");
    int w = Integer.parseInt(ra[2]), h = Integer.parseInt(ra[3]);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Map<Integer, Integer> palette = new HashMap<>();
    int colour = 0, x = 0, band = 0;
    i = j;
    while (i < end) {
      char c = s.charAt(i);
      if (c == '#') {
        int k = i + 1;
        while (k < end && (Character.isDigit(s.charAt(k)) || s.charAt(k) == ';')) k++;
        String[] p = s.substring(i + 1, k).split(";");
        colour = Integer.parseInt(p[0]);
        if (p.length == 5) {
          if (!p[1].equals("2")) throw new AssertionError("sixel: expected RGB colour space 2, received " + p[1]);
          int r = Math.round(Integer.parseInt(p[2]) * 255f / 100f);
          int g = Math.round(Integer.parseInt(p[3]) * 255f / 100f);
          int b = Math.round(Integer.parseInt(p[4]) * 255f / 100f);
          palette.put(colour, r << 16 | g << 8 | b);
        }
        i = k;
      } else if (c == '!') {
        int k = i + 1;
        while (Character.isDigit(s.charAt(k))) k++;
        int run = Integer.parseInt(s.substring(i + 1, k));
        for (int n = 0; n < run; n++) put(img, palette, colour, x++, band, s.charAt(k));
        i = k + 1;
      } else if (c == '$') {
        x = 0;
        i++;
      } else if (c == '-') {
        x = 0;
        band++;
        i++;
      } else if (c >= '?' && c <= '~') {
        put(img, palette, colour, x++, band, c);
        i++;
      } else {
        throw new AssertionError("sixel: unexpected character " + (int) c + " at " + i);
      }
    }
    return img;
  }

  private static void put(BufferedImage img, Map<Integer, Integer> palette, int colour, int x, int band, char c) {
    int bits = c - 63;
    for (int k = 0; k < 6; k++) {
      int y = band * 6 + k;
      if ((bits & (1 << k)) != 0 && x < img.getWidth() && y < img.getHeight()) {
        Integer rgb = palette.get(colour);
        if (rgb == null) throw new AssertionError("sixel: colour #" + colour + " used before it was defined");
        img.setRGB(x, y, rgb);
      }
    }
  }

  private static String head(String s) { return s.substring(0, Math.min(20, s.length())).replace("\u001b", "ESC"); }
}
