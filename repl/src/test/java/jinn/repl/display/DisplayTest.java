package jinn.repl.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** The registry on its own: choice by priority, fallbacks, service registration, the plain renderers. */
class DisplayTest {

    record Fixed(String text, int priority, Class<?> type) implements DisplayRenderer {
        @Override
        public boolean accepts(Object value) {
            return type.isInstance(value);
        }

        @Override
        public MimeBundle render(Object value, DisplayContext context) {
            return MimeBundle.plain(text);
        }
    }

    static final DisplayContext PLAIN = DisplayContext.plain(80);

    @Test
    void theHighestPriorityAcceptingRendererWins() {
        Display d = Display.of(List.of(new Fixed("low", 0, Object.class), new Fixed("high", 5, String.class),
                new Fixed("other", 9, Integer.class)));
        assertEquals("high", d.render("x", "fallback", PLAIN).plain());
        assertEquals("other", d.render(3, "fallback", PLAIN).plain());
        assertEquals("low", d.render(3.0, "fallback", PLAIN).plain());
    }

    @Test
    void valuesNoRendererAcceptsKeepJShellsText() {
        Display d = Display.of(List.of(new Fixed("strings only", 0, String.class)));
        assertEquals("42", d.render(42, "42", PLAIN).plain());
        assertEquals("null", d.render(null, "null", PLAIN).plain());
    }

    @Test
    void aFailingRendererFallsBackAndSaysWhy() {
        DisplayRenderer broken = new DisplayRenderer() {
            @Override
            public boolean accepts(Object value) {
                return true;
            }

            @Override
            public MimeBundle render(Object value, DisplayContext context) {
                throw new IllegalStateException("no ink");
            }
        };
        String text = Display.of(List.of(broken)).render("v", "\"v\"", PLAIN).plain();
        assertTrue(text.startsWith("\"v\"   (display by "), text);
        assertTrue(text.endsWith("failed: java.lang.IllegalStateException: no ink)"), text);
    }

    @Test
    void renderersRegisteredAsServicesAreFound() {
        Display d = Display.standard();
        assertTrue(d.renderers().stream().anyMatch(r -> r instanceof GreetingRenderer), d.renderers().toString());
        MimeBundle b = d.render(new Greeting("you"), "Greeting[who=you]", PLAIN);
        assertEquals("*** hello, you (80 columns) ***", b.plain());
        assertEquals("<b>hello, you</b>", b.text(MimeBundle.HTML).orElseThrow());
    }

    @Test
    void longArraysAreSummarisedLikeNumPy() {
        ArrayRenderer r = new ArrayRenderer();
        assertEquals("int[3] { 1, 2, 3 }", r.render(new int[] {1, 2, 3}, PLAIN).plain());
        float[] ramp = new float[100];
        for (int i = 0; i < ramp.length; i++) ramp[i] = i;
        assertEquals("float[100] { 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, ..., 97.0, 98.0, 99.0 }", r.render(ramp, PLAIN).plain());
        assertEquals("int[][2] { int[1] { 1 }, int[2] { 2, 3 } }", r.render(new int[][] {{1}, {2, 3}}, PLAIN).plain());
        assertEquals("String[2] { \"a\", \"b\" }", r.render(new String[] {"a", "b"}, PLAIN).plain());
    }

    @Test
    void tablesShowTheirSizeAndSummariseLongOnes() {
        double[] xs = new double[25];
        for (int i = 0; i < xs.length; i++) xs[i] = i;
        Table t = Table.create("squares", DoubleColumn.create("x", xs), DoubleColumn.create("x2", xs).multiply(2));
        MimeBundle bundle = new TableRenderer().render(t, PLAIN);
        String text = bundle.plain();
        String html = bundle.text(MimeBundle.HTML).orElseThrow();
        assertTrue(html.startsWith("<table") && html.contains("<th>x</th>") && html.contains("<td>24</td><td>48</td>")
                && html.contains("colspan=\"2\">…") && !html.contains("<tr><td>12</td>"), html);
        String[] lines = text.split("\n");
        assertEquals("25 rows × 2 columns", lines[0]);
        assertTrue(text.contains("squares"), text);
        assertTrue(text.contains(" ...  |"), "the middle rows are summarised:\n" + text);
        assertTrue(text.lines().noneMatch(l -> l.startsWith("  12  |")), "row 12 must be summarised away:\n" + text);
        assertTrue(lines[lines.length - 1].contains("48"), "the tail is shown:\n" + text);
    }

