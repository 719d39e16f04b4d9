package jinn.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LivePlotTest {
  /** A clock the test moves: training steps and redraws take exactly the time the test says. */
  static final class FakeClock {
    long now;
  }

  @Test void redrawsStayWithinTheTimeBudget() {
    FakeClock clock = new FakeClock();
    long drawCost = 150_000_000L; // 150 ms per redraw
    List<Boolean> frames = new ArrayList<>();
    LivePlot live = new LivePlot((chart, last) -> { clock.now += drawCost; frames.add(last); }, () -> clock.now);
    for (int batch = 0; batch < 60_000; batch++) { // 60,000 batches of 2 ms: 120 s of training
      clock.now += 2_000_000L;
      live.batch(1.0 / (1 + batch));
    }
    live.close();
    // 3% of 120 s is 3.6 s, i.e. about 24 redraws of 150 ms; never more than budget + the first and last frame
    assertTrue(live.drawShare() <= 0.03 + 2.0 * drawCost / clock.now,
        "drawing took " + 100 * live.drawShare() + "% of the time, budget 3%");
    assertTrue(live.redraws() >= 10, "a two-minute run should still redraw regularly, redrew " + live.redraws());
    assertEquals(Boolean.TRUE, frames.get(frames.size() - 1), "close() draws the final frame");
  }

  @Test void framesAreDrawnOffTheTrainingThreadAndCloseWaitsForThem() throws Exception {
    List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
    FakeClock clock = new FakeClock();
    LivePlot live = new LivePlot((chart, last) -> {
      threads.add(Thread.currentThread().getName() + (last ? " (last)" : ""));
      try { Thread.sleep(50); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
    }, () -> clock.now, true, false);
    live.awaitIdle(); // the warm-up render
    for (int i = 0; i < 5; i++) {
      clock.now += 2_000_000_000L; // 2 s per batch: every batch draws, once the last frame is done
      live.batch(1.0 / (i + 1));
      live.awaitIdle();
    }
    live.batch(0.1); // arrives while no frame is due: only close() can show it
    live.close();
    int after = threads.size();
    Thread.sleep(150);
    assertEquals(after, threads.size(), "close() returns only when every frame is out: " + threads);
    assertEquals(6, threads.size(), "five frames in the background and the final one: " + threads);
    for (int i = 0; i < threads.size() - 1; i++) assertEquals("jinn-live-plot", threads.get(i), "frame " + i);
    assertEquals(Thread.currentThread().getName() + " (last)", threads.get(threads.size() - 1),
        "the final frame is drawn by close() itself, so it is on screen when fit returns");
  }

  @Test void cheapRedrawsAreStillLimitedByTheInterval() {
    FakeClock clock = new FakeClock();
    int[] frames = {0};
    LivePlot live = new LivePlot((chart, last) -> frames[0]++, () -> clock.now)
        .every(java.time.Duration.ofMillis(500));
    for (int i = 0; i < 10_000; i++) { // 10 s in 1 ms steps, redraws free
      clock.now += 1_000_000L;
      live.batch(1);
    }
    assertTrue(frames[0] >= 19 && frames[0] <= 21, "expected about 20 redraws at 500 ms, received " + frames[0]);
  }

  @Test void chartShowsBatchesAndEpochs() {
    LivePlot live = new LivePlot((chart, last) -> {}, () -> 0);
    for (int i = 0; i < 100; i++) live.batch(Math.exp(-i / 30.0));
    live.epoch(0.3, 0.35);
    Chart c = live.chart();
    assertEquals("Chart[\"training\", 800x500, 3 series]", c.toString());
    String text = c.text();
    assertTrue(text.contains("batch") && text.contains("validation"), text);
  }

  @Test void textRedrawMovesTheCursorBackOverThePreviousFrame() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    LivePlot.TerminalSink sink = new LivePlot.TerminalSink(TerminalKind.TEXT, out, Map.of("TERM", "dumb"));
    Chart c = Plots.plot(new double[] {3, 2, 1});
    sink.draw(c, false);
    String first = bytes.toString(StandardCharsets.UTF_8);
    long lines = first.chars().filter(ch -> ch == '\n').count();
    bytes.reset();
    sink.draw(c, true);
    String second = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(second.startsWith("\r\u001b[" + lines + "A\u001b[J"), "expected cursor up " + lines + " lines and clear, received "
        + second.substring(0, 12).replace("\u001b", "ESC"));
    assertEquals(first, second.substring(second.indexOf("\u001b[J") + 3));
  }

  @Test void kittyRedrawDeletesTheOldImage() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LivePlot.TerminalSink sink = new LivePlot.TerminalSink(TerminalKind.KITTY,
        new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of());
    Chart c = Plots.plot(new double[] {3, 2, 1});
    sink.draw(c, false);
    bytes.reset();
    sink.draw(c, false);
    String second = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(second.startsWith("\u001b_Ga=d,d=I,i=4711,q=2\u001b\\\r\u001b[18A\u001b_Ga=T"),
        second.substring(0, 40).replace("\u001b", "ESC"));
  }
}
