package jinn.notebook;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jinn.plot.TerminalKind;
import jinn.repl.CellListener;
import jinn.repl.Engine;
import jinn.repl.EvalResult;
import jinn.repl.Outcome;
import jinn.repl.display.DisplayContext;
import jinn.repl.display.MimeBundle;
import jinn.repl.display.TerminalDisplay;

/**
 * Runs a notebook's code cells in order in one session of the REPL's {@link Engine}, collecting
 * each cell's printed text, displayed values and charts. The session starts with the REPL's
 * default imports and {@link Check}'s assertions.
 *
 * <pre>{@code
 * NotebookRun run = new NotebookRunner().timeout(Duration.ofMinutes(5)).run(Notebook.read(path));
 * run.failures()   // [notebooks/demo.jsh:12 (cell 3): AssertionError: expected 1 ± 0.001, got 0.5 ...]
 * }</pre>
 *
 * By default the run stops at the first failing cell and the cells after it are reported as not
 * run; {@link #keepGoing} runs them anyway.
 */
public final class NotebookRunner {

    /** The session's imports: the REPL's, and the notebook assertions. */
    public static final List<String> IMPORTS;

    static {
        List<String> imports = new ArrayList<>(Engine.DEFAULT_IMPORTS);
        imports.add("import static jinn.notebook.Check.*;");
        IMPORTS = List.copyOf(imports);
    }

    /** Width of text charts and rendered values printed while running. */
    static final int TEXT_WIDTH = 100;

    /** How long a cell gets to end after a timeout stopped it, before the session is given up. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private boolean keepGoing;
    private Duration timeout;
    private PrintStream echo;
    private TerminalKind charts = TerminalKind.TEXT;
    private boolean prose;

    /** Runs the cells after a failing one too (each failure is reported). */
    public NotebookRunner keepGoing(boolean on) {
        keepGoing = on;
        return this;
    }

    /** The longest a single cell may run; null (the default) for no limit. */
    public NotebookRunner timeout(Duration perCell) {
        timeout = perCell;
        return this;
    }

    /**
     * Where to print values and charts as cells finish (what cells print themselves reaches
     * System.out as it happens); null, the default, prints nothing. Failures are in the result.
     */
    public NotebookRunner echo(PrintStream out) {
        echo = out;
        return this;
    }

    /**
     * Whether {@link #echo} gets the markdown cells in full (true) or only their headings (false,
     * the default, which keeps piped output short).
     */
    public NotebookRunner prose(boolean on) {
        prose = on;
        return this;
    }

    /** How charts are printed to {@link #echo}: a text chart (default) or an inline image protocol. */
    public NotebookRunner charts(TerminalKind kind) {
        charts = kind;
        return this;
    }

