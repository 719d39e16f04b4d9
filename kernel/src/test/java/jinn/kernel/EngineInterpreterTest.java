package jinn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** jinn's engine behind the kernel's interface: results, errors with cell and line, completeness, stop, System.in. */
class EngineInterpreterTest {

    private static EngineInterpreter jinn;

    @BeforeAll
    static void start() {
        jinn = EngineInterpreter.start();
    }

    /** Records what a cell sends, as the kernel would publish it. */
    static final class Recorder implements Interpreter.CellEvents {
        final List<String> stdout = new ArrayList<>();
        final List<String> stderr = new ArrayList<>();
        final List<String> displays = new ArrayList<>();
        final List<Interpreter.MimeData> bundles = new ArrayList<>();
        final List<String> displayIds = new ArrayList<>();
        Interpreter.MimeData resultData;
        String result;
        String input;
        final int count;

        Recorder(int count) {
            this.count = count;
        }

        @Override
        public int executionCount() {
            return count;
        }

        @Override
        public synchronized void stream(String name, String text) {
            ("stderr".equals(name) ? stderr : stdout).add(text);
        }

        @Override
        public synchronized void display(Interpreter.MimeData data, String displayId, boolean update) {
            displays.add(data.data().get("text/plain"));
            bundles.add(data);
            displayIds.add((update ? "update " : "") + displayId);
        }

        @Override
        public void result(Interpreter.MimeData data) {
            resultData = data;
            result = data.data().get("text/plain");
        }

        @Override
        public String readLine(String prompt) throws IOException {
            if (input == null) throw new IOException("this cell reads System.in, but the front end does not accept input (allow_stdin is false)");
            return input;
        }
    }

    private static Recorder run(String code) {
        Recorder r = new Recorder(7);
        Interpreter.ExecuteOutcome o = jinn.execute(code, r);
        assertTrue(o.ok(), code + " failed: " + o);
        return r;
    }

    @Test
    void anExpressionIsTheResultADeclarationIsNot() {
        assertEquals("2", run("1 + 1").result);
        assertNull(run("int a = 20;").result);
        assertEquals("20", run("a").result);
        Recorder two = run("int q = 1;\nq + 1;\nq + 2");
        assertEquals("3", two.result, "the last value is the cell's result");
        assertEquals(List.of("2"), two.displays, "earlier values of the cell are shown as displays");
    }

