package jinn.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ChartTest {
  @TempDir Path dir;

  @Test void savesPngJpgAndSvg() throws Exception {
    Chart c = Plots.plot(Math::sin, 0, 6).size(400, 300);
    BufferedImage png = ImageIO.read(c.save(dir.resolve("a.png")).toFile());
    assertEquals(400, png.getWidth());
    assertEquals(300, png.getHeight());
    BufferedImage jpg = ImageIO.read(c.save(dir.resolve("sub/a.jpg").toString()).toFile());
    assertEquals(400, jpg.getWidth());
    String svg = Files.readString(c.save(dir.resolve("a.svg")));
    assertTrue(svg.contains("<svg") && svg.contains("width=\"400"), svg.substring(0, Math.min(300, svg.length())));
  }

  @Test void unknownExtensionNamesTheAcceptedOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Plots.plot(Math::sin, 0, 1).save(dir.resolve("a.gif")));
    assertTrue(e.getMessage().endsWith("expected a file name ending in .png, .jpg, .jpeg or .svg"), e.getMessage());
  }

  @Test void errorsSayWhatWasExpectedAndReceived() {
    assertEquals("chart size: expected at least 50 x 50 pixels, received 10 x 500",
        assertThrows(IllegalArgumentException.class, () -> Plots.plot(Math::sin, 0, 1).size(10, 500)).getMessage());
    assertEquals("plot: expected a finite range from < to, received [1.0, 1.0]",
        assertThrows(IllegalArgumentException.class, () -> Plots.plot(Math::sin, 1, 1)).getMessage());
    assertEquals("series 'null': expected as many x as y values, received 2 x and 3 y",
        assertThrows(IllegalArgumentException.class, () -> Plots.plot(new double[2], new double[3])).getMessage());
    assertEquals("digits: expected square images (e.g. 784 = 28 x 28 pixels), received 10 pixels; use images(pixels, width, height, ...) for other shapes",
        assertThrows(IllegalArgumentException.class, () -> Plots.digits(new float[][] {new float[10]})).getMessage());
    assertEquals("confusion: expected labels in 0..1, received true 0 and predicted 2 at index 1",
        assertThrows(IllegalArgumentException.class, () -> Plots.confusion(new int[] {0, 0}, new int[] {0, 2}, 2)).getMessage());
    assertEquals("and(\"x\", f): expected a line chart to add a curve to, received a chart of 4 bars",
        assertThrows(IllegalStateException.class,
            () -> SampleCharts.bars().and("x", Math::sin)).getMessage());
  }

  @Test void andAddsACurveOverTheSameRange() {
    Chart c = Plots.plot(-10, 10, "relu", x -> Math.max(0, x)).and("leaky relu", x -> Math.max(0.1 * x, x));
    assertEquals("Chart[800x500, 2 series]", c.toString());
    assertTrue(c.text().contains("* relu   + leaky relu"), c.text());
  }

  @Test void dashedSeriesKeepsItsColourAndGapsAppear() {
    Chart solid = Plots.plot(-6, 6, "step", x -> x >= 0 ? 1 : 0, "sigmoid", x -> 1 / (1 + Math.exp(-x))).size(400, 300);
    Chart dashed = Plots.plot(-6, 6, "step", x -> x >= 0 ? 1 : 0, "sigmoid", x -> 1 / (1 + Math.exp(-x))).size(400, 300)
        .dashed("step");
    int blueSolid = count(solid.toImage(), 0x1F77B4), blueDashed = count(dashed.toImage(), 0x1F77B4);
    assertTrue(blueDashed > 0 && blueDashed < blueSolid * 0.8,
        "a dashed step keeps its blue but covers less: " + blueDashed + " vs " + blueSolid + " pixels");
    assertEquals("dashed(\"tanh\"): expected one of the series [step, sigmoid], received a name that is none of them",
        assertThrows(IllegalArgumentException.class, () -> solid.dashed("tanh")).getMessage());
  }

  private static int count(BufferedImage img, int rgb) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) if (ImageDiff.maxChannelDiff(img.getRGB(x, y), rgb) < 40) n++;
    }
    return n;
  }

  @Test void tablesawColumnsAgainstEachOther() {
    Table t = Table.create("history",
        DoubleColumn.create("epoch", 1, 2, 3),
        DoubleColumn.create("loss", 0.9, 0.5, 0.3),
        StringColumn.create("note", "a", "b", "c"));
    Chart c = Plots.plot(t, "epoch", "loss");
    assertEquals("Chart[\"history\", 800x500, 1 series]", c.toString());
    assertTrue(c.text().contains("epoch"), c.text());
    assertEquals("table 'history': expected a column named 'acc', received columns [epoch, loss, note]",
        assertThrows(IllegalArgumentException.class, () -> Plots.plot(t, "epoch", "acc")).getMessage());
    assertEquals("table 'history': expected column 'note' to be numeric, received STRING",
        assertThrows(IllegalArgumentException.class, () -> Plots.scatter(t, "epoch", "note")).getMessage());
  }

  @Test void histogramCountsEveryValueOnce() {
    Series s = Plots.histogramSeries(null, new double[] {0, 0.1, 0.5, 0.99, 1}, 4, 0);
    double total = 0;
    for (int i = 1; i < s.y().length - 1; i += 2) total += s.y()[i];
    assertEquals(5, total);
  }

  @Test void decisionBoundaryShadesBothSides() {
    Chart c = Plots.decisionBoundary((x, y) -> x > 0 ? 0.9 : 0.1, new double[][] {{-1, 0}, {1, 0}}, new int[] {0, 1})
        .size(300, 200);
    BufferedImage img = c.toImage();
    int left = img.getRGB(90, 100), right = img.getRGB(230, 100);
    assertTrue((left & 0xFF) > ((left >> 16) & 0xFF), "left of the boundary tinted blue: " + Integer.toHexString(left));
    assertTrue(((right >> 16) & 0xFF) > (right & 0xFF), "right of the boundary tinted orange: " + Integer.toHexString(right));
  }
}
