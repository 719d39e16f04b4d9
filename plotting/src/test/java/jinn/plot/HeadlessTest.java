package jinn.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The tests run with DISPLAY empty (see the surefire settings): nothing may throw HeadlessException. */
class HeadlessTest {
  @Test void noDisplayMeansHeadlessAndShowPrintsInstead() {
    assertEquals("", System.getenv().getOrDefault("DISPLAY", ""), "this test needs DISPLAY unset, as on a server");
    Chart chart = Plots.plot(Math::cos, -3, 3).title("cos");
    assertTrue(GraphicsEnvironment.isHeadless(), "with no DISPLAY, plotting must switch AWT to headless");
    PrintStream saved = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      chart.show();
    } finally {
      System.setOut(saved);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("cos") && out.contains("┤"), "show() without a display prints the chart inline:\n" + out);
  }

  @Test void everyOutputWorksHeadless() throws java.io.IOException {
    for (Chart c : new Chart[] {SampleCharts.seedActivations(), SampleCharts.bars(), SampleCharts.confusionMatrix(),
        SampleCharts.xorBoundary(), SampleCharts.layerHistograms(), SampleCharts.digitGrid(), SampleCharts.lossCurve(),
        SampleCharts.scatterClasses()}) {
      assertTrue(c.toPng().length > 1000, c + ": PNG");
      assertTrue(c.toSvg().contains("<svg"), c + ": SVG");
      assertTrue(!c.text().isBlank(), c + ": text");
    }
  }

  @Test void warmUpRunsOnADaemonThreadAndFinishes() throws InterruptedException {
    Plots.warmUp();
    Thread warm = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("jinn-plot-warm-up")).findFirst().orElse(null);
    if (warm != null) { // null: it already finished
      assertTrue(warm.isDaemon(), "a warm-up must never keep the JVM alive");
      warm.join(60_000);
      assertTrue(!warm.isAlive(), "warm-up should finish");
    }
  }

  @Test void liveWindowFallsBackToInline() {
    PrintStream saved = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      LivePlot live = LivePlot.window();
      live.batch(1.0);
      live.batch(0.5);
      live.close();
    } finally {
      System.setOut(saved);
    }
    assertTrue(captured.size() > 0, "a live plot with no display draws inline");
  }
}
