package jinn.notebook;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;
import jinn.plot.Chart;
import jinn.plot.InlineImages;
import jinn.plot.TerminalKind;
import jinn.repl.Engine;
import jinn.repl.EvalResult;
import jinn.repl.Outcome;

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
        try (Engine engine = Engine.builder().imports(IMPORTS).build();
             SnippetSplitter splitter = new SnippetSplitter()) {
            List<ErrorLocator.Placed> history = new ArrayList<>();
            boolean stop = false;
            for (int i = 0; i < notebook.cells().size(); i++) {
                Cell cell = notebook.cells().get(i);
                if (cell.kind() == Cell.Kind.MARKDOWN || stop) {
                    if (echo != null && !stop && cell.kind() == Cell.Kind.MARKDOWN) echoMarkdown(cell);
                    results.add(new CellResult(cell, i + 1, false, List.of(), null, 0));
                    continue;
                }
                Ran ran = runCell(engine, worker, splitter, notebook.name(), cell, i + 1, history);
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

    private Ran runCell(Engine engine, ExecutorService worker, SnippetSplitter splitter, String file, Cell cell,
            int number, List<ErrorLocator.Placed> history) {
        long t0 = System.nanoTime();
        List<Output> outputs = new ArrayList<>();
        Failure failure = null;
        String source = withoutCommands(cell.source());
        for (SnippetSplitter.Piece piece : splitter.split(source)) {
            int firstLine = cell.fileLine(1 + lineBreaks(source, piece.offset()));
            ErrorLocator.Placed placed = new ErrorLocator.Placed(piece.text(), firstLine);
            EvalResult result;
            try {
                result = evaluate(engine, worker, piece.text());
            } catch (TimeoutException e) {
                failure = new Failure(file, firstLine, number, "the cell did not stop within " + seconds(GRACE)
                        + " after its " + seconds(timeout) + " timeout (a library loop that ignores interruption);"
                        + " the session was abandoned");
                outputs.add(new Output.Error(failure.toString()));
                return new Ran(new CellResult(cell, number, true, outputs, failure, System.nanoTime() - t0), true);
            }
            if (!result.output().isEmpty()) outputs.add(new Output.Text(TerminalText.clean(result.output())));
            for (Outcome o : result.outcomes()) {
                switch (o.kind()) {
                    case ERROR -> failure = new Failure(file, ErrorLocator.fileLine(o.display(), placed, history), number,
                            o.display().strip());
                    case INTERRUPTED -> failure = new Failure(file, firstLine, number,
                            timeout == null ? "stopped" : "timed out: the cell ran longer than " + seconds(timeout)
                                    + " (--timeout) and was stopped");
                    case VALUE -> {
                        if (isExpression(o)) outputs.add(show(o));
                    }
                    default -> { }
                }
            }
            history.add(placed);
            if (failure != null) {
                outputs.add(new Output.Error(failure.toString()));
                break;
            }
        }
        return new Ran(new CellResult(cell, number, true, outputs, failure, System.nanoTime() - t0), false);
    }

    /**
     * JShell tool commands ({@code /open}, {@code /env}) are not Java: like the engine's
     * {@code load}, the runner leaves their lines out, as blank lines so that line numbers stay.
     */
    static String withoutCommands(String source) {
        return source.replaceAll("(?m)^[ \\t]*/(?![/*]).*$", "");
    }

    private EvalResult evaluate(Engine engine, ExecutorService worker, String source) throws TimeoutException {
        Future<EvalResult> f = worker.submit(() -> engine.eval(source));
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

    private Output show(Outcome o) {
        Output out = o.value() instanceof Chart chart ? new Output.Image(chart.toPng(), chart.text(TEXT_WIDTH, 20), chart.title())
                : o.value() instanceof RenderedImage image
                        ? new Output.Image(png(image), "image " + image.getWidth() + " x " + image.getHeight())
                        : new Output.Value(withoutName(o));
        if (echo != null) {
            echo.print(o.value() instanceof Chart chart && charts != TerminalKind.TEXT ? InlineImages.render(chart, charts)
                    : (out instanceof Output.Value v ? v.text() : ((Output.Image) out).text()) + "\n");
        }
        return out;
    }

    /**
     * A bare expression shows its value under the cell, as in Jupyter; a variable declaration
     * ({@code var x = 3;}) does not. Expressions get temporary names ({@code $3}), except a bare
     * variable name, whose outcome carries that name.
     */
    static boolean isExpression(Outcome o) {
        // printf and format return their stream: what they printed is the output, not the stream
        if (o.name() == null || o.value() instanceof java.io.PrintStream) return false;
        // a null result (Map.put of a new key) says nothing in a notebook
        if (o.value() == null && o.display().endsWith("==> null")) return false;
        if (o.name().startsWith("$")) return true;
        String code = o.source().replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "").strip();
        if (code.endsWith(";")) code = code.substring(0, code.length() - 1).strip();
        return code.equals(o.name());
    }

    /** "$3 ==> 42" → "42": a notebook shows the value under the cell, the name means nothing there. */
    static String withoutName(Outcome o) {
        String d = o.display();
        if (o.name() != null) {
            if (d.startsWith(o.name() + " ==> ")) return d.substring(o.name().length() + 5);
            if (d.startsWith(o.name() + " ==>\n")) return d.substring(o.name().length() + 5);
        }
        return d;
    }

    private static byte[] png(RenderedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an image as PNG: " + e.getMessage(), e);
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