    @Test
    void valuesArriveAsBundlesAndChartsAsPng() {
        Recorder t = run("tensor(new float[] {1, 2, 3})");
        assertTrue(t.resultData.data().containsKey("text/html"), t.resultData.data().keySet().toString());
        Recorder chart = run("plot(x -> x * x, -1, 1)");
        String png = chart.resultData.data().get("image/png");
        assertTrue(png != null && png.length() > 1000, chart.resultData.data().keySet().toString());
        byte[] bytes = java.util.Base64.getDecoder().decode(png);
        assertEquals("PNG", new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(!chart.resultData.data().containsKey("image/svg+xml"),
                "no SVG beside the PNG: front ends would prefer it, and nbconvert drew it blank");
    }

    @Test
    void displaysAndUpdatesKeepTheirId() {
        Recorder r = run("display(\"first\", \"progress\"); updateDisplay(\"progress\", \"second\"); display(42);");
        assertEquals(List.of("progress", "update progress", "null"), r.displayIds);
        assertEquals(List.of("first", "second", "42"), r.displays);
        assertNull(r.result);
    }

    @Test
    void printedTextArrivesAsStreams() {
        Recorder r = run("System.out.println(\"out\"); System.err.println(\"err\");");
        assertEquals("out\n", String.join("", r.stdout));
        assertEquals("err\n", String.join("", r.stderr));
    }

    @Test
    void errorsNameTheExceptionTheCellAndTheLine() {
        Recorder r = new Recorder(3);
        Interpreter.ExecuteOutcome o = jinn.execute("int b = 1;\nint c = b / 0;", r);
        assertFalse(o.ok());
        assertEquals("ArithmeticException", o.ename());
        assertEquals("/ by zero", o.evalue());
        assertEquals("Cell In[3], line 2", o.traceback().get(0));

        o = jinn.execute("int d = 1;\n\nd + undefinedName", new Recorder(4));
        assertEquals("CompileError", o.ename());
        assertEquals("Cell In[4], line 3", o.traceback().get(0));
        assertTrue(String.join("\n", o.traceback()).contains("undefinedName"), o.traceback().toString());
    }

    @Test
    void timeMagicRunsTheCellOnceThenSaysHowLongRunningAndCompilingTook() {
        Recorder r = run("%%time\nint seven = 7;\nseven * 6");
        assertEquals("42", r.result);
        String out = String.join("", r.stdout);
        assertTrue(out.matches("(?s)CPU times: total .+\nWall time: .+ \\(running .+, compiling .+\\)\n"), out);

        r = run("%time seven + 1");
        assertEquals("8", r.result);
        assertTrue(String.join("", r.stdout).contains("Wall time: "), r.stdout.toString());
    }

    @Test
    void anErrorUnderAMagicNamesItsLineInTheCell() {
        Interpreter.ExecuteOutcome o = jinn.execute("%%time\nint q = 1;\nq.foo()", new Recorder(5));
        assertEquals("CompileError", o.ename());
        assertEquals("Cell In[5], line 3", o.traceback().get(0));

        Recorder r = new Recorder(6);
        o = jinn.execute("%time Integer.parseInt(\"x\")", r);
        assertEquals("NumberFormatException", o.ename());
        assertTrue(r.stdout.isEmpty(), "no time for a statement that failed: " + r.stdout);
    }

    @Test
    void replCommandsRunAsLineMagicsUnderTheirNamesAndIPythons() {
        run("int kept2 = 5;");
        for (String who : List.of("%who", "%whos", "%vars", "/vars")) {
            assertTrue(String.join("", run(who).stdout).contains("kept2  int  5"), who);
        }
        Recorder r = run("%who\nkept2 * 2");
        assertEquals("10", r.result, "Java after the magic lines runs as the cell");
        assertTrue(String.join("", run("%timeit kept2 * 3").stdout).startsWith("median "));
        assertTrue(String.join("", run("%lsmagic").stdout).contains("%%time"));
    }

    @Test
    void aQuestionMarkShowsTheDocumentationAndRichTextKeepsItsType() {
        assertTrue(String.join("", run("Math.max?").stdout).contains("max(int"));
        Recorder r = run("markdown(\"**bold**\")");
        assertEquals("**bold**", r.resultData.data().get("text/markdown"));
        r = run("html(\"<b>5</b> &amp; more\")");
        assertEquals("<b>5</b> &amp; more", r.resultData.data().get("text/html"));
        assertEquals("5 & more", r.result, "the plain text beside it: no tags");
        r = run("latex(\"$$x^2$$\")");
        assertEquals("$$x^2$$", r.resultData.data().get("text/latex"));
    }

    @Test
    void unknownMagicsAndTheReplsOwnCommandsAreUsageErrorsThatSayWhatToDo() {
        Interpreter.ExecuteOutcome o = jinn.execute("%nosuchmagic 1", new Recorder(8));
        assertEquals("UsageError", o.ename());
        assertTrue(o.evalue().contains("%nosuchmagic") && o.evalue().contains("%lsmagic"), o.evalue());
        o = jinn.execute("%%nosuch\n1 + 1", new Recorder(8));
        assertEquals("UsageError", o.ename());
        assertTrue(o.evalue().contains("%%time"), o.evalue());
        o = jinn.execute("%save session.jsh", new Recorder(8));
        assertEquals("UsageError", o.ename());
        assertTrue(o.evalue().contains("jinn export"), o.evalue());
        o = jinn.execute("%time", new Recorder(8));
        assertEquals("UsageError", o.ename());
        o = jinn.execute("%drop", new Recorder(8));
        assertEquals("UsageError", o.ename(), "a command that throws is an error, with its usage");
        assertTrue(o.evalue().contains("usage: /drop"), o.evalue());
    }

    @Test
    void shiftTabOnAMagicSaysWhatItDoes() {
        assertEquals("%timeit STATEMENT\n  run it repeatedly (about 2 s): the median time (the REPL's /time)", jinn.inspect("%timeit 1 + 1", 4).orElseThrow());
        assertTrue(jinn.inspect("int a4 = 1;\n%who", 15).orElseThrow().startsWith("%vars\n  list the variables"));
        assertTrue(jinn.inspect("%%time\n1 + 1", 2).orElseThrow().startsWith("%%time\n  run the cell once"));
        assertTrue(jinn.inspect("%save x", 3).orElseThrow().contains("jinn export"));
        assertTrue(jinn.inspect("%nosuch", 3).isEmpty());
        assertTrue(jinn.inspect("%timeit Math.max(1, 2)", 22).orElseThrow().contains("max(int"), "past the name: the code's documentation");
    }

    @Test
    void magicsCompleteAndACellMagicWaitsForItsBody() {
        assertEquals(List.of("%time", "%timeit"), jinn.complete("%ti", 3).matches());
        assertEquals(List.of("%%time", "%%timeit"), jinn.complete("%%", 2).matches());
        Interpreter.Completion c = jinn.complete("int a3 = 1;\n/va", 15);
        assertEquals(List.of("/vars"), c.matches());
        assertEquals(12, c.start());
        assertEquals(Interpreter.Completeness.incomplete(""), jinn.isComplete("%%time"));
        assertEquals(Interpreter.Completeness.COMPLETE, jinn.isComplete("%%time\n1 + 1"));
        assertEquals("incomplete", jinn.isComplete("%%time\nfor (int i = 0; i < 3; i++) {").status());
        assertEquals(Interpreter.Completeness.COMPLETE, jinn.isComplete("%who"));
    }

    @Test
    void aBuilderChainEndingInADotIsIncomplete() {
        assertEquals(Interpreter.Completeness.incomplete("    "), jinn.isComplete("net().dense(256)."));
        assertEquals(Interpreter.Completeness.incomplete("        "), jinn.isComplete("for (int i = 0; i < 3; i++) {\n    if (i > 1) {"));
        assertEquals(Interpreter.Completeness.COMPLETE, jinn.isComplete("net().dense(256)"));
    }

    @Test
    void completionAndDocumentationComeFromJShell() {
        Interpreter.Completion c = jinn.complete("Math.ma", 7);
        assertEquals(5, c.start());
        assertEquals(7, c.end());
        assertTrue(c.matches().contains("max("), c.matches().toString());
        String doc = jinn.inspect("Math.max", 8).orElseThrow();
        assertTrue(doc.contains("max(int"), doc);
        assertTrue(jinn.inspect("noSuchThing", 11).isEmpty());
    }

    @Test
    void interruptStopsAnEndlessLoopWithinASecondAndKeepsVariables() throws Exception {
        run("int kept = 42;");
        Recorder r = new Recorder(9);
        CompletableFuture<Interpreter.ExecuteOutcome> cell = CompletableFuture.supplyAsync(() -> jinn.execute("while (true) {}", r));
        Thread.sleep(500); // compiled and looping
        long t0 = System.nanoTime();
        jinn.interrupt();
        Interpreter.ExecuteOutcome o = cell.get(1, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("Interrupted", o.ename());
        assertTrue(millis < 1000, millis + " ms");
        assertEquals("42", run("kept").result);
    }

    @Test
    void systemInReadsFromTheFrontEndOrSaysWhyNot() {
        Recorder r = new Recorder(5);
        r.input = "Ada";
        jinn.execute("var name = new java.util.Scanner(System.in).nextLine();", r);
        assertEquals("\"Ada\"", run("name").result);

        Interpreter.ExecuteOutcome o = jinn.execute("new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine()", new Recorder(6));
        assertFalse(o.ok());
        assertTrue(o.evalue().contains("the front end does not accept input (allow_stdin is false)"), o.toString());
    }

    @Test
    void bannerNamesJinnAndJava() {
        run("1");
        assertTrue(jinn.banner().startsWith("jinn "), jinn.banner());
        assertTrue(jinn.banner().contains("on Java " + Runtime.version().feature() + ", backend "), jinn.banner());
    }
}
