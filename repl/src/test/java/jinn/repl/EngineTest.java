package jinn.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine without a terminal: evaluation, errors, robustness, analysis, session state. */
class EngineTest {

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

    private static EvalResult fails(String cell) {
        EvalResult r = engine.eval(cell);
        assertTrue(r.failed(), () -> "expected '" + cell + "' to fail, got:\n" + r.text());
        return r;
    }

    private static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), () -> "expected to find <" + expected + "> in:\n" + text);
    }

    @Test
    void codeTrainsWhereItCallsFitOrBackwardOutsideStringsAndComments() {
        assertTrue(Engine.trains("var h = model.fit(mnist.train(), epochs(1));"));
        assertTrue(Engine.trains("loss.backward ();"));
        assertFalse(Engine.trains("int x = 6 * 7;\nmodel.summary()"));
        assertFalse(Engine.trains("// then call model.fit(data)\nString s = \"x.fit(y)\";"));
    }

    @Test
    void unnamedValuesGetDollarNamesAndKeepTheObject() {
        EvalResult r = ok("6 * 7");
        Outcome o = r.outcomes().get(0);
        assertEquals(Outcome.Kind.VALUE, o.kind());
        assertTrue(o.name().matches("\\$\\d+"), "temp name was " + o.name());
        assertEquals(o.name() + " ==> 42", o.display());
        assertEquals(42, r.value());
        assertEquals(42, engine.valueOf(o.name()).orElseThrow());
    }

    @Test
    void aCellMayHoldSeveralSnippetsAndTheirOutput() {
        EvalResult r = ok("int twoA = 2; System.out.println(\"side \" + twoA); twoA * 10");
        assertEquals(List.of(Outcome.Kind.VALUE, Outcome.Kind.SILENT, Outcome.Kind.VALUE),
                r.outcomes().stream().map(Outcome::kind).toList());
        assertEquals("twoA ==> 2", r.outcomes().get(0).display());
        assertEquals("side 2\n", r.output().replace("\r", ""));
        assertEquals(20, r.value());
    }

    @Test
    void declarationsSayWhatWasCreated() {
        EvalResult r = ok("int square(int x) { return x * x; }");
        assertEquals("created method square(int)", r.text());
        assertEquals("replaced method square(int)", ok("int square(int x) { return x * x * 1; }").text());
        assertEquals("created record Point", ok("record Point(int x, int y) {}").text());
    }

    @Test
    void aMisspelledMethodOrVariableGetsADidYouMeanHint() {
        ok("var model = net(2).dense(1).sigmoid().build()");
        String text = fails("model.evalute(xor())").text();
        assertTrue(text.contains("cannot find symbol"), text);
        assertTrue(text.endsWith("\n  did you mean evaluate?"), "expected the hint at the end of:\n" + text);
        ok("int learningRate = 3");
        String scope = fails("learningRtae + 1").text();
        assertTrue(scope.endsWith("\n  did you mean learningRate?"), "expected the hint at the end of:\n" + scope);
        String far = fails("model.zzzzzzzz()").text();
        assertFalse(far.contains("did you mean"), "no name is two edits from zzzzzzzz:\n" + far);
    }

    @Test
    void compileErrorsShowTheMessageAndMarkTheUsersLine() {
        String text = fails("int bad = undefinedThing + 1;").text();
        assertEquals("""
                error: cannot find symbol: variable undefinedThing
                  | int bad = undefinedThing + 1;
                  |           ^------------^""", text);
    }

    @Test
    void exceptionsShowTypeMessageAndTheUsersLineFirst() {
        ok("int zero = 0;");
        String text = fails("int ratio = 10 / zero;").text();
        String[] lines = text.split("\n");
        assertEquals("ArithmeticException: / by zero", lines[0]);
        assertEquals("  | int ratio = 10 / zero;", lines[1], text);
        assertFalse(text.contains("REPL.$JShell"), "wrapper frames leaked:\n" + text);
    }

    @Test
    void theUsersLineIsFoundAfterBlankLines() {
        String text = fails("int okFirst = 1;\n\n\nint broken = okFirst / 0;").text();
        assertContains(text, "ArithmeticException: / by zero\n  | int broken = okFirst / 0;");
    }

    @Test
    void exceptionsInDeclaredMethodsNameTheMethodAndTheLibraryFrames() {
        ok("String shout(String s) {\n  return s.toUpperCase();\n}");
        String text = fails("shout(null)").text();
        assertContains(text, "NullPointerException");
        assertContains(text, "line 2 | return s.toUpperCase();      (in shout)");
    }

    @Test
    void stackOverflowLeavesTheSessionAlive() {
        ok("int keptBeforeOverflow = 7;");
        ok("int down(int n) { return down(n + 1) + 1; }");
        String text = fails("down(0)").text();
        assertTrue(text.startsWith("StackOverflowError"), text);
        assertContains(text, "recursion without an end?");
        assertEquals(7, engine.valueOf("keptBeforeOverflow").orElseThrow());
    }

    @Test
    void outOfMemoryLeavesTheSessionAlive() {
        ok("int keptBeforeOom = 8;");
        String text = fails("long[] huge = new long[Integer.MAX_VALUE - 8];").text();
        assertTrue(text.startsWith("OutOfMemoryError"), text);
        assertEquals(8, engine.valueOf("keptBeforeOom").orElseThrow());
        assertEquals(9, ok("keptBeforeOom + 1").value());
    }

    @Test
    void stopEndsAnEndlessLoopAndKeepsTheVariables() throws Exception {
        ok("int keptBeforeLoop = 9;");
        CompletableFuture<EvalResult> loop = CompletableFuture.supplyAsync(() -> engine.eval("while (true) { }"));
        awaitRunning();
        engine.stop();
        EvalResult r = loop.get(20, TimeUnit.SECONDS);
        assertTrue(r.interrupted(), "expected an interrupted outcome, got:\n" + r.text());
        assertContains(r.text(), "stopped (Ctrl-C)");
        assertEquals(10, ok("keptBeforeLoop + 1").value());
    }

    @Test
    void stopInterruptsLibraryCodeThatWaits() throws Exception {
        CompletableFuture<EvalResult> sleeping = CompletableFuture.supplyAsync(() -> engine.eval("Thread.sleep(60_000);"));
        awaitRunning();
        engine.stop();
        EvalResult r = sleeping.get(20, TimeUnit.SECONDS);
        assertTrue(r.interrupted(), "expected an interrupted outcome, got:\n" + r.text());
        assertEquals(3, ok("1 + 2").value());
    }

    private static void awaitRunning() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!engine.isRunning()) {
            assertTrue(System.nanoTime() < deadline, "the cell never started running");
            Thread.sleep(5);
        }
        Thread.sleep(200); // let it get past compilation into the loop itself
    }

    @Test
    void systemExitIsRefusedWithAnExplanation() {
        ok("int keptBeforeExit = 5;");
        String text = fails("System.exit(3);").text();
        assertContains(text, "System.exit would end jinn itself");
        assertContains(text, "/exit");
        assertEquals(5, engine.valueOf("keptBeforeExit").orElseThrow());
        assertEquals("s ==> \"System.exit(0)\"", ok("String s = \"System.exit(0)\";").text(), "a string is no call");
    }

    @Test
    void completenessFollowsBlocksStringsAndChains() {
        assertTrue(engine.isComplete("1 + 1"));
        assertTrue(engine.isComplete("int a = 1; int b = 2;"));
        assertFalse(engine.isComplete("int f(int x) {"));
        assertFalse(engine.isComplete("int f(int x) {\n  return x;"));
        assertTrue(engine.isComplete("int f(int x) {\n  return x;\n}"));
        assertFalse(engine.isComplete("class A {\n  int x;"));
        assertFalse(engine.isComplete("String block = \"\"\"\n  open text block"));
        assertFalse(engine.isComplete("net().dense(3)."), "a trailing dot continues a builder chain");
        assertFalse(engine.isComplete("Math.max(1,"));
        assertTrue(engine.isComplete("this is not java"), "unparsable input is evaluated to show the error");
    }

    @Test
    void completionKnowsMethodsOfTheValueLeftOfTheDot() {
        Engine.Completions c = engine.complete("\"abc\".toUpp", 11);
        assertEquals(6, c.anchor());
        assertTrue(c.suggestions().stream().anyMatch(s -> s.text().equals("toUpperCase(")), c.toString());
        Engine.Completions chain = engine.complete("new StringBuilder().append(1).rev", 33);
        assertTrue(chain.suggestions().stream().anyMatch(s -> s.text().equals("reverse()")), chain.toString());
    }

    @Test
    void completionOnAJinnBuilderChain() {
        String line = "net().dense(4).relu().de";
        Engine.Completions c = engine.complete(line, line.length());
        assertEquals(line.length() - 2, c.anchor());
        assertTrue(c.suggestions().stream().anyMatch(s -> s.text().equals("dense(")),
                "expected dense( among " + c.suggestions());
    }

    @Test
    void documentationShowsSignatures() {
        List<String> docs = engine.documentation("Math.max(", 9);
        assertTrue(docs.stream().anyMatch(d -> d.startsWith("int Math.max(int a, int b)")), docs.toString());
        List<String> jinnDocs = engine.documentation("net().dense(", 12);
        assertTrue(jinnDocs.stream().anyMatch(d -> d.contains("NetBuilder.dense(int units)")), jinnDocs.toString());
    }

    @Test
    void documentationOfJinnCarriesItsJavadoc() {
        // -Djinn.sources (the pom) points at the modules' sources; the launcher uses the archive's src/*.jar.
        List<String> docs = engine.documentation("net().dense(", 12);
        String dense = docs.stream().filter(d -> d.startsWith("NetBuilder NetBuilder.dense(int units)")).findFirst()
                .orElseThrow(() -> new AssertionError("no dense(int) among " + docs));
        assertTrue(dense.contains("A fully connected layer with units outputs and a bias."),
                "expected dense's javadoc sentence, plain text, under its signature, got:\n" + dense);
        List<String> jdk = engine.documentation("Math.max(", 9);
        assertTrue(jdk.stream().anyMatch(d -> d.startsWith("int Math.max(int a, int b)\n")), "JDK javadoc kept: " + jdk);
    }

    @Test
    void signaturesInsideAnOpenArgumentList() {
        ok("var sigModel = net(2).dense(1).sigmoid().build();");
        String line = "sigModel.fit(";
        List<String> sigs = engine.signatures(line, line.length());
        assertEquals(List.of("History Net.fit(Dataset data, Fit fit)", "History Net.fit(Dataset data, int epochs)"),
                sigs.stream().sorted().toList());
        String second = "sigModel.fit(xor(), ";
        assertEquals(sigs.stream().sorted().toList(), engine.signatures(second, second.length()).stream().sorted().toList());
        assertEquals(List.of(), engine.signatures("sigModel.fi", 11), "not inside an argument list");
    }

    @Test
    void javadocTextIsPlain() {
        assertEquals("Adds a and b.\nSee Tensor.add, the sum.\n  param x the first",
                JavadocText.plain("Adds {@code a} and <b>b</b>.\n<p>See {@link Tensor#add}, {@link Tensor#sum() the sum}.\n@param x the first"));
    }

    @Test
    void variablesListNameTypeAndPreview() {
        ok("String greeting = \"hi\";");
        Engine.Variable v = engine.variables().stream().filter(x -> x.name().equals("greeting")).findFirst().orElseThrow();
        assertEquals(new Engine.Variable("greeting", "String", "\"hi\""), v);
    }

    @Test
    void defaultImportsIncludeJinnAndSkipWhatIsMissing() {
        List<String> imports = engine.imports();
        assertTrue(imports.contains("import static jinn.Jinn.*;"), imports.toString());
        assertTrue(imports.contains("import java.nio.file.*;"), imports.toString());
        assertTrue(imports.contains("import tech.tablesaw.api.*;"), imports.toString());
        assertFalse(Engine.importable("import static no.such.Facade.*;"));
        assertFalse(Engine.importable("import no.such.pkg.*;"));
        assertTrue(Engine.importable("import static jinn.Jinn.*;"));
        try (Engine partial = Engine.builder().imports(List.of("import java.util.*;", "import static no.such.Facade.*;")).build()) {
            assertEquals(List.of("import static no.such.Facade.*;"), partial.skippedImports());
            assertEquals(List.of("import java.util.*;"), partial.imports());
        }
    }

    @Test
    void defaultImportsAreOneSnippetThatAUsersImportCannotDrop() {
        try (Engine e = Engine.builder().imports(List.of("import java.util.*;", "import java.io.*;",
                "import static java.lang.Math.*;")).build()) {
            assertEquals(List.of("import java.util.*;", "import java.io.*;", "import static java.lang.Math.*;"), e.imports());
            assertEquals(List.of(), e.snippets(), "default imports are not the user's snippets");
            assertEquals(1, e.jshell().snippets().count(), "the default imports are compiled as one snippet");
            // The same line as a default import, and the combined snippet's own first import.
            assertFalse(e.eval("import java.util.*;").failed());
            assertFalse(e.eval(Engine.IMPORT_KEY).failed());
            EvalResult r = e.eval("new File(\"x\").getName() + max(1, 2) + new ArrayList<>(List.of(3))");
            assertEquals("x2[3]", r.value(), r.text());
            assertTrue(e.imports().containsAll(List.of("import java.util.*;", "import java.io.*;",
                    "import static java.lang.Math.*;")), e.imports().toString());
            assertEquals(List.of("import java.util.*;", Engine.IMPORT_KEY), e.snippets().stream()
                    .map(x -> x.substring(x.indexOf(": ") + 2)).limit(2).toList(), "the user's own imports are theirs: /list, /save");
        }
    }

    @Test
    void theWarmUpCellLeavesNoTrace() {
        try (Engine e = Engine.start()) {
            e.warmUp();
            assertEquals(List.of(), e.variables());
            assertEquals(List.of(), e.snippets());
            assertEquals("$1 ==> 2", e.eval("1 + 1").text(), "the user's first value is still $1");
        }
    }

    @Test
    void saveThenLoadReplaysTheSession(@TempDir Path dir) throws Exception {
        try (Engine first = Engine.start()) {
            first.eval("int base = 20;");
            first.eval("int twice(int x) { return 2 * x; }");
            Path file = dir.resolve("s.jsh");
            first.save(file);
            assertEquals("int base = 20;\nint twice(int x) { return 2 * x; }\n", Files.readString(file));
            try (Engine second = Engine.start()) {
                EvalResult loaded = second.load(file);
                assertFalse(loaded.failed(), loaded.text());
                assertEquals(40, second.eval("twice(base)").value());
            }
        }
    }

    @Test
    void resetForgetsAndDropRemoves() {
        try (Engine e = Engine.start()) {
            e.eval("int gone = 1;");
            e.eval("int alsoGone = 2;");
            assertTrue(e.drop("alsoGone"));
            assertFalse(e.drop("neverDefined"));
            assertEquals(List.of("gone"), e.variables().stream().map(Engine.Variable::name).toList());
            e.reset();
            assertEquals(List.of(), e.variables());
            assertTrue(e.imports().contains("import java.util.*;"), "default imports come back after reset");
            assertEquals("$1 ==> 2", e.eval("1 + 1").text(), "temp names restart at $1");
        }
    }

    @Test
    void compileErrorsReadAsSentencesWithShortTypeNames() {
        String wrongType = fails("net().dense(\"a\")").text();
        assertTrue(wrongType.startsWith("error: incompatible types: String cannot be converted to int\n"), wrongType);
        String noForm = fails("plot(1, \"x\")").text();
        assertTrue(noForm.startsWith("""
                error: no suitable method found for plot(int, String); none of its forms takes these arguments:
                    Plots.plot(Table, String, String...): int cannot be converted to Table
                """), noForm);
        assertFalse(noForm.contains("jinn.") || noForm.contains("java.lang") || noForm.contains(";:"), noForm);
        ok("int twice(int a, int b) { return 2 * a; }");
        String arity = fails("twice(1)").text();
        assertTrue(arity.startsWith("error: method twice in class  cannot be applied to given types: it takes (int, int), and was given (int)"
                + " (actual and formal argument lists differ in length)") || arity.contains("it takes (int, int), and was given (int)"), arity);
        assertFalse(arity.contains(";:"), arity);
    }

    @Test
    void shortNamesKeepThePackageOnlyWhereTwoTypesShareAName() {
        assertEquals("Chart Plots.plot(Tensor y)", ShortNames.of("jinn.plot.Chart jinn.plot.Plots.plot(jinn.tensor.Tensor y)"));
        assertEquals("java.util.List or java.awt.List, and String",
                ShortNames.of("java.util.List or java.awt.List, and java.lang.String"));
        assertEquals("model.fit(xor())", ShortNames.of("model.fit(xor())"));
    }
}
