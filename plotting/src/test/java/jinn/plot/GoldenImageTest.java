package jinn.plot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each sample chart rendered to pixels and compared with its golden PNG (see {@link ImageDiff} for the
 * tolerance). To accept a deliberate change, look at the new images, then run once with
 * {@code -Djinn.plot.updateGolden=true} and commit src/test/resources/golden.
 */
class GoldenImageTest {
  static Stream<Arguments> charts() {
    return Stream.of(
        Arguments.of("activations", (Callable<Chart>) SampleCharts::seedActivations),
        Arguments.of("activations-derivatives", (Callable<Chart>) Plots::activations),
        Arguments.of("overlapping", (Callable<Chart>) SampleCharts::overlapping),
        Arguments.of("loss", (Callable<Chart>) SampleCharts::lossCurve),
        Arguments.of("digits", (Callable<Chart>) SampleCharts::digitGrid),
        Arguments.of("confusion", (Callable<Chart>) SampleCharts::confusionMatrix),
        Arguments.of("xor-boundary", (Callable<Chart>) SampleCharts::xorBoundary),
        Arguments.of("bars", (Callable<Chart>) SampleCharts::bars),
        Arguments.of("histograms", (Callable<Chart>) SampleCharts::layerHistograms),
        Arguments.of("scatter", (Callable<Chart>) SampleCharts::scatterClasses));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("charts")
  void matchesGolden(String name, Callable<Chart> chart) throws Exception {
    BufferedImage actual = chart.call().toImage();
    if (Boolean.getBoolean("jinn.plot.updateGolden")) {
      Path dir = Path.of(System.getProperty("jinn.root", ".."), "plotting/src/test/resources/golden");
      Files.createDirectories(dir);
      ImageIO.write(actual, "png", dir.resolve(name + ".png").toFile());
      System.out.println("golden/" + name + ".png rewritten in " + dir.toAbsolutePath());
      return;
    }
    BufferedImage golden = golden(name);
    ImageDiff.Result r = ImageDiff.compare(golden, actual);
    if (!r.same()) {
      Path out = Path.of("target/golden-diff");
      Files.createDirectories(out);
      ImageIO.write(actual, "png", out.resolve(name + ".png").toFile());
      fail("chart '" + name + "' differs from golden/" + name + ".png (rendered image in " + out.toAbsolutePath()
          + "): " + r.report());
    }
  }

  /** The tolerance must still see a wrong curve: sigmoid moved right by 1.5 on the seed chart. */
  @Test void toleranceCatchesAWrongCurve() throws IOException {
    Chart wrong = Plots.plot(-10, 10,
        "step", x -> x >= 0 ? 1 : 0,
        "sigmoid", x -> 1 / (1 + Math.exp(-(x - 1.5))),
        "tanh", Math::tanh,
        "relu", x -> Math.max(0, x),
        "leaky relu", x -> Math.max(0.1 * x, x))
        .title("Activation functions").yLabel("f(x)");
    ImageDiff.Result r = ImageDiff.compare(golden("activations"), wrong.toImage());
    assertFalse(r.same(), "a sigmoid shifted by 1.5 must not pass as the golden chart: " + r.report());
  }

  /** ... and a swapped colour (two series' order exchanged) must fail too. */
  @Test void toleranceCatchesSwappedSeries() throws IOException {
    Chart swapped = Plots.plot(-10, 10,
        "sigmoid", x -> 1 / (1 + Math.exp(-x)),
        "step", x -> x >= 0 ? 1 : 0,
        "tanh", Math::tanh,
        "relu", x -> Math.max(0, x),
        "leaky relu", x -> Math.max(0.1 * x, x))
        .title("Activation functions").yLabel("f(x)");
    ImageDiff.Result r = ImageDiff.compare(golden("activations"), swapped.toImage());
    assertFalse(r.same(), "step and sigmoid in each other's colours must not pass: " + r.report());
  }

  /** What other machines' fonts do, roughly: shift everything by a pixel. That must still pass. */
  @Test void toleranceAcceptsAOnePixelShift() throws IOException {
    BufferedImage golden = golden("activations");
    BufferedImage shifted = new BufferedImage(golden.getWidth(), golden.getHeight(), BufferedImage.TYPE_INT_RGB);
    var g = shifted.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, golden.getWidth(), golden.getHeight());
    g.drawImage(golden, 1, 1, null);
    g.dispose();
    ImageDiff.Result r = ImageDiff.compare(golden, shifted);
    assertTrue(r.same(), "a 1-pixel shift should be tolerated: " + r.report());
  }

  private static BufferedImage golden(String name) throws IOException {
    try (InputStream in = GoldenImageTest.class.getResourceAsStream("/golden/" + name + ".png")) {
      if (in == null) {
        fail("golden/" + name + ".png expected in plotting/src/test/resources, not found; render it with"
            + " -Djinn.plot.updateGolden=true after looking at the chart");
      }
      return ImageIO.read(in);
    }
  }

  /**
   * A line drawn over another that it coincides with is dashed, so the one beneath still shows: ReLU's
   * colour appears right of x = 0 in the activation chart, where leaky ReLU covers it exactly, and
   * tanh's colour appears along the rescaled sigmoid that covers it everywhere.
   */
  @Test void coincidingLinesStayVisible() {
    BufferedImage seed = SampleCharts.seedActivations().toImage();
    // series 3 is relu, 4 leaky relu; right half of the plot, where they coincide
    assertTrue(pixelsOf(seed, Theme.seriesColor(3), seed.getWidth() * 6 / 10, seed.getWidth()) > 40,
        "relu's colour right of x = 0, under leaky relu");
    BufferedImage overlap = SampleCharts.overlapping().toImage();
    assertTrue(pixelsOf(overlap, Theme.seriesColor(0), 0, overlap.getWidth()) > 80, "tanh under 2 sigmoid(2x) - 1");
    assertTrue(pixelsOf(overlap, Theme.seriesColor(1), 0, overlap.getWidth()) > 80, "2 sigmoid(2x) - 1 itself");
    int[] kinds = XYFigure.covering(java.util.List.of(
        new Series("a", new double[] {0, 1, 2}, new double[] {0, 1, 2}, Series.Style.LINE, null),
        new Series("b", new double[] {0, 1, 2}, new double[] {0, 1, 2}, Series.Style.LINE, null),
        new Series("c", new double[] {0, 1, 2}, new double[] {5, 6, 7}, Series.Style.LINE, null),
        new Series("d", new double[] {0, 1, 2}, new double[] {0, 1, 2}, Series.Style.LINE, null)), 100, 100);
    assertTrue(java.util.Arrays.equals(new int[] {0, 1, 0, 2}, kinds), java.util.Arrays.toString(kinds));
  }

  /** Pixels of about that colour (legend swatches included) between the columns {@code from} and {@code to}. */
  private static int pixelsOf(BufferedImage image, java.awt.Color color, int from, int to) {
    int n = 0;
    for (int x = from; x < to; x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        java.awt.Color c = new java.awt.Color(image.getRGB(x, y));
        if (Math.abs(c.getRed() - color.getRed()) + Math.abs(c.getGreen() - color.getGreen())
            + Math.abs(c.getBlue() - color.getBlue()) < 30) n++;
      }
    }
    return n;
  }
}
