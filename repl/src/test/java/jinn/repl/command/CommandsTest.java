package jinn.repl.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import jinn.accel.Backends;
import jinn.repl.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command of the table, typed as a user types it, through a {@link Session}. */
class CommandsTest {

    static Engine engine;
    StringWriter screen;
    Session session;

    @BeforeAll
    static void start() {
        engine = Engine.start();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @BeforeEach
    void newSession() {
        engine.reset();
        screen = new StringWriter();
        session = new Session(engine, new PrintWriter(screen, true), Commands.standard(), false);
    }

    /** Types a line and returns what appeared on the screen because of it. */
    private String type(String line) {
        int before = screen.getBuffer().length();
        session.submit(line);
        return screen.getBuffer().substring(before).replace("\r", "");
    }

    private static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), () -> "expected to find <" + expected + "> in:\n" + text);
    }

    /** A jar holding one class, demo.Greeter, compiled here with the JDK's compiler. */
    private static Path greeterJar(Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/demo")).resolve("Greeter.java");
        Files.writeString(src, "package demo; public class Greeter { public String hi(String who) { return \"hi \" + who; } }");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString());
        assertEquals(0, rc, "javac of the test's class");
        Path jar = Files.createDirectories(dir.resolve("lib")).resolve("greeter.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("demo/Greeter.class"));
            out.write(Files.readAllBytes(classes.resolve("demo/Greeter.class")));
        }
        return jar;
    }

    /**
     * The class path tests type into an engine of their own: the shared one would keep their jars
     * through its resets (as it should), and later tests' /save would write them.
     */
    private record Typist(Session session, StringWriter screen) {
        Typist(Engine e) {
            this(e, new StringWriter());
        }

        private Typist(Engine e, StringWriter screen) {
            this(new Session(e, new PrintWriter(screen, true), Commands.standard(), false), screen);
        }

        String type(String line) {
            int before = screen.getBuffer().length();
            session.submit(line);
            return screen.getBuffer().substring(before).replace("\r", "");
        }
    }

    @Test
    void classpathAddsAJarForLaterCellsAndKeepsItAcrossAReset(@TempDir Path dir) throws Exception {
        Path jar = greeterJar(dir);
        try (Engine e = Engine.start()) {
            Typist s = new Typist(e);
            assertContains(s.type("new demo.Greeter()"), "package demo does not exist");
            assertContains(s.type("/classpath " + dir.resolve("lib") + "/*"), "added " + jar);
            assertContains(s.type("new demo.Greeter().hi(\"jinn\")"), "\"hi jinn\"");
            assertTrue(e.complete("new demo.Gre", 12).suggestions().stream().anyMatch(x -> x.text().startsWith("Greeter")),
                    "completion knows the added jar's classes");
            assertContains(s.type("/jars " + jar), "already on the class path");
            assertContains(s.type("/classpath"), jar.toString());
            e.reset();
            assertContains(s.type("import demo.*; new Greeter().hi(\"again\")"), "\"hi again\"");
        }
    }

    @Test
    void classpathNamesWhatIsMissingAndAddsNothingThen(@TempDir Path dir) throws Exception {
        Path jar = greeterJar(dir);
        try (Engine e = Engine.start()) {
            Typist s = new Typist(e);
            String out = s.type("/classpath " + jar + " " + dir.resolve("nope.jar"));
            assertContains(out, "no such file or folder: " + dir.resolve("nope.jar"));
            assertContains(out, "usage: /classpath");
            assertTrue(e.addedClassPath().isEmpty(), "nothing added when one entry is wrong: " + e.addedClassPath());
            assertContains(s.type("/classpath " + dir + "/*.zip"), "no file matches");
            assertContains(s.type("/classpath " + dir.resolve("src/demo/Greeter.java")), "not a jar file or a folder of classes");
        }
    }

    @Test
    void aSavedSessionAddsItsLibrariesAgainWhenLoaded(@TempDir Path dir) throws Exception {
        Path jar = greeterJar(dir), file = dir.resolve("session.jsh");
        try (Engine e = Engine.start()) {
            Typist s = new Typist(e);
            s.type("/classpath " + jar);
            s.type("var greeting = new demo.Greeter().hi(\"saved\");");
            s.type("/save " + file);
        }
        assertContains(Files.readString(file), "/classpath " + jar);
        try (Engine fresh = Engine.start()) {
            Typist s = new Typist(fresh);
            String out = s.type("/load " + file);
            assertTrue(fresh.addedClassPath().contains(jar), out);
            assertEquals("hi saved", fresh.valueOf("greeting").orElseThrow(), out);
        }
    }

    @Test
    void helpListsEveryCommandAndExplainsOne() {
        String all = type("/help");
        for (Command c : Commands.standard().all()) assertContains(all, c.usage());
        assertContains(all, "Ctrl-C");
        assertEquals("/time <snippet>\n  run a snippet repeatedly (about 2 s) and show the median wall time\n  also: /timeit\n", type("/help time"));
        // IPython's names, which the Jupyter kernel's magics share, run the same commands.
        assertEquals(type("/vars"), type("/whos"));
        // And IPython's name? asks for the documentation; a conditional's first line stays Java.
        assertContains(type("Math.max?"), "max(int");
        assertTrue(Commands.isCommand("net().dense ??"));
        assertFalse(Commands.isCommand("x > 0 ?"));
        assertFalse(Commands.isCommand("net(2).dense?"));
        assertContains(type("/?"), "/vars");
    }

    @Test
    void helpDescriptionsStartInOneColumn() {
        var columns = new java.util.TreeMap<Integer, String>();
        for (String line : type("/help").split("\n")) {
            if (!line.startsWith("  /")) continue;
            var m = Pattern.compile("^  /\\S.*?\\S  +(\\S)").matcher(line);
            assertTrue(m.find(), "a command line of /help without a description: " + line);
            columns.put(m.start(1), line);
        }
        assertEquals(1, columns.size(), "descriptions start in different columns: " + columns);
    }

    @Test
    void unknownCommandsListTheChoices() {
        String text = type("/frobnicate");
        assertContains(text, "unknown command /frobnicate");
        assertContains(text, "/vars");
    }

    @Test
    void uniquePrefixesAndJShellAliasesWork() {
        type("int alpha = 1;");
        assertContains(type("/va"), "alpha");
        assertTrue(Commands.standard().find("open").isPresent(), "jshell's /open runs /load");
        assertTrue(Commands.standard().find("quit").isPresent());
        assertFalse(Commands.standard().find("h").isPresent(), "/h is ambiguous: help, history");
    }

    @Test
    void varsShowsNameTypeAndValue() {
        assertEquals("no variables yet\n", type("/vars"));
        type("int count = 3;");
        type("String label = \"xor\";");
        String text = type("/vars");
        assertTrue(Pattern.compile("count\\s+int\\s+3").matcher(text).find(), text);
        assertTrue(Pattern.compile("label\\s+String\\s+\"xor\"").matcher(text).find(), text);
    }

    @Test
    void varsSummarisesNetworksHistoriesTensorsAndTablesOnOneLine() {
        type("var model = net(2).dense(8).tanh().dense(1).sigmoid().build();");
        type("var h = model.fit(xor(), epochs(3).adam(0.05f).quiet());");
        type("var t = tensor(new float[][]{{1, 2, 3}, {4, 5, 6}});");
        type("var table = Table.create(\"t\", DoubleColumn.create(\"x\", new double[]{1, 2, 3}));");
        String text = type("/vars");
        assertTrue(Pattern.compile("model\\s+Net\\s+Net, 4 layers, 33 params\n").matcher(text).find(), text);
        assertTrue(Pattern.compile("h\\s+History\\s+History, 3 epochs, loss \\d\\.\\d{4}, acc \\d\\.\\d{4}\n").matcher(text).find(), text);
        assertTrue(Pattern.compile("t\\s+Tensor\\s+Tensor \\[2, 3\\]\n").matcher(text).find(), text);
        assertTrue(Pattern.compile("table\\s+Table\\s+Table 3 rows x 1 cols\n").matcher(text).find(), text);
    }

    @Test
    void varsLeavesOutExpressionsThatThrew() {
        type("var t = tensor(new float[]{1, 2});");
        assertContains(type("t.reshape(5, 7)"), "Exception");
        String text = type("/vars");
        assertFalse(text.contains("$"), "a failed expression left a $N variable:\n" + text);
        assertContains(text, "Tensor [2]");
    }

    @Test
    void importsListsTheDefaultsAndNewOnes() {
        type("import java.util.concurrent.atomic.AtomicLong;");
        String text = type("/imports");
        assertContains(text, "import static jinn.Jinn.*;");
        assertContains(text, "import java.util.concurrent.atomic.AtomicLong;");
    }

    @Test
    void methodsTypesAndListShowDeclarations() {
        type("int inc(int x) { return x + 1; }");
        type("record Pair(int a, int b) {}");
        assertContains(type("/methods"), "inc(int) -> int");
        assertContains(type("/types"), "record Pair");
        String list = type("/list");
        assertContains(list, "int inc(int x) { return x + 1; }");
        assertFalse(list.contains("import java.util.*;"), "default imports are not the user's snippets:\n" + list);
    }

    @Test
    void docShowsSignatures() {
        assertContains(type("/doc Math.abs"), "int Math.abs(int a)");
        assertContains(type("/doc net().dense"), "NetBuilder.dense(int units)");
        assertContains(type("/doc noSuchThingAnywhere"), "no documentation found for noSuchThingAnywhere");
    }

    @Test
    void docFindsInstanceMethodsThroughTheirTypeAndWritesPlainText() {
        assertContains(type("/doc Tensor.allClose"), "boolean Tensor.allClose(Tensor other, float tol)\n  True when");
        assertContains(type("/doc Fit.validation"), "Fit Fit.validation(Dataset d)\n  ");
        assertContains(type("/doc Tensor.eq"), "Tensor Tensor.eq(Tensor o)\n  ");
        assertContains(type("/doc jinn.tensor.Tensor.matmul"), "Tensor.matmul(Tensor");
        // the calls a learner needs most explain themselves, not only their signatures
        assertContains(type("/doc epochs"), "Fit Jinn.epochs(int n)\n  How to train");
        assertContains(type("/doc sgd"), "Optimizer Jinn.sgd(double lr)\n  Plain stochastic gradient descent");
        assertContains(type("/doc net().save"), "void NetBuilder.save(String path)\n  Saves");
        String tensor = type("/doc Tensor");
        assertFalse(tensor.contains("{@"), "raw inline tags:\n" + tensor);
        assertContains(tensor, "var w = Tensor.randn(new Random(1), 3, 2).requiresGrad(true);");
        // short type names, never jinn.plot.Chart or jinn.Jinn.mnist
        assertFalse(type("/doc plot").contains("jinn."), "qualified names in /doc plot");
    }

    @Test
    void docOfAVariableShowsItsTypesDocumentation() {
        type("Mnist mnist = null; // as var mnist = mnist() declares it, without reading the files");
        String text = type("/doc mnist");
        assertFalse(text.contains("mnist:Mnist"), text);
        assertTrue(text.startsWith("mnist is a variable of type Mnist\nMnist\n  The MNIST digits"), text);
        assertContains(text, "Mnist Jinn.mnist()");
    }

    @Test
    void docOfTheActivationsChartStartsWithWhatItShows() {
        String text = type("/doc activations");
        assertTrue(text.startsWith("Chart Plots.activations()\n  Step, sigmoid, tanh, ReLU and leaky ReLU"), text);
    }

    @Test
    void timeReportsTheMedianOfRepeatedRunsAndLeavesNoVariable() {
        String text = type("/time Math.sqrt(2.0)");
        assertTrue(Pattern.compile("^median \\d+(\\.\\d)? (ns|µs|ms) over \\d+ runs \\(min .*; first run .*\\)\\n$")
                .matcher(text).find(), text);
        int runs = Integer.parseInt(text.replaceAll("(?s).* over (\\d+) runs.*", "$1"));
        assertTrue(runs >= 3, "at least three timed runs, got " + runs);
        assertContains(type("/time int[] a = new int[10]; a[0] = 1;"), "median");
        assertFalse(engine.variables().stream().anyMatch(v -> v.name().startsWith("$time")), "/time leaves nothing behind");
        assertContains(type("/time undefinedName.run()"), "cannot find symbol");
    }

    @Test
    void backendShowsTheCurrentOneAndSwitches() {
        String before = Backends.current().name();
        try {
            String text = type("/backend");
            assertContains(text, "backend: " + before);
            assertContains(text, "scalar");
            assertEquals("now using scalar: " + Backends.find("scalar").description() + "\n", type("/backend scalar"));
            assertEquals("scalar", Backends.current().name());
            assertContains(type("/backend nosuch"), "no backend named 'nosuch'");
        } finally {
            Backends.use(before);
        }
    }

    @Test
    void saveThenLoadReplaysTheSession(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("session.jsh");
        type("int seed = 41;");
        type("int next(int x) { return x + 1; }");
        assertEquals("saved 2 cells to " + file + "\n", type("/save " + file));
        type("/reset");
        assertEquals(0, engine.variables().size());
        String loaded = type("/load " + file);
        assertContains(loaded, "seed ==> 41");
        assertContains(type("next(seed)"), "==> 42");
        assertContains(type("/open " + dir.resolve("missing.jsh")), "no such file");
        Files.writeString(dir.resolve("with-commands.jsh"), "/exit\nint fromFile = 1;\n");
        assertContains(type("/load " + dir.resolve("with-commands.jsh")), "fromFile ==> 1");
    }

    /** Types a cell that loops until Ctrl-C, and presses it once the cell runs. */
    private String typeAndInterrupt(String cell) throws InterruptedException {
        Thread ctrlC = new Thread(() -> {
            try {
                long until = System.nanoTime() + 60_000_000_000L;
                while (!engine.isRunning() && System.nanoTime() < until) Thread.sleep(5);
                Thread.sleep(200);
                engine.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ctrlC.start();
        String text = type(cell);
        ctrlC.join();
        return text;
    }

    @Test
    void saveWritesWhatRebuildsTheSessionAndLoadGivesItBack(@TempDir Path dir) throws Exception {
        type("int a = 1;");
        type("a + 1");                                   // bare expressions: the issue's minimal case
        type("a + 2");
        type("int c = 3;");
        type("import java.util.concurrent.atomic.*;");
        type("AtomicInteger counter = new AtomicInteger();");
        type("int twice(int x) { return 2 * x; }");
        type("record Point(int x, int y) {}");
        type("var p = new Point(twice(a), c)");         // a variable without its ';'
        type("int b = 10;");
        type("int fromOldB = b + c;");                  // needs the first b
        type("int b = 20;");                            // a redefinition
        assertContains(type("int bad = a / 0;"), "ArithmeticException");
        type("int later = bad + 1;");                   // uses what only a failed line declared
        assertContains(type("undefinedName + 1"), "cannot find symbol");
        type("int temp = 5;");
        type("int usesTemp = temp * 2;");
        assertEquals("dropped temp\n", type("/drop temp"));
        assertContains(typeAndInterrupt("counter.incrementAndGet(); while (true) {}"), "");
        type("c = c + 1;");
        type("String s = \"a;b // not a comment\"");
        type("s.length()");

        Path file = dir.resolve("session.jsh");
        String saved = type("/save " + file);
        assertTrue(saved.startsWith("saved 16 cells to " + file + " (5 left out: failed, stopped, or using names dropped since"), saved);
        String text = Files.readString(file);
        assertTrue(text.startsWith("// %% [markdown]\n// A jinn session saved with /save"), text);
        assertContains(text, "\n// %%\na + 1\n");
        assertContains(text, "\n// %%\nvar p = new Point(twice(a), c);\n");
        for (String gone : List.of("a / 0", "bad + 1", "undefinedName", "temp", "while (true)")) {
            assertFalse(text.contains(gone), gone + " should be left out:\n" + text);
        }
        assertContains(text, "counter.incrementAndGet();\n");

        // --all: everything as typed, failures too
        Path all = dir.resolve("all.jsh");
        assertContains(type("/save --all " + all), "saved");
        String everything = Files.readString(all);
        for (String kept : List.of("int bad = a / 0;", "undefinedName + 1", "while (true) {}")) assertContains(everything, kept);

        type("/reset");
        String loaded = type("/load " + file);
        assertFalse(loaded.contains("error") || loaded.contains("Exception") || loaded.contains("stopped"), loaded);
        assertEquals("$1 ==> 5\n", type("a + c").replaceAll("\\$\\d+", "\\$1"));
        assertContains(type("p"), "Point[x=2, y=3]");
        assertContains(type("b"), "==> 20");
        assertContains(type("fromOldB"), "==> 13");
        assertContains(type("counter.get()"), "==> 1");
        assertContains(type("twice(21)"), "==> 42");
        assertContains(type("s"), "a;b // not a comment");
        for (String name : List.of("bad", "later", "temp", "usesTemp")) assertContains(type(name), "cannot find symbol");

    }

    @Test
    void loadingNamesTheFilesOwnLineAndStops(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("plain.jsh");
        Files.writeString(plain, "int a = 1;\na + 1\na + 2\nint c = 3;\n");
        String text = type("/load " + plain);
        assertFalse(text.contains("error"), text);
        assertContains(type("c"), "==> 3");

        Path nb = dir.resolve("nb.jsh");
        Files.writeString(nb, "// %%\nint ok = 1;\n\n// %%\nint y = 2;\nint broken = ok / 0;\n\n// %%\nint never = 3;\n");
        String failed = type("/load " + nb);
        assertContains(failed, "ArithmeticException");
        assertContains(failed, "  (" + nb + ", line 6)");
        assertContains(failed, "stopped loading " + nb + ": 1 more not run");
        assertContains(type("y"), "==> 2");
        assertContains(type("never"), "cannot find symbol");
    }

    @Test
    void aLinePastedWithItsPromptRuns() {
        assertEquals("x ==> 2\n", type("jinn> var x = 1 + 1;"));
        assertEquals("y ==> 3\n", type("jshell> int y = x + 1;"));
        // a pasted transcript: prompts and continuation prompts go, the output lines it showed too
        assertContains(type("jinn> int add(int a,\n   ...>         int b) { return a + b; }\nadd ==> nonsense\n"), "created method add(int,int)");
        assertContains(type("  jinn> /vars"), "y");
        assertEquals("s ==> \"jinn> stays\"\n", type("var s = \"jinn> stays\";"));
    }

    @Test
    void dropRemovesAName() {
        type("int temporary = 1;");
        assertEquals("dropped temporary\n", type("/drop temporary"));
        assertEquals("nothing named temporary\n", type("/drop temporary"));
    }

    @Test
    void resetForgetsEverything() {
        type("int forgotten = 1;");
        assertContains(type("/reset"), "reset");
        assertContains(type("forgotten"), "cannot find symbol");
    }

    @Test
    void historyListsWhatWasTyped() {
        type("int h1 = 1;");
        type("h1 + 1");
        assertEquals("   1  int h1 = 1;\n   2  h1 + 1\n", type("/history"));
    }

    @Test
    void exitEndsTheSession() {
        assertFalse(session.exitRequested());
        type("/exit");
        assertTrue(session.exitRequested());
    }
}
