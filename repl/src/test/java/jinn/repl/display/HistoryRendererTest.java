package jinn.repl.display;

import static jinn.Jinn.epochs;
import static jinn.Jinn.net;
import static jinn.Jinn.sgd;
import static jinn.Jinn.xor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinn.train.History;
import org.junit.jupiter.api.Test;

/** A fit's history as the notebook front ends show it: the text's figures as an HTML table. */
class HistoryRendererTest {

    static History fit(int epochs) {
        return net(2).dense(4).tanh().dense(1).sigmoid().seed(3).build()
                .fit(xor(), epochs(epochs).batchSize(4).optimizer(sgd(0.5)).seed(3).quiet());
    }

    private static List<String> cells(String html, String tag) {
        Matcher m = Pattern.compile("<" + tag + ">([^<]*)</" + tag + ">").matcher(html);
        return m.results().map(r -> r.group(1)).toList();
    }

    @Test
    void theTableHasTheTextsFiguresAndEachEpochsSamplesPerSecond() {
        History h = fit(3);
        MimeBundle b = new HistoryRenderer().render(h, DisplayContext.plain(80));
        String html = b.text(MimeBundle.HTML).orElseThrow();
        assertTrue(html.contains("<caption>3 epochs</caption>"), html);
        assertEquals(List.of("epoch", "loss", "accuracy", "seconds", "samples/s"), cells(html, "th"));
        List<String> td = cells(html, "td");
        assertEquals(15, td.size(), html);
        // Row by row the same figures as the text, which History.toString formats.
        List<String> text = h.toString().lines().skip(1).limit(3).toList();
        for (int r = 0; r < 3; r++) {
            assertEquals(List.of(text.get(r).trim().split("\\s+")), td.subList(5 * r, 5 * r + 4), html);
            assertEquals(Math.round(h.epochs().get(r).samplesPerSecond()), Long.parseLong(td.get(5 * r + 4)));
        }
    }

    @Test
    void aLongRunShowsItsFirstAndLastEpochsAroundAGap() {
        History h = fit(30);
        String html = new HistoryRenderer().render(h, DisplayContext.plain(80)).text(MimeBundle.HTML).orElseThrow();
        List<String> epochsShown = Pattern.compile("<tr><td>(\\d+)</td>").matcher(html).results().map(r -> r.group(1)).toList();
        assertEquals(TableRenderer.ROWS, epochsShown.size(), html);
        assertEquals("1", epochsShown.get(0));
        assertEquals("10", epochsShown.get(TableRenderer.ROWS / 2 - 1));
        assertEquals("21", epochsShown.get(TableRenderer.ROWS / 2));
        assertEquals("30", epochsShown.get(TableRenderer.ROWS - 1));
        assertTrue(html.contains("<td colspan=\"5\">…</td>"), html);
    }

    /**
     * In a fresh JVM (Tablesaw's first table scans the class path, once per JVM): showing a
     * history loads no ClassGraph, and toTable() afterwards does, which shows the check can see it.
     */
    @Test
    void showingAHistoryLeavesTablesawsClassPathScanUnrun() throws Exception {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-verbose:class", "-Djinn.warmUp=false", "-Xshare:off",
                "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        int shown = out.indexOf("history shown"), table = out.indexOf("table made");
        assertTrue(shown > 0 && table > shown, out);
        String scan = "io.github.classgraph.ClassGraph ";
        assertFalse(out.substring(0, shown).contains(scan), "ClassGraph loaded before the history was shown");
        assertTrue(out.substring(shown, table).contains(scan), "the control: toTable() runs Tablesaw's scan");
    }

    /** The fresh JVM's work. */
    public static final class Child {
        public static void main(String[] args) {
            History h = fit(2);
            String html = new HistoryRenderer().render(h, DisplayContext.plain(80)).text(MimeBundle.HTML).orElseThrow();
            if (!html.contains("<table")) throw new AssertionError(html);
            System.out.println("history shown");
            System.out.println(h.toTable().rowCount());
            System.out.println("table made");
        }
    }
}
