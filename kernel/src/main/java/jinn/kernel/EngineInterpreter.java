package jinn.kernel;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinn.notebook.NotebookRunner;
import jinn.repl.Engine;
import jinn.repl.Main;
import jinn.repl.command.Command;
import jinn.repl.command.Commands;
import jinn.repl.display.MimeBundle;

/**
 * jinn's engine behind the kernel: a JShell session with the notebook runner's imports (the
 * REPL's plus the expect... checks), so the tutorials run unchanged in Jupyter. The engine starts
 * on a thread of its own: the kernel answers kernel_info at once, and the first execute waits.
 */
public final class EngineInterpreter implements Interpreter {

    /** The line of a multi-line snippet that the engine's error report marks ("  line 3 | x.foo()"). */
    private static final Pattern REPORT_LINE = Pattern.compile("(?m)^\\s*line (\\d+) \\|");
    /** A magic's name being typed at the start of a line: "%ti", "%%", "/va". */
    private static final Pattern MAGIC_NAME = Pattern.compile("^\\s*(%%|%|/)(\\w*)$");
    /** A line's magic sigil and name, from the line's start: "%timeit", "/vars". */
    private static final Pattern MAGIC_AT_START = Pattern.compile("[ \\t]*(%%|%|/)([A-Za-z]\\w*)");
    /** "java.lang.ArithmeticException: / by zero" or "ArithmeticException: / by zero". */
    private static final Pattern EXCEPTION = Pattern.compile("^([\\w$.]*(?:Exception|Error|Throwable)):\\s?(.*)$");

    private final CompletableFuture<Engine> engine;
    private volatile String backend;
    /** The REPL's commands, which line magics run (%vars, /vars, %timeit). */
    private final Commands commands = Commands.standard();

    private EngineInterpreter(CompletableFuture<Engine> engine) {
        this.engine = engine;
    }

    /** Gives cells the front end as System.in and starts the engine in the background. */
    public static EngineInterpreter start() {
        CellInput.install();
        CompletableFuture<Engine> future = new CompletableFuture<>();
        EngineInterpreter interpreter = new EngineInterpreter(future);
        Thread t = new Thread(() -> {
            try {
                // Jupyter shows Out[N], never $N: an expression's $N is dropped once shown, as the
                // notebook runner does, or every kept value would slow each later compilation.
                Engine e = Engine.builder().imports(NotebookRunner.IMPORTS).keepTemporaries(false).build();
                jinn.repl.StartupTrace.mark("kernel: engine started");
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
        CellInput.route(events);
        Engine e;
        try {
            e = engine();
        } catch (IllegalStateException ex) {
            return ExecuteOutcome.error("EngineError", ex.getMessage(), List.of(ex.getMessage()));
        }
        CellHearing hearing = new CellHearing(events);
        Magics.Cell cell = Magics.parse(code);
        if (cell.plain()) {
            e.eval(code, hearing);
            return hearing.finish();
        }
        return new MagicRunner(e, commands, hearing).run(cell);
    }

    /**
     * Every representation of the bundle, binary ones base64-encoded as Jupyter carries images;
     * except the SVG of an image that also has a PNG. Front ends prefer SVG when both are there,
     * and Debian's nbconvert 6.5 failed on the XML declaration of the SVG XChart writes
     * ("Unicode strings with encoding declaration are not supported"), then, without it, its HTML
     * sanitiser drew the chart blank. The PNG shows everywhere; {@code chart.save("x.svg")} keeps
     * the vector form for whoever wants it.
     */
    static MimeData mimeData(MimeBundle bundle) {
        Map<String, String> data = new LinkedHashMap<>();
        for (String mime : bundle.types()) {
            if (mime.equals(MimeBundle.SVG) && bundle.has(MimeBundle.PNG)) continue;
            if (binary(mime)) bundle.bytes(mime).ifPresent(b -> data.put(mime, Base64.getEncoder().encodeToString(b)));
            else bundle.text(mime).ifPresent(t -> data.put(mime, t));
        }
        data.putIfAbsent(MimeBundle.PLAIN, bundle.plain());
        return new MimeData(data);
    }

    /**
     * An error as Jupyter shows one: ename and evalue from the report's first line, the traceback
     * naming the cell and line as ipykernel does ("Cell In[3], line 2"), then the engine's report.
     */
    static ExecuteOutcome error(String report, int snippetLine, int count) {
        if (snippetLine < 1) snippetLine = 1;
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

    /** Images other than SVG are bytes in a bundle; everything else (text, HTML, markdown, SVG) is text. */
    static boolean binary(String mime) {
        return mime.startsWith("image/") && !mime.equals(MimeBundle.SVG);
    }

    @Override
    public Completion complete(String code, int cursor) {
        Matcher magic = MAGIC_NAME.matcher(code.substring(code.lastIndexOf('\n', cursor - 1) + 1, cursor));
        if (magic.matches()) {
            String sigil = magic.group(1), prefix = magic.group(2);
            List<String> names = switch (sigil) {
                case "%%" -> Magics.CELL_MAGICS;
                case "%" -> Magics.lineMagicNames(commands);
                default -> commands.all().stream().map(Command::name).toList();
            };
            return new Completion(cursor - sigil.length() - prefix.length(), cursor,
                    names.stream().filter(n -> n.startsWith(prefix)).map(n -> sigil + n).toList());
        }
        Engine.Completions c = engine().complete(code, cursor);
        return new Completion(c.anchor(), cursor, c.suggestions().stream().map(Engine.Suggestion::text).toList());
    }

    @Override
    public Optional<String> inspect(String code, int cursor) {
        // On a magic's name (Shift-Tab on %timeit), what the magic does.
        int from = cursor == 0 ? 0 : code.lastIndexOf('\n', cursor - 1) + 1;
        Matcher magic = MAGIC_AT_START.matcher(code).region(from, code.length());
        if (magic.lookingAt() && cursor >= magic.start(1) && cursor <= magic.end(2)) {
            return Magics.describe(new Magics.Line(magic.group(1), magic.group(2), "", 1), commands).map(h -> h.usage() + "\n  " + h.help());
        }
        if (magic.lookingAt()) {
            // Past the name (%timeit Math.max(...)): the documentation of the line's Java.
            int end = code.indexOf('\n', cursor);
            code = code.substring(magic.end(2), end < 0 ? code.length() : end);
            cursor -= magic.end(2);
        }
        List<String> docs = engine().documentation(code, cursor);
        return docs.isEmpty() ? Optional.empty() : Optional.of(String.join("\n\n", docs));
    }

    @Override
    public Completeness isComplete(String code) {
        Magics.Cell cell = Magics.parse(code);
        if (!cell.plain()) {
            // A cell magic runs the lines after it: alone it waits for them, as IPython's does.
            if (cell.body().isBlank()) return cell.cellMagic().isPresent() ? Completeness.incomplete("") : Completeness.COMPLETE;
            code = cell.body();
        }
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
