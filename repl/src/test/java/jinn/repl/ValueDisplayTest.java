package jinn.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jinn.nn.Net;
import jinn.tensor.Tensor;
import jinn.train.History;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Each kind of value, evaluated in the engine, shown through the display registry. */
class ValueDisplayTest {

    static Engine engine;

    @BeforeAll
    static void start() {
        engine = Engine.start();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static EvalResult ok(String cell) {
        EvalResult r = engine.eval(cell);
        assertFalse(r.failed(), () -> "expected '" + cell + "' to run, got:\n" + r.text());
        return r;
    }

    @Test
    void tensorsShowValuesAndShape() {
        EvalResult r = ok("var t = tensor(new float[][]{{1, 2}, {3, 4}})");
        assertInstanceOf(Tensor.class, r.value());
        String text = r.text();
        assertTrue(text.startsWith("t ==>"), text);
        assertTrue(text.contains("shape=[2, 2]"), text);
        assertTrue(text.contains("[[1"), text);
    }

    @Test
    void bigTensorsAreSummarised() {
        String text = ok("zeros(1000, 1000)").text();
        assertTrue(text.contains("..."), text);
        assertTrue(text.lines().count() < 20, "a 1000x1000 tensor must fit a screen:\n" + text);
    }

    @Test
    void networksShowTheirSummaryTableOnItsOwnLines() {
        EvalResult r = ok("var model = net(2).dense(4).tanh().dense(1).sigmoid().build()");
        assertInstanceOf(Net.class, r.value());
        String[] lines = r.text().split("\n");
        assertEquals("model ==>", lines[0]);
        assertTrue(lines[1].startsWith("layer"), r.text());
        assertTrue(r.text().contains("total params: 17"), r.text());
    }

    @Test
    void aBuilderChainShowsTheNetworkItWouldBuild() {
        String text = ok("net(3).dense(2)").text();
        assertTrue(text.contains("total params: 8"), text);
    }

    @Test
    void anEmptyRecipeSaysWhatToDo() {
        String text = ok("net()").text();
        assertTrue(text.contains("a network recipe with no layers yet"), text);
        assertTrue(text.contains("net().dense(10)"), text);
    }

    @Test
    void historiesShowOneRowPerEpoch() {
        ok("var xorNet = net(2).dense(4).tanh().dense(1).sigmoid().seed(1).build();");
        EvalResult r = ok("var hist = xorNet.fit(xor(), 3)");
        assertInstanceOf(History.class, r.value());
        String text = r.text();
        assertTrue(text.startsWith("hist ==>\n3 epochs\n"), text);
        assertTrue(text.contains("loss"), text);
        assertEquals(3 + 3, text.lines().count(), "name, count, header and three epochs:\n" + text);
    }

    @Test
    void longHistoriesShowTheirFirstAndLastEpochs() {
        ok("var longNet = net(2).dense(4).tanh().dense(1).sigmoid().seed(2).build();");
        String text = ok("longNet.fit(xor(), epochs(40).quiet())").text();
        String[] lines = text.split("\n");
        assertEquals("40 epochs", lines[1], text);
        assertTrue(lines[3].strip().startsWith("1 "), text);
        assertEquals("   ... (30 more epochs; toTable() has them all)", lines[8], text);
        assertTrue(lines[lines.length - 1].strip().startsWith("40 "), text);
        assertEquals(1 + 1 + 1 + 5 + 1 + 5, lines.length, text);
    }

    @Test
    void chartsShowAsTextChartsWhereNoImageCanBeShown() {
        EvalResult r = ok("var activations = plot(Math::tanh, -3, 3)");
        assertInstanceOf(jinn.plot.Chart.class, r.value());
        String text = r.text();
        assertTrue(text.startsWith("activations ==>\n"), text);
        assertTrue(text.lines().count() >= 10, "a text chart has rows:\n" + text);
        assertTrue(text.chars().anyMatch(c -> c >= 0x2800 && c <= 0x28FF || c == '*' || c == '•' || c == '█'),
                "the curve is drawn with braille or block characters:\n" + text);
        assertFalse(text.contains("\u001b"), "plain context, no escape codes:\n" + text);
    }

    @Test
    void tablesShowAsTextTables() {
        EvalResult r = ok("Table.create(\"t\", DoubleColumn.create(\"x\", new double[]{1, 2, 3}))");
        assertInstanceOf(Table.class, r.value());
        assertTrue(r.text().contains("3 rows × 1 columns"), r.text());
    }

    @Test
    void valuesOfRegisteredRenderersUseThem() {
        String text = ok("new jinn.repl.display.Greeting(\"cell\")").text();
        assertTrue(text.endsWith("==> *** hello, cell (100 columns) ***"), text);
    }

    @Test
    void plainValuesLookAsInJShell() {
        assertTrue(ok("\"text\"").text().endsWith(" ==> \"text\""));
        assertTrue(ok("(Object) null").text().endsWith(" ==> null"));
    }
}