    @Test
    void aChartIsTextPngAndSvgAndTheImagesAreMadeOnlyWhenAskedFor() {
        jinn.plot.Chart chart = jinn.plot.Plots.plot(new double[] {1, 4, 9}).title("squares");
        MimeBundle b = Display.standard().render(chart, "chart", PLAIN);
        assertEquals(List.of(MimeBundle.PLAIN, MimeBundle.PNG, MimeBundle.SVG), List.copyOf(b.types()));
        assertEquals("squares", b.title());
        assertTrue(b.plain().lines().count() > 5, "the plain text is a text chart:\n" + b.plain());
        byte[] png = b.bytes(MimeBundle.PNG).orElseThrow();
        assertEquals((byte) 0x89, png[0]);
        assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(b.text(MimeBundle.SVG).orElseThrow().contains("<svg"), "an SVG document");
    }

    @Test
    void aTextTerminalGetsThePlainTextAndAnImageTerminalTheImage() {
        MimeBundle b = MimeBundle.plain("text chart").withLazyBytes(MimeBundle.PNG, () -> new byte[] {1, 2, 3});
        DisplayContext ansi = new DisplayContext(80, true);
        assertEquals("text chart", TerminalDisplay.text(b, PLAIN, jinn.plot.TerminalKind.KITTY), "a pipe gets text");
        assertEquals("text chart", TerminalDisplay.text(b, ansi, jinn.plot.TerminalKind.TEXT));
        assertTrue(TerminalDisplay.text(b, ansi, jinn.plot.TerminalKind.KITTY).startsWith("\u001b_Ga=T,f=100"));
        assertTrue(TerminalDisplay.text(b, ansi, jinn.plot.TerminalKind.ITERM).startsWith("\u001b]1337;File="));
        assertEquals("(chart not shown: JINN_PLOT=none)", TerminalDisplay.text(b, PLAIN, jinn.plot.TerminalKind.NONE));
        assertEquals("plain", TerminalDisplay.text(MimeBundle.plain("plain"), ansi, jinn.plot.TerminalKind.NONE),
                "JINN_PLOT=none hides images only");
    }

    @Test
    void tensorsNetworksHistoriesAndEvaluationsComeWithHtml() {
        Display d = Display.standard();
        MimeBundle t = d.render(jinn.tensor.Tensor.of(new float[] {1, 2, 3, 4}, 2, 2), "t", PLAIN);
        assertTrue(t.text(MimeBundle.HTML).orElseThrow().contains("<td>4.0</td>"), t.text(MimeBundle.HTML).orElseThrow());
        MimeBundle net = d.render(jinn.Jinn.net(2).dense(1), "net", PLAIN);
        assertTrue(net.plain().contains("total params: 3"), net.plain());
        assertTrue(net.text(MimeBundle.HTML).orElseThrow().startsWith("<pre>"));
        MimeBundle e = d.render(new jinn.train.Evaluation(0.25, 0.9, 100), "e", PLAIN);
        assertEquals("loss: 0.2500  accuracy: 0.9000  (100 samples)", e.plain());
        assertTrue(e.text(MimeBundle.HTML).orElseThrow().contains("<td>accuracy</td><td>0.9000</td>"));
    }

    @Test
    void aBundleKeepsItsTypesInOrderAndRefusesNulls() {
        MimeBundle b = MimeBundle.plain("x").with(MimeBundle.HTML, "<i>x</i>").with(MimeBundle.MARKDOWN, "*x*");
        assertEquals(List.of(MimeBundle.PLAIN, MimeBundle.HTML, MimeBundle.MARKDOWN), List.copyOf(b.types()));
        assertTrue(b.bytes(MimeBundle.PNG).isEmpty());
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> b.with(MimeBundle.HTML, (String) null));
        assertTrue(e.getMessage().contains("text/html"), e.getMessage());
        var wrongKind = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> b.bytes(MimeBundle.HTML));
        assertTrue(wrongKind.getMessage().contains("text(\"text/html\")"), wrongKind.getMessage());
    }
}
