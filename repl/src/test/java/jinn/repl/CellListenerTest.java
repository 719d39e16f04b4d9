package jinn.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import jinn.repl.display.MimeBundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one display model from the engine's side: what a front end hears while a cell runs (streams
 * by name, displayed bundles, outcomes with their lines), and which values a notebook shows,
 * decided from JShell's snippet kinds.
 */
class CellListenerTest {

    static Engine engine;

    @BeforeAll
    static void start() {
        engine = Engine.start();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** Everything heard, in order, as short strings: "stdout:hi\n", "display:x", "outcome:VALUE@2". */
    static final class Heard implements CellListener {
        final List<String> events = new ArrayList<>();
        final List<MimeBundle> bundles = new ArrayList<>();
        final List<Outcome> outcomes = new ArrayList<>();
        final boolean inPlace;

        Heard(boolean inPlace) {
            this.inPlace = inPlace;
        }

        @Override
        public synchronized void stream(String name, String text) {
            events.add(name + ":" + text);
        }

        @Override
        public synchronized void display(MimeBundle bundle, String displayId, boolean update) {
            events.add((update ? "update:" : "display:") + displayId + "=" + bundle.plain());
            bundles.add(bundle);
        }

        @Override
        public synchronized void outcome(Outcome o) {
            events.add("outcome:" + o.kind() + "@" + o.line() + (o.result() ? " result" : ""));
            outcomes.add(o);
        }

        @Override
        public boolean echo() {
            return false;
        }

        @Override
        public boolean updatesInPlace() {
            return inPlace;
        }
    }

    private static Heard run(String cell) {
        Heard h = new Heard(false);
        engine.eval(cell, h);
        return h;
    }

    @Test
    void streamsAreNamedAndComeInOrderWithTheOutcomes() {
        Heard h = run("System.out.println(\"one\");\nSystem.err.println(\"two\");\n6 * 7");
        assertEquals(List.of("stdout:one\n", "outcome:SILENT@1", "stderr:two\n", "outcome:SILENT@2", "outcome:VALUE@3 result"),
                h.events);
    }

    @Test
    void onlyExpressionsAndBareVariablesAreResults() {
        Heard h = run("int a = 20;\na = 5;\na + 1;\nSystem.out.printf(\"%d%n\", a);\nString s = null;\ns");
        h.outcomes.addAll(run("a").outcomes);
        assertTrue(h.outcomes.stream().noneMatch(o -> o.kind() == Outcome.Kind.ERROR), () -> h.outcomes.toString());
        List<String> results = h.outcomes.stream().filter(Outcome::result).map(o -> o.source().strip()).toList();
        assertEquals(List.of("a + 1;", "a"), results, h.events.toString());
        Outcome sum = h.outcomes.stream().filter(o -> o.source().strip().equals("a + 1;")).findFirst().orElseThrow();
        assertEquals("6", sum.bundle().plain());
        assertEquals(3, sum.line());
    }

    @Test
    void aResultCarriesItsBundle() {
        Heard h = run("plot(new double[] {1, 2, 3})");
        Outcome o = h.outcomes.get(0);
        assertTrue(o.result());
        assertTrue(o.bundle().has(MimeBundle.PNG), o.bundle().types().toString());
    }

    @Test
    void displayReachesTheListenerInOrderWithPrints() {
        Heard h = run("System.out.println(\"before\");\ndisplay(tensor(new float[] {1, 2}));\ndisplay(\"x\", \"status\");\n"
                + "updateDisplay(\"status\", \"y\");\nSystem.out.println(\"after\");");
        List<String> shown = h.events.stream().filter(e -> !e.startsWith("outcome:")).toList();
        assertEquals("stdout:before\n", shown.get(0));
        assertTrue(shown.get(1).startsWith("display:null=tensor"), shown.toString());
        assertEquals(List.of("display:status=x", "update:status=y", "stdout:after\n"), shown.subList(2, 5));
        assertTrue(h.bundles.get(0).has(MimeBundle.HTML), "a tensor comes with HTML");
    }

    @Test
    void withoutAListenerDisplayPrintsAsTheTerminalShowsIt() {
        EvalResult r = engine.eval("display(\"shown\"); display(\"again\", \"id\"); updateDisplay(\"id\", \"updated\");");
        assertFalse(r.failed(), r.text());
        assertEquals("shown\nagain\nupdated\n", r.output());
    }

    @Test
    void liveOutputAsksTheRunningCellWhetherUpdatesReplace() {
        Heard inPlace = new Heard(true);
        engine.eval("jinn.display.Displays.current().updatesInPlace()", inPlace);
        assertEquals(Boolean.TRUE, inPlace.outcomes.get(0).value());
        assertEquals(Boolean.FALSE, run("jinn.display.Displays.current().updatesInPlace()").outcomes.get(0).value());
    }

    @Test
    void aStringLiteralOfThousandsOfCharactersRuns() {
        String big = "a".repeat(20_000);
        Heard h = run("String s = \"" + big + "\";\ns.length()");
        assertEquals("20000", h.outcomes.get(1).bundle().plain(), h.events.toString());
        assertEquals("refused", run("\"System.exit(0)\".isEmpty() ? \"x\" : \"refused\"").outcomes.get(0).value(),
                "System.exit inside a string is not a call");
    }

    @Test
    void thousandsOfNestedParenthesesAreTheCellsErrorNotTheSessionsEnd() {
        run("int kept = 7;");
        String deep = "(".repeat(5000) + "1" + ")".repeat(5000);
        Heard h = run("int x = " + deep + ";");
        Outcome o = h.outcomes.get(h.outcomes.size() - 1);
        assertEquals(Outcome.Kind.ERROR, o.kind(), h.events.toString());
        assertTrue(o.display().contains("nested too deeply") || o.display().startsWith("error:"), o.display());
        assertEquals("7", run("kept").outcomes.get(0).bundle().plain(), "the session goes on");
    }

    @Test
    void aCellThatSetsSystemOutToNullDoesNotSilenceTheNextOnes() {
        run("System.setOut(null);");
        assertNotNull(System.out);
        Heard h = run("System.out.println(\"still here\");");
        assertEquals("stdout:still here\n", h.events.get(0));
    }

    @Test
    void errorsCarryTheLineTheirSnippetStartsOn() {
        Heard h = run("int b = 1;\n\n\nint c = b +\n  undefinedName;");
        Outcome err = h.outcomes.get(1);
        assertEquals(Outcome.Kind.ERROR, err.kind());
        assertEquals(4, err.line());
        assertTrue(err.display().contains("undefinedName"), err.display());
    }

    @Test
    void whereUpdatesReplaceAFitsProgressIsOneOutput() {
        Heard h = new Heard(true);
        engine.eval("net(2).dense(4).tanh().dense(1).sigmoid().fit(xor(), epochs(40).batchSize(1).optimizer(sgd(0.1)));", h);
        List<String> shown = h.events.stream().filter(e -> e.startsWith("display:") || e.startsWith("update:")).toList();
        assertFalse(shown.isEmpty(), h.events.toString());
        String id = shown.get(0).substring("display:".length(), shown.get(0).indexOf('='));
        assertTrue(shown.get(0).startsWith("display:jinn-progress-"), shown.get(0));
        assertTrue(shown.subList(1, shown.size()).stream().allMatch(e -> e.startsWith("update:" + id + "=")), shown.toString());
        assertTrue(h.events.stream().noneMatch(e -> e.startsWith("stdout:Epoch")), "no progress lines printed: " + h.events);
        String last = h.bundles.get(h.bundles.size() - 1).plain();
        assertTrue(last.contains("Epoch 40/40") && last.contains("Epoch  1/40"), last);
    }

    @Test
    void whereUpdatesReplaceALiveLossCurveIsOneChartReplaced() {
        Heard h = new Heard(true);
        engine.eval("net(2).dense(4).tanh().dense(1).sigmoid().fit(xor(), liveLoss(epochs(20).batchSize(1).optimizer(sgd(0.1))));", h);
        List<MimeBundle> charts = h.bundles.stream().filter(b -> b.has(MimeBundle.PNG)).toList();
        assertFalse(charts.isEmpty(), h.events.toString());
        List<String> chartEvents = h.events.stream().filter(e -> e.contains("jinn-live-plot-")).toList();
        assertTrue(chartEvents.get(0).startsWith("display:jinn-live-plot-"), chartEvents.toString());
        assertTrue(chartEvents.stream().skip(1).allMatch(e -> e.startsWith("update:jinn-live-plot-")), chartEvents.toString());
    }

    @Test
    void aNotebookEngineDropsAnExpressionsTemporaryOnceShownSoSnippetsDoNotPileUp() {
        try (Engine notebook = Engine.builder().keepTemporaries(false).build()) {
            notebook.eval("int kept = 1;");
            int before = notebook.snippets().size();
            for (int i = 0; i < 30; i++) {
                Heard h = new Heard(false);
                notebook.eval("kept + " + i, h);
                assertEquals(String.valueOf(1 + i), h.outcomes.get(0).bundle().plain());
                assertTrue(h.outcomes.get(0).result());
            }
            assertEquals(before, notebook.snippets().size(), notebook.snippets().toString());
        }
        int before = engine.snippets().size();
        engine.eval("6 * 7");
        assertEquals(before + 1, engine.snippets().size(), "the REPL keeps $N, which it shows and the user may type");
    }
}
