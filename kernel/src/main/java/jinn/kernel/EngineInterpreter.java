package jinn.kernel;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinn.notebook.NotebookRunner;
import jinn.repl.Engine;
import jinn.repl.EvalResult;
import jinn.repl.Main;
import jinn.repl.Outcome;

/**
 * jinn's engine behind the kernel: a JShell session with the notebook runner's imports (the
 * REPL's plus the expect... checks), so the tutorials run unchanged in Jupyter. The engine starts
 * on a thread of its own: the kernel answers kernel_info at once, and the first execute waits.
 */
public final class EngineInterpreter implements Interpreter {

    /** The line of a multi-line snippet that the engine's error report marks ("  line 3 | x.foo()"). */
    private static final Pattern REPORT_LINE = Pattern.compile("(?m)^\\s*line (\\d+) \\|");
    /** "java.lang.ArithmeticException: / by zero" or "ArithmeticException: / by zero". */
    private static final Pattern EXCEPTION = Pattern.compile("^([\\w$.]*(?:Exception|Error|Throwable)):\\s?(.*)$");

    private final CompletableFuture<Engine> engine;
    private volatile String backend;

    private EngineInterpreter(CompletableFuture<Engine> engine) {
        this.engine = engine;
    }

    /** Routes System.out/err/in to the cells and starts the engine in the background. */
    public static EngineInterpreter start() {
        CellStreams.install(); // before the engine wraps System.out, so that it wraps these
        CompletableFuture<Engine> future = new CompletableFuture<>();
        EngineInterpreter interpreter = new EngineInterpreter(future);
        Thread t = new Thread(() -> {
            try {
                Engine e = Engine.builder().imports(NotebookRunner.IMPORTS).build();
                interpreter.backend = jinn.accel.Backends.current().name();
                future.complete(e);
            } catch (Throwable e) {
                KernelLog.line("the engine failed to start: " + e);
                future.completeExceptionally(e);
            }
        }, "jinn-kernel-engine-start");
        t.setDaemon(true);
        t.start();
        return interpreter;
    }

    private Engine engine() {
        try {
            return engine.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the engine started", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the engine failed to start: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public ExecuteOutcome execute(String code, CellEvents events) {
        CellStreams.route(events);
        Engine e;
        try {
            e = engine();
        } catch (IllegalStateException ex) {
            return ExecuteOutcome.error("EngineError", ex.getMessage(), List.of(ex.getMessage()));
        }
        EvalResult r = e.eval(code);
        // One result per cell, as in IPython: earlier values of the cell are shown as displays, the last as its result.
        MimeData pending = null;
        int searchFrom = 0;
        for (Outcome o : r.outcomes()) {
            int at = code.indexOf(o.source().strip(), searchFrom);
            int firstLine = at < 0 ? 1 : 1 + (int) code.substring(0, at).chars().filter(c -> c == '\n').count();
            if (at >= 0) searchFrom = at + o.source().strip().length();
            switch (o.kind()) {
                case VALUE -> {
                    if (!isResult(o)) continue;
                    if (pending != null) events.display(pending, null, false);
                    pending = MimeData.plain(valueText(o));
                }
                case ERROR -> {
                    if (pending != null) events.result(pending);
                    return error(o.display(), firstLine, events.executionCount());
                }
                case INTERRUPTED -> {
                    if (pending != null) events.result(pending);
                    return ExecuteOutcome.error("Interrupted", o.display(),
                            List.of("Cell In[" + events.executionCount() + "], line " + firstLine, "Interrupted: " + o.display()));
                }
                default -> { }
            }
        }
        if (pending != null) events.result(pending);
        return ExecuteOutcome.success();
    }

    /** An expression ({@code $1}) or a bare variable shows as the cell's result; {@code int a = 20;} does not. */
    private static boolean isResult(Outcome o) {
        String src = o.source().strip();
        if (src.endsWith(";")) src = src.substring(0, src.length() - 1).strip();
        return o.name() != null && (o.name().startsWith("$") || src.equals(o.name()));
    }

    /** The engine's "name ==> value" without the name: Jupyter labels results with Out[N] itself. */
    private static String valueText(Outcome o) {
        String d = o.display();
        String prefix = o.name() + " ==>";
        if (d.startsWith(prefix)) d = d.substring(prefix.length()).replaceFirst("^[ \\n]", "");
        return d;
    }

    /**
     * An error as Jupyter shows one: ename and evalue from the report's first line, the traceback
     * naming the cell and line as ipykernel does ("Cell In[3], line 2"), then the engine's report.
     */
    static ExecuteOutcome error(String report, int snippetLine, int count) {
        String first = report.lines().findFirst().orElse("").strip();
        Matcher m = EXCEPTION.matcher(first);
        String ename, evalue;
        if (m.matches()) {
            ename = m.group(1).substring(m.group(1).lastIndexOf('.') + 1);
            evalue = m.group(2);
        } else {
            ename = "CompileError";
            evalue = first;
        }
        Matcher l = REPORT_LINE.matcher(report);
        int line = snippetLine + (l.find() ? Integer.parseInt(l.group(1)) - 1 : 0);
        List<String> tb = new java.util.ArrayList<>();
        tb.add("Cell In[" + count + "], line " + line);
        tb.addAll(report.lines().toList());
        return ExecuteOutcome.error(ename, evalue, tb);
    }

    @Override
    public Completion complete(String code, int cursor) {
        Engine.Completions c = engine().complete(code, cursor);
        return new Completion(c.anchor(), cursor, c.suggestions().stream().map(Engine.Suggestion::text).toList());
    }

    @Override
    public Optional<String> inspect(String code, int cursor) {
        List<String> docs = engine().documentation(code, cursor);
        return docs.isEmpty() ? Optional.empty() : Optional.of(String.join("\n\n", docs));
    }

    @Override
    public Completeness isComplete(String code) {
        if (engine().isComplete(code)) return Completeness.COMPLETE;
        String last = code.lines().filter(s -> !s.isBlank()).reduce((a, b) -> b).orElse("");
        String indent = last.substring(0, last.length() - last.stripLeading().length());
        String end = last.strip();
        // One level deeper after an opening brace or parenthesis and on a builder chain's trailing dot.
        boolean deeper = end.endsWith("{") || end.endsWith("(") || end.endsWith(".");
        return Completeness.incomplete(deeper ? indent + "    " : indent);
    }

    @Override
    public void interrupt() {
        Engine e = engine.getNow(null);
        if (e != null) e.stop();
    }

    @Override
    public String banner() {
        String b = backend;
        return "jinn " + Main.version() + " on Java " + Runtime.version().feature()
                + (b == null ? "" : ", backend " + b) + "\n"
                + "Neural networks from Java: net(), tensor(...), mnist(), plot(...); the tutorials are .jsh notebooks.";
    }

    @Override
    public String languageVersion() {
        Runtime.Version v = Runtime.version();
        return v.feature() + "." + v.interim() + "." + v.update();
    }
}
