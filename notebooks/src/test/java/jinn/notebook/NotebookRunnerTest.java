package jinn.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner and {@code jinn run}: exit status, where failures point, what runs after them. */
class NotebookRunnerTest {

    @TempDir
    Path dir;

    /** Runs {@code jinn run} with these arguments; returns the status and what it wrote to stderr. */
    record Ran(int status, String err) {}

    Ran jinnRun(String notebookText, String... options) throws IOException {
        Path file = dir.resolve("nb.jsh");
        Files.writeString(file, notebookText);
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int status;
        try {
            List<String> args = new java.util.ArrayList<>(List.of(file.toString()));
            args.addAll(List.of(options));
            status = new RunCommand().run(args);
        } finally {
            System.setErr(saved);
        }
        return new Ran(status, err.toString(StandardCharsets.UTF_8));
    }

    static NotebookRun run(String text, NotebookRunner runner) {
        return runner.run(Notebook.parse(text, "nb.jsh"));
    }

    @Test
    void proseEchoesMarkdownCellsInFullAndOtherwiseOnlyTheirHeadings() {
        String text = """
                // %% [markdown]
                // # Title
                //
                // Some *prose* that explains the output.
                // %%
                6 * 7
                """;
        ByteArrayOutputStream full = new ByteArrayOutputStream();
        run(text, new NotebookRunner().echo(new PrintStream(full, true, StandardCharsets.UTF_8)).prose(true));
        assertEquals("\n# Title\n\nSome *prose* that explains the output.\n\n42\n", full.toString(StandardCharsets.UTF_8));
        ByteArrayOutputStream headings = new ByteArrayOutputStream();
        run(text, new NotebookRunner().echo(new PrintStream(headings, true, StandardCharsets.UTF_8)));
        assertEquals("\n# Title\n\n42\n", headings.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpNamesTheProseOptions() {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = new RunCommand().run(List.of("--help"));
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, status, "status of jinn run --help");
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.startsWith("usage: jinn run FILE.jsh") && help.contains("--prose prints markdown cells in full"), help);
    }

