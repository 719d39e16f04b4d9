package jinn.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Each protocol's escape sequences, taken apart again, must give back the chart's image. */
class InlineImagesTest {
  private static final Pattern KITTY_FRAME = Pattern.compile("\u001b_G([^;\u001b]*);([^\u001b]*)\u001b\\\\");
  private static final Pattern ITERM = Pattern.compile("\u001b]1337;File=([^:\u0007]*):([A-Za-z0-9+/=]*)\u0007");

  private final Chart chart = Plots.plot(Math::sin, 0, 2 * Math.PI).title("sin").size(640, 400);

  @Test void kittyChunksDecodeToTheSamePng() throws IOException {
    byte[] png = chart.toPng();
    String esc = InlineImages.kitty(png, 7, 0, 18);
    Matcher m = KITTY_FRAME.matcher(esc);
    List<String> keys = new ArrayList<>();
    StringBuilder payload = new StringBuilder();
    int end = 0;
    while (m.find()) {
      assertEquals(end, m.start(), "kitty frames must follow each other with nothing between them");
      keys.add(m.group(1));
      assertTrue(m.group(2).length() <= 4096, "kitty chunk " + keys.size() + ": expected at most 4096 base64 bytes, received "
          + m.group(2).length());
      payload.append(m.group(2));
      end = m.end();
    }
    assertEquals("\n", esc.substring(end), "after the last frame only a newline");
    assertTrue(keys.size() > 1, "a " + png.length + "-byte PNG needs several chunks, received " + keys.size());
    assertEquals("a=T,f=100,t=d,q=2,i=7,r=18,m=1", keys.get(0));
    for (int i = 1; i < keys.size() - 1; i++) assertEquals("m=1", keys.get(i), "chunk " + i);
    assertEquals("m=0", keys.get(keys.size() - 1), "the last chunk ends the transfer");
    assertArrayEquals(png, Base64.getDecoder().decode(payload.toString()));
    assertSamePixels(chart.toImage(), ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(payload.toString()))));
  }

  @Test void kittySmallImageIsOneFrame() {
    byte[] tiny = {1, 2, 3};
    assertEquals("\u001b_Ga=T,f=100,t=d,q=2,m=0;AQID\u001b\\\n", InlineImages.kitty(tiny));
    assertEquals("\u001b_Ga=d,d=I,i=9,q=2\u001b\\", InlineImages.kittyDelete(9));
  }

  @Test void itermDecodesToTheSamePng() {
    byte[] png = chart.toPng();
    String esc = InlineImages.iterm(png, 0, 20);
    Matcher m = ITERM.matcher(esc);
    assertTrue(m.find(), "expected ESC ] 1337 ; File = ... : base64 BEL, received " + esc.substring(0, 60).replace("\u001b", "ESC"));
    assertEquals(0, m.start());
    assertEquals("\n", esc.substring(m.end()));
    String args = m.group(1);
    assertTrue(args.contains("inline=1"), args);
    assertTrue(args.contains("size=" + png.length), "size= must give the byte count: " + args);
    assertTrue(args.contains("height=20"), args);
    assertArrayEquals(png, Base64.getDecoder().decode(m.group(2)));
  }

  @Test void sixelDecodesToNearlyTheSameImage() {
    BufferedImage original = SampleCharts.seedActivations().toImage();
    String esc = InlineImages.sixel(SampleCharts.seedActivations());
    assertTrue(esc.startsWith("\u001bP0;1;0q\"1;1;800;500"), "DCS, q, then raster attributes with the size");
    assertTrue(esc.endsWith("\u001b\\\n"), "ST then a newline");
    BufferedImage decoded = SixelDecoder.decode(esc);
    int w = original.getWidth(), h = original.getHeight();
    long total = 0;
    int far = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int d = ImageDiff.maxChannelDiff(original.getRGB(x, y), decoded.getRGB(x, y));
        total += d;
        if (d > 40) far++;
      }
    }
    double mean = total / (double) (w * h);
    assertTrue(mean < 3, "sixel: expected a mean channel error below 3 after palette reduction, received " + mean);
    assertTrue(far < w * h / 200, "sixel: expected under 0.5% of pixels off by more than 40, received " + far);
    // white stays exactly white: the background is the most common colour and must be in the palette as is
    assertEquals(0xFFFFFF, decoded.getRGB(5, 5) & 0xFFFFFF);
  }

  @Test void sixelKeepsAtMost256Colours() {
    BufferedImage noise = new BufferedImage(64, 13, BufferedImage.TYPE_INT_RGB);
    java.util.Random r = new java.util.Random(1);
    for (int y = 0; y < 13; y++) for (int x = 0; x < 64; x++) noise.setRGB(x, y, r.nextInt(1 << 24));
    String esc = SixelEncoder.encode(noise);
    long defs = Pattern.compile("#\\d+;2;").matcher(esc).results().count();
    assertTrue(defs <= 256, "expected at most 256 palette entries, received " + defs);
    BufferedImage back = SixelDecoder.decode(esc);
    assertEquals(64, back.getWidth());
    assertEquals(13, back.getHeight()); // 13 rows: the last band is only one pixel high
  }

  @Test void textKindGivesTheTextChartAndNoneGivesNothing() {
    Map<String, String> plain = Map.of("TERM", "dumb", "COLUMNS", "70");
    String text = InlineImages.render(chart, TerminalKind.TEXT, plain);
    assertEquals(chart.text(69, 18, false), text);
    assertTrue(!text.contains("\u001b"), "TERM=dumb: no escapes at all");
    assertTrue(InlineImages.render(chart, TerminalKind.TEXT, Map.of("TERM", "xterm-256color")).contains("\u001b[34m"),
        "a colour terminal gets coloured curves");
    assertEquals("", InlineImages.render(chart, TerminalKind.NONE, plain));
    assertEquals(chart.text(99, 18, true), InlineImages.render(chart, TerminalKind.TEXT, 100, true), "the REPL passes its width");
  }

  static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
    assertEquals(expected.getWidth(), actual.getWidth());
    assertEquals(expected.getHeight(), actual.getHeight());
    for (int y = 0; y < expected.getHeight(); y++) {
      for (int x = 0; x < expected.getWidth(); x++) {
        if ((expected.getRGB(x, y) & 0xFFFFFF) != (actual.getRGB(x, y) & 0xFFFFFF)) {
          throw new AssertionError("pixel (" + x + ", " + y + "): expected " + Integer.toHexString(expected.getRGB(x, y))
              + ", received " + Integer.toHexString(actual.getRGB(x, y)));
        }
      }
    }
  }
}
