package jinn.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Odd data a REPL user will feed in sooner or later: every output must still come out, not throw. */
class EdgeCaseTest {
  static List<Chart> odd() {
    return List.of(
        Plots.plot(new double[0]).title("empty"),
        Plots.plot(new double[] {5}).title("one point"),
        Plots.plot(new double[] {1, Double.NaN, 3, Double.POSITIVE_INFINITY, 2}).title("gaps"),
        Plots.plot(new double[] {2, 2, 2}).title("constant"),
        Plots.plot(new double[] {1, 0.1, 0, 0.001}).logY().title("log with a zero"),
        Plots.histogram(new double[] {3, 3, 3}, 10).title("constant histogram"),
        Plots.plot(x -> 1 / x, -1, 1).title("pole"),
        Plots.histograms(Map.of("empty", new float[0])),
        Plots.confusion(new int[][] {{0}}));
  }

  @Test void everyOddChartRendersToPngAndText() {
    for (Chart c : odd()) {
      assertTrue(c.toPng().length > 100, c + ": PNG");
      String text = c.text(50, 8);
      assertTrue(text.lines().count() >= 1, c + ": text");
    }
  }

  @Test void noBarsIsAnErrorThatSaysSo() {
    assertEquals("bar chart: expected at least one category, received none",
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> Plots.bar(new String[0], new double[0])).getMessage());
  }

  @Test void gapsBreakTheLineInsteadOfDrawingToInfinity() {
    String text = Plots.plot(new double[] {1, Double.NaN, 3}).text(40, 6);
    assertTrue(text.contains("┤"), text);
    assertEquals(-1, text.indexOf("NaN"), text);
  }
}