    @Test
    void proseAndNoProseTogetherAreAUsageError() throws IOException {
        Ran r = jinnRun("1\n", "--prose", "--no-prose");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("expected at most one of --prose and --no-prose, got both"), r.err());
    }

    @Test
    void aPassingNotebookExitsZero() throws IOException {
        Ran r = jinnRun("""
                // %% [markdown]
                // # Fine
                // %%
                int a = 20;
                System.out.println("a is " + a);
                // %%
                expectEqual(42, a * 2 + 2);
                """);
        assertEquals(0, r.status(), "status; stderr:\n" + r.err());
        assertTrue(r.err().contains("2 of 2 code cells ran, all passed"), r.err());
    }

    @Test
    void aFailingCellNamesFileLineAndCellAndStopsTheRun() throws IOException {
        String text = """
                // %%
                int a = 1;
                // %%
                int b = 2;
                int[] none = new int[0];
                int c = none[3];
                // %%
                System.out.println("after");
                """;
        Ran r = jinnRun(text);
        assertEquals(1, r.status(), "status; stderr:\n" + r.err());
        String file = dir.resolve("nb.jsh").toString();
        assertTrue(r.err().contains(file + ":6 (cell 2): ArrayIndexOutOfBoundsException"), r.err());
        assertTrue(r.err().contains("1 not run after the failure"), r.err());

        NotebookRun run = run(text, new NotebookRunner());
        assertEquals(List.of(true, true, false), run.results().stream().map(CellResult::ran).toList());
        assertEquals(6, run.failures().get(0).line());
    }

    @Test
    void classpathLinesAddLibrariesFromTheNotebooksFolderAndABadOneNamesItsLine() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/demo")).resolve("Hello.java");
        Files.writeString(src, "package demo; public class Hello { public static String hi() { return \"hello\"; } }");
        assertEquals(0, javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.resolve("classes").toString(), src.toString()));
        // The working folder is the module's: "classes" is found beside the notebook.
        Ran r = jinnRun("// %%\n/classpath classes\n// %%\nexpectEqual(\"hello\", demo.Hello.hi());\n");
        assertEquals(0, r.status(), r.err());

        r = jinnRun("// %%\nint a = 1;\n// %%\n/classpath nope.jar\nint b = 2;\n");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains(dir.resolve("nb.jsh") + ":4 (cell 2): /classpath: no such file or folder: " + dir.resolve("nope.jar")), r.err());
    }

    @Test
    void keepGoingRunsTheCellsAfterAFailure() throws IOException {
        String text = """
                // %%
                throw new IllegalStateException("first");
                // %%
                System.out.println("after the failure");
                // %%
                expectClose(1.0, 0.5, 1e-3);
                """;
        NotebookRun run = run(text, new NotebookRunner().keepGoing(true));
        assertEquals(List.of(true, true, true), run.results().stream().map(CellResult::ran).toList());
        assertEquals(List.of(2, 6), run.failures().stream().map(Failure::line).toList(), run.failures().toString());
        assertEquals(new Output.Text("after the failure\n"), run.results().get(1).outputs().get(0));
        assertTrue(run.failures().get(1).message().startsWith("AssertionError: expected 1 ± 0.001, got 0.5"),
                run.failures().get(1).message());

        Ran r = jinnRun(text, "--keep-going");
        assertEquals(1, r.status());
        assertTrue(r.err().contains(":6 (cell 3): AssertionError"), r.err());
    }

    @Test
    void aCompileErrorPointsAtItsLineInsideAMultiLineStatement() throws IOException {
        String text = """
                // %%
                int a = 1;

                // a comment before the statement
                double total = 1.0
                    + 2.0
                    + undefinedName;
                // %%
                int later = 2;
                """;
        Ran r = jinnRun(text);
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains(":7 (cell 1): error: cannot find symbol: variable undefinedName"), r.err());
        NotebookRun run = run(text, new NotebookRunner());
        assertFalse(run.results().get(1).ran(), "the cell after a compile error must not run");
    }

    @Test
    void anExceptionInAMethodFromAnEarlierCellPointsAtTheMethodsLine() {
        NotebookRun run = run("""
                // %%
                double half(int n) {
                    if (n < 0) throw new IllegalArgumentException("negative: " + n);
                    return n / 2.0;
                }
                // %%
                half(4)
                // %%
                half(-1)
                """, new NotebookRunner());
        assertEquals(1, run.failures().size(), run.failures().toString());
        Failure f = run.failures().get(0);
        assertEquals(3, f.line(), f.toString());
        assertEquals(3, f.cell());
        assertTrue(f.message().startsWith("IllegalArgumentException: negative: -1"), f.message());
        assertEquals(new Output.Value("2.0"), run.results().get(1).outputs().get(0));
    }

    @Test
    void commentsAndBlankLinesBeforeAStatementDoNotShiftItsLine() {
        NotebookRun run = run("""
                // %%
                int a = 1;
                // a comment
                /* and a block
                   comment */

                int[] empty = new int[0];
                empty[a] = 2;
                """, new NotebookRunner());
        Failure f = run.failures().get(0);
        assertEquals(8, f.line(), f.toString());
        assertTrue(f.message().contains("| empty[a] = 2;"), "the failing line shown: " + f.message());
    }

    @Test
    void jshellCommandLinesAreLeftOutWithoutShiftingLines() {
        NotebookRun run = run("""
                /env --class-path lib.jar
                int a = 4 / 2;
                // a comment / with a slash
                /* block */ int b = a / 0;
                """, new NotebookRunner());
        Failure f = run.failures().get(0);
        assertEquals(4, f.line(), f.toString());
        assertTrue(f.message().startsWith("ArithmeticException: / by zero"), f.message());
    }

    @Test
    void printfStreamsAndNullResultsAreNotShown() {
        NotebookRun run = run("""
                var m = new HashMap<String, Integer>();
                m.put("a", 1);
                System.out.printf("%d%n", 7);
                m.get("a")
                """, new NotebookRunner());
        assertEquals(List.of(new Output.Text("7\n"), new Output.Value("1")), run.results().get(0).outputs());
    }

    @Test
    void standardErrorStaysItsOwnStreamInOrder() {
        NotebookRun run = run("""
                System.out.println("one");
                System.err.println("two");
                System.out.println("three");
                """, new NotebookRunner());
        assertEquals(List.of(new Output.Text("one\n"), new Output.Text("two\n", "stderr"), new Output.Text("three\n")),
                run.results().get(0).outputs());
        String ipynb = NotebookExport.ipynb(run);
        assertTrue(ipynb.contains("\"name\": \"stderr\""), ipynb);
    }

    @Test
    void onlyBareExpressionsShowTheirValues() {
        NotebookRun run = run("""
                var x = 3;
                x * 2;
                String.valueOf(x)
                """, new NotebookRunner());
        assertTrue(run.passed(), run.failures().toString());
        assertEquals(List.of(new Output.Value("6"), new Output.Value("\"3\"")), run.results().get(0).outputs());
    }

    @Test
    void aChartValueBecomesAPngImage() {
        NotebookRun run = run("plot(Math::sin, 0, 6).title(\"sine\")", new NotebookRunner());
        assertTrue(run.passed(), run.failures().toString());
        List<Output.Image> images = run.results().get(0).images();
        assertEquals(1, images.size(), run.results().get(0).outputs().toString());
        byte[] png = images.get(0).png();
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "PNG signature");
    }

    @Test
    void aCellRunningPastTheTimeoutIsStoppedAndReported() throws IOException {
        Ran r = jinnRun("""
                // %%
                int n = 0;
                // %%
                while (true) { n++; }
                """, "--timeout", "1");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains(":4 (cell 2): timed out"), r.err());
    }

    @Test
    void badArgumentsAreUsageErrors() throws IOException {
        Ran r = jinnRun("int a = 1;", "--timeout", "soon");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--timeout expects a number of seconds above 0, got 'soon'"), r.err());
        r = jinnRun("int a = 1;", "--fast");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown option --fast"), r.err());
    }

    @Test
    void checkMessagesShowExpectedAndActual() {
        NotebookRun run = run("""
                // %%
                expectClose(new double[] {1, 2, 3}, tensor(new double[] {1, 2, 3.5}), 1e-3);
                // %%
                expectShape(zeros(2, 3), 3, 2);
                // %%
                expectFinite(tensor(new double[] {1, Double.NaN}));
                // %%
                expectAtLeast(0.97, 0.5, "test accuracy");
                """, new NotebookRunner().keepGoing(true));
        List<String> messages = run.failures().stream().map(f -> f.message().split("\\R")[0]).toList();
        assertEquals(List.of(
                "AssertionError: value 2: expected 3 ± 0.001, got 3.5",
                "AssertionError: expected shape [3, 2], got [2, 3]",
                "AssertionError: expected finite values, got NaN at index 1 of [1, NaN]",
                "AssertionError: expected test accuracy of at least 0.97, got 0.5"), messages);
        assertEquals(List.of(2, 4, 6, 8), run.failures().stream().map(Failure::line).toList());
    }

    @Test
    void timeoutOptionIsPerCell() {
        NotebookRun run = run("Thread.sleep(200);\n", new NotebookRunner().timeout(Duration.ofSeconds(30)));
        assertTrue(run.passed(), run.failures().toString());
    }

    @Test
    void aSessionSavedWithSaveRunsAsANotebook() throws IOException {
        try (var engine = jinn.repl.Engine.start()) {
            var screen = new java.io.StringWriter();
            var session = new jinn.repl.command.Session(engine, new java.io.PrintWriter(screen, true),
                    jinn.repl.command.Commands.standard(), false);
            for (String cell : List.of("int a = 1;", "a + 1", "int twice(int x) { return 2 * x; }", "int bad = a / 0;",
                    "var model = net(2).dense(2).softmax().build()", "int b = twice(a) + 1;", "b")) {
                session.submit(cell);
            }
            Path saved = dir.resolve("saved.jsh");
            session.submit("/save " + saved);
            NotebookRun run = new NotebookRunner().run(Notebook.read(saved));
            assertTrue(run.passed(), "jinn run of a /save file: " + run.failures() + "\n" + Files.readString(saved));
        }
    }
}