    /** Runs every code cell; never throws for problems in the notebook's code, they are failures in the result. */
    public NotebookRun run(Notebook notebook) {
        List<CellResult> results = new ArrayList<>();
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jinn-notebook-cell");
            t.setDaemon(true);
            return t;
        });
        Engine.chooseBackendSoonIfItTrains(String.join("\n", notebook.cells().stream()
                .filter(c -> c.kind() == Cell.Kind.CODE).map(Cell::source).toList()));
        try (Engine engine = Engine.builder().imports(IMPORTS).displayContext(DisplayContext.plain(TEXT_WIDTH))
                .keepTemporaries(false).completes(false).build()) {
            List<ErrorLocator.Placed> history = new ArrayList<>();
            boolean stop = false;
            for (int i = 0; i < notebook.cells().size(); i++) {
                Cell cell = notebook.cells().get(i);
                if (cell.kind() == Cell.Kind.MARKDOWN || stop) {
                    if (echo != null && !stop && cell.kind() == Cell.Kind.MARKDOWN) echoMarkdown(cell);
                    results.add(new CellResult(cell, i + 1, false, List.of(), null, 0));
                    continue;
                }
                Ran ran = runCell(engine, worker, notebook.name(), cell, i + 1, history);
                results.add(ran.result());
                if (ran.result().failed() && (!keepGoing || ran.sessionLost())) stop = true;
            }
        } finally {
            worker.shutdownNow();
        }
        return new NotebookRun(notebook, results);
    }

    /**
     * The prose, or at least the headings, printed between the outputs tell a terminal reader
     * where they are and what the outputs mean.
     */
    private void echoMarkdown(Cell markdown) {
        if (prose) {
            if (!markdown.trimmed().isEmpty()) echo.println("\n" + markdown.trimmed() + "\n");
            return;
        }
        for (String line : markdown.source().split("\\R")) {
            if (line.startsWith("#")) echo.println("\n" + line.strip() + "\n");
        }
    }

    /** A cell's result, and whether the session is unusable after it (a cell that would not stop). */
    private record Ran(CellResult result, boolean sessionLost) {}

    /**
     * Runs a whole cell through the engine once. The engine tells, in order, what was printed, what
     * was displayed and what each snippet gave (with the line it starts on), so outputs keep the
     * order in which they happened and an error names its own file line.
     */
    private Ran runCell(Engine engine, ExecutorService worker, String file, Cell cell, int number,
            List<ErrorLocator.Placed> history) {
        long t0 = System.nanoTime();
        Failure refused = addClassPath(engine, file, cell, number);
        if (refused != null) {
            return new Ran(new CellResult(cell, number, true, new ArrayList<>(List.of(new Output.Error(refused.toString()))), refused,
                    System.nanoTime() - t0), false);
        }
        String source = withoutCommands(cell.source());
        Recorder recorder = new Recorder(engine, file, cell, number, history);
        try {
            evaluate(engine, worker, source, recorder);
        } catch (TimeoutException e) {
            Failure failure = new Failure(file, cell.fileLine(1), number, "the cell did not stop within " + seconds(GRACE)
                    + " after its " + seconds(timeout) + " timeout (a library loop that ignores interruption);"
                    + " the session was abandoned");
            List<Output> outputs = recorder.outputs();
            outputs.add(new Output.Error(failure.toString()));
            return new Ran(new CellResult(cell, number, true, outputs, failure, System.nanoTime() - t0), true);
        }
        List<Output> outputs = recorder.outputs();
        if (recorder.failure != null) outputs.add(new Output.Error(recorder.failure.toString()));
        return new Ran(new CellResult(cell, number, true, outputs, recorder.failure, System.nanoTime() - t0), false);
    }

    /** Collects one cell's outputs as the engine reports them. */
    private final class Recorder implements CellListener {
        private final Engine engine;
        private final String file;
        private final Cell cell;
        private final int number;
        private final List<ErrorLocator.Placed> history;
        private final List<Output> outputs = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private String textStream = "stdout";
        Failure failure;

        Recorder(Engine engine, String file, Cell cell, int number, List<ErrorLocator.Placed> history) {
            this.engine = engine;
            this.file = file;
            this.cell = cell;
            this.number = number;
            this.history = history;
        }

        @Override
        public synchronized void stream(String name, String chunk) {
            if (!name.equals(textStream)) {
                flushText();
                textStream = name;
            }
            text.append(chunk);
        }

        @Override
        public synchronized void display(MimeBundle bundle, String displayId, boolean update) {
            add(bundle);
        }

        @Override
        public synchronized void outcome(Outcome o) {
            ErrorLocator.Placed placed = new ErrorLocator.Placed(o.source(), cell.fileLine(o.line()));
            switch (o.kind()) {
                case ERROR -> failure = new Failure(file, ErrorLocator.fileLine(o.display(), placed, history), number,
                        o.display().strip());
                case INTERRUPTED -> failure = new Failure(file, placed.firstLine(), number,
                        timeout == null ? "stopped" : "timed out: the cell ran longer than " + seconds(timeout)
                                + " (--timeout) and was stopped");
                case VALUE -> {
                    if (o.result()) add(o.bundle());
                }
                default -> { }
            }
            history.add(placed);
        }

        /** A shown value, after the text printed before it. */
        private void add(MimeBundle bundle) {
            flushText();
            Output out = bundle.has(MimeBundle.PNG)
                    ? new Output.Image(bundle.bytes(MimeBundle.PNG).orElseThrow(), bundle.plain(), bundle.title())
                    : new Output.Value(bundle.plain(), bundle.text(MimeBundle.HTML).orElse(null));
            if (echo != null) {
                echo.print(out instanceof Output.Image && charts != TerminalKind.TEXT
                        ? TerminalDisplay.text(bundle, new DisplayContext(TEXT_WIDTH, true), charts) + "\n"
                        : bundle.plain() + "\n");
            }
            outputs.add(out);
        }

        private void flushText() {
            if (text.isEmpty()) return;
            outputs.add(new Output.Text(TerminalText.clean(text.toString()), textStream));
            text.setLength(0);
        }

        synchronized List<Output> outputs() {
            flushText();
            return new ArrayList<>(outputs);
        }
    }

    /**
     * The cell's {@code /classpath} lines (what {@code /save} writes for a session that added a library),
     * added before its Java runs, relative paths from the notebook's folder; the failure that names the
     * line where one cannot be, else null.
     */
    private static Failure addClassPath(Engine engine, String file, Cell cell, int number) {
        String[] lines = cell.source().split("\n", -1);
        Path notebook = Path.of(file).toAbsolutePath();
        Path base = Files.isRegularFile(notebook) ? notebook.getParent() : Path.of("").toAbsolutePath();
        for (int i = 0; i < lines.length; i++) {
            try {
                engine.addClassPathLine(lines[i], base);
            } catch (IOException | RuntimeException e) {
                return new Failure(file, cell.fileLine(i + 1), number, "/classpath: " + e.getMessage());
            }
        }
        return null;
    }

    /**
     * JShell tool commands ({@code /open}, {@code /env}) are not Java: like the engine's
     * {@code load}, the runner leaves their lines out, as blank lines so that line numbers stay.
     */
    static String withoutCommands(String source) {
        return source.replaceAll("(?m)^[ \\t]*/(?![/*]).*$", "");
    }

    private EvalResult evaluate(Engine engine, ExecutorService worker, String source, CellListener listener)
            throws TimeoutException {
        Future<EvalResult> f = worker.submit(() -> engine.eval(source, listener));
        try {
            if (timeout == null) return f.get();
            try {
                return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                engine.stop();
                return f.get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            engine.stop();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("notebook run interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the engine failed on a cell: " + e.getCause(), e.getCause());
        }
    }

    private static int lineBreaks(String s, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) if (s.charAt(i) == '\n') n++;
        return n;
    }

    private static String seconds(Duration d) {
        return d == null ? "?" : d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }
}
