package jinn.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The text charts: what a plain terminal or a CI log shows. */
class TextPlotTest {
  private static String snapshot(String name) throws IOException {
    try (InputStream in = TextPlotTest.class.getResourceAsStream("/snapshots/" + name)) {
      if (in == null) throw new AssertionError("snapshots/" + name + " expected in plotting/src/test/resources, not found");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test void sineMatchesSnapshot() throws IOException {
    String text = Plots.plot(Math::sin, 0, 2 * Math.PI).title("sin(x)").text(60, 12);
    assertEquals(snapshot("sin.txt"), text, "text rendering of sin on [0, 2π] changed:\n" + text);
  }

  @Test void severalSeriesWithoutColourGetGlyphsAndALegend() throws IOException {
    String text = SampleCharts.seedActivations().text(70, 14);
    assertEquals(snapshot("activations.txt"), text, "text rendering of the activation chart changed:\n" + text);
    assertTrue(text.contains("* step   + sigmoid   x tanh   o relu   # leaky relu"), text);
    assertFalse(text.contains("\u001b"), "plain text must not contain escapes");
  }

  @Test void colourUsesBrailleAndAnsi() {
    String text = SampleCharts.seedActivations().text(70, 14, true);
    assertTrue(text.chars().anyMatch(c -> c > 0x2800 && c <= 0x28FF), "coloured text charts draw in braille");
    assertTrue(text.contains("\u001b[34m") && text.contains("\u001b[0m"), "series coloured with ANSI escapes");
  }

  @Test void textColoursFollowTheImageColours() {
    for (int i = 0; i < 10; i++) assertEquals(Ansi.colour(i), Ansi.colour(Theme.seriesColor(i)), "palette colour " + i);
    assertEquals("\u001b[34m", Ansi.colour(new java.awt.Color(0xA9CBE8)), "the pale per-batch blue is still blue");
    String text = Plots.batchLoss(new double[] {3, 2, 1, 0.5}, 2).text(40, 6, true);
    assertFalse(text.contains("\u001b[33m"), "two blues in the image, no yellow in the text:\n" + text);
  }

  @Test void curveLandsWhereItShould() {
    // y = x on [0, 10]: the first plot row holds the top-right corner, the last the bottom-left
    String[] lines = Plots.plot(x -> x, 0, 10).text(40, 10).split("\n");
    String top = lines[0], bottom = lines[9];
    assertTrue(top.startsWith("10 ┤") || top.contains("┤") || top.contains("│"), top);
    assertTrue(top.stripTrailing().charAt(top.stripTrailing().length() - 1) >= 0x2800, "top row ends with the curve: " + top);
    int firstDot = -1;
    for (int i = 0; i < bottom.length(); i++) if (bottom.charAt(i) > 0x2800) { firstDot = i; break; }
    assertTrue(firstDot >= 0 && firstDot < 8, "bottom row starts with the curve at the left: '" + bottom + "'");
  }

  @Test void confusionMatrixAsTable() {
    String text = Plots.confusion(new int[] {0, 0, 1, 1, 1}, new int[] {0, 1, 1, 1, 0}, 2).text();
    assertEquals("""
        confusion matrix
               predicted →
        true │ 0 1
        ─────┼─────
           0 │ 1 1
           1 │ 1 2
        """, text);
  }

  @Test void barsAsText() {
    String text = Plots.bar(new String[] {"a", "bb"}, new double[] {1, 2}).text(40, 10);
    // 40 columns leave 24 for the longest bar; the other is half as long
    assertEquals(" a │" + "█".repeat(12) + " 1\n" + "bb │" + "█".repeat(24) + " 2\n", text);
    String fractions = Plots.bar(new String[] {"a", "bb"}, new double[] {0.5, 2}).text(40, 10);
    assertTrue(fractions.endsWith(" 0.50\n" + "bb │" + "█".repeat(24) + " 2.00\n"), fractions);
  }

  @Test void curvesOnTopOfEachOtherBothStayVisible() {
    // the same curve twice: before, the second covered the first completely
    String text = Plots.plot(-3, 3, "tanh", Math::tanh, "same", Math::tanh).text(60, 10);
    String body = text.substring(0, text.lastIndexOf('└'));
    assertTrue(body.chars().filter(c -> c == '*').count() > 10, "glyphs of the first series:\n" + text);
    assertTrue(body.chars().filter(c -> c == '+').count() > 10, "glyphs of the second series:\n" + text);
    assertTrue(text.contains("* tanh   + same"), text);
  }

  @Test void axisLabelsKeepOneDecimalFormat() {
    assertEquals("0.00", Ticks.decimalPattern(0, 1, 500), "0..1 over 500 pixels");
    assertEquals("0", Ticks.decimalPattern(0, 6000, 500), "counts");
    assertEquals("0.000", Ticks.decimalPattern(0.02, 0.1, 400), "small losses");
    assertTrue(Ticks.whole(new double[] {1, 2, 3}) && !Ticks.whole(new double[] {1, 2.5}));
  }
}
