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
        public String render(Object value, DisplayContext context) {
            return text;
        }
    }

    static final DisplayContext PLAIN = DisplayContext.plain(80);

    @Test
    void theHighestPriorityAcceptingRendererWins() {
        Display d = Display.of(List.of(new Fixed("low", 0, Object.class), new Fixed("high", 5, String.class),
                new Fixed("other", 9, Integer.class)));
        assertEquals("high", d.render("x", "fallback", PLAIN));
        assertEquals("other", d.render(3, "fallback", PLAIN));
        assertEquals("low", d.render(3.0, "fallback", PLAIN));
    }

    @Test
    void valuesNoRendererAcceptsKeepJShellsText() {
        Display d = Display.of(List.of(new Fixed("strings only", 0, String.class)));
        assertEquals("42", d.render(42, "42", PLAIN));
        assertEquals("null", d.render(null, "null", PLAIN));
    }

    @Test
    void aFailingRendererFallsBackAndSaysWhy() {
        DisplayRenderer broken = new DisplayRenderer() {
            @Override
            public boolean accepts(Object value) {
                return true;
            }

            @Override
            public String render(Object value, DisplayContext context) {
                throw new IllegalStateException("no ink");
            }
        };
        String text = Display.of(List.of(broken)).render("v", "\"v\"", PLAIN);
        assertTrue(text.startsWith("\"v\"   (display by "), text);
        assertTrue(text.endsWith("failed: java.lang.IllegalStateException: no ink)"), text);
    }

    @Test
    void renderersRegisteredAsServicesAreFound() {
        Display d = Display.standard();
        assertTrue(d.renderers().stream().anyMatch(r -> r instanceof GreetingRenderer), d.renderers().toString());
        assertEquals("*** hello, you (80 columns) ***", d.render(new Greeting("you"), "Greeting[who=you]", PLAIN));
    }

    @Test
    void longArraysAreSummarisedLikeNumPy() {
        ArrayRenderer r = new ArrayRenderer();
        assertEquals("int[3] { 1, 2, 3 }", r.render(new int[] {1, 2, 3}, PLAIN));
        float[] ramp = new float[100];
        for (int i = 0; i < ramp.length; i++) ramp[i] = i;
        assertEquals("float[100] { 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, ..., 97.0, 98.0, 99.0 }", r.render(ramp, PLAIN));
        assertEquals("int[][2] { int[1] { 1 }, int[2] { 2, 3 } }", r.render(new int[][] {{1}, {2, 3}}, PLAIN));
        assertEquals("String[2] { \"a\", \"b\" }", r.render(new String[] {"a", "b"}, PLAIN));
    }

    @Test
    void tablesShowTheirSizeAndSummariseLongOnes() {
        double[] xs = new double[25];
        for (int i = 0; i < xs.length; i++) xs[i] = i;
        Table t = Table.create("squares", DoubleColumn.create("x", xs), DoubleColumn.create("x2", xs).multiply(2));
        String text = new TableRenderer().render(t, PLAIN);
        String[] lines = text.split("\n");
        assertEquals("25 rows × 2 columns", lines[0]);
        assertTrue(text.contains("squares"), text);
        assertTrue(text.contains(" ...  |"), "the middle rows are summarised:\n" + text);
        assertTrue(text.lines().noneMatch(l -> l.startsWith("  12  |")), "row 12 must be summarised away:\n" + text);
        assertTrue(lines[lines.length - 1].contains("48"), "the tail is shown:\n" + text);
    }
}
