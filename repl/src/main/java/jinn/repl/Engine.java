package jinn.repl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;
import jinn.display.DisplaySink;
import jinn.display.Displays;
import jinn.repl.display.Display;
import jinn.repl.display.DisplayContext;
import jinn.repl.display.MimeBundle;
import jinn.repl.display.TerminalDisplay;

/**
 * jinn's REPL engine: evaluates cells with JShell, shows values through the {@link Display}
 * registry, and answers the questions a front end asks (is this input complete, what completes
 * this name, what does this method do, which variables exist). It needs no terminal: tests,
 * the JLine front end and the notebook runner all drive it the same way.
 *
 * <h2>Why cells run in process</h2>
 * JShell can run snippets in this JVM (local execution) or in an agent JVM it drives over JDI
 * (remote execution, what the {@code jshell} tool does). jinn runs them in process, deliberately:
 * <ul>
 *   <li>Speed: a remote agent costs ~0.2 s to start and ~0.15-0.2 s per evaluation against
 *       ~20-30 ms here, and only the in-process JVM can be started from a trained AOT cache.</li>
 *   <li>Rich display: the value object lives in this heap, so a tensor, network or chart is drawn
 *       from the object itself, not from its {@code toString()}.</li>
 *   <li>The price, and how it is paid: Ctrl-C ({@link #stop()}) ends loops in the cell's own code at
 *       once (JShell instruments snippet bytecode with stop checks) and interrupts the cell's
 *       thread, so library loops must check {@link Thread#interrupted()} (jinn's {@code fit}
 *       does). {@code System.exit} would end jinn itself: a cell that calls it directly is refused
 *       with an explanation, and an indirect call ends the session with a message, not silently.
 *       StackOverflowError and OutOfMemoryError end only the cell's thread.</li>
 * </ul>
 */
public final class Engine implements AutoCloseable {

    /**
     * Imports every session starts with. One whose class is missing from the class path (a module
     * not built yet) is skipped, so a partial build still gives a working REPL.
     */
    public static final List<String> DEFAULT_IMPORTS = List.of(
            // They are compiled together as one snippet (see open()); the notebook runner and the
            // tutorials rely on this list, so trim it only together with them.
            "import java.util.*;",
            "import java.util.function.*;",
            "import java.util.stream.*;",
            "import java.io.*;",
            "import java.nio.file.*;",
            "import java.math.*;",
            "import tech.tablesaw.api.*;",
            "import jinn.tensor.*;",
            "import jinn.nn.*;",
            "import jinn.train.*;",
            "import jinn.data.*;",
            "import static jinn.Jinn.*;",
            "import static jinn.plot.Plots.*;");

    private static final Pattern EXIT_CALL = Pattern.compile(
            "\\bSystem\\s*\\.\\s*exit\\s*\\(|\\.\\s*halt\\s*\\(|getRuntime\\s*\\(\\s*\\)\\s*\\.\\s*exit\\s*\\(");

    static final String EXIT_REFUSED = "System.exit would end jinn itself: cells run inside jinn's own JVM, "
            + "which is what makes them start and run fast. Nothing was run and your variables are kept.\n"
            + "  To leave, type /exit (or press Ctrl-D); to stop a script, throw an exception.";

    private final Display display;
    private volatile DisplayContext context;
    private final List<String> defaultImports;
    private final boolean keepTemporaries;
    /** Whether anyone will ask this session to complete names: if not, JShell's index is never built. */
    private final boolean completes;
    /** Holds JShell's class-path index back while a cell runs (and for good where nothing completes). */
    private CompletionIndex index;
    private final AtomicInteger tempNames = new AtomicInteger();
    private JShell jshell;
    private JinnExecutionProvider provider;
    /** javac's file manager in JShell, where the lean class path is set; null when javac sees the JVM's whole path. */
    private javax.tools.StandardJavaFileManager javacFiles;
    /** Jars and class folders the person added to the cells' class path (/classpath), kept across resets. */
    private final List<Path> addedClassPath = new ArrayList<>();
    private volatile boolean running;
    /** Loads the Vector API if the launcher left that to jinn; joined before a cell runs. */
    private final Thread vectorModule;
    private boolean javadocSourcesTried;
    private volatile boolean stopRequested;
    /** The thread that repeats jshell.stop() for the running cell; a new cell waits for it to end. */
    private volatile Thread stopper;
    private final List<String> skippedImports = new ArrayList<>();
    /** The listener of the cell running now; null between cells. */
    private volatile CellListener cellListener;

    /**
     * What {@link #eval(String)} tells: nothing but displayed values, printed as this terminal shows
     * them (through System.out, so the cell's recorded output has them in order).
     */
    private final CellListener terminal = new CellListener() {
        @Override
        public void display(MimeBundle bundle, String displayId, boolean update) {
            System.out.println(TerminalDisplay.text(bundle, context));
        }
    };

    /**
     * Where {@code display(value)} goes: rendered here, then handed to the running cell's listener;
     * between cells (a thread a cell left running) printed on the terminal.
     */
    private final DisplaySink displaySink = new DisplaySink() {
        @Override
        public void show(Object value, String id) {
            send(value, id, false);
        }

        @Override
        public void update(String id, Object value) {
            send(value, id, true);
        }

        @Override
        public boolean updatesInPlace() {
            CellListener l = cellListener;
            return l != null && l.updatesInPlace();
        }

        private void send(Object value, String id, boolean update) {
            MimeBundle bundle = bundleOf(value);
            CellListener l = cellListener;
            if (l != null) l.display(bundle, id, update);
            else CellOutput.realOut().println(TerminalDisplay.text(bundle, context));
        }
    };
    /** The one snippet that holds the default imports (null when they had to go in one by one). */
    private volatile Snippet defaultImportSnippet;
    /** Every snippet the engine evaluated for the default imports: never the user's, in /list or /save. */
    private final java.util.Set<Snippet> defaultSnippets = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The default imports in that snippet. */
    private List<String> combinedImports = List.of();
    /** The packages of combinedImports, removed from type names; null when there are none. */
    private volatile Pattern importedPackages;

    /**
     * The first import of the combined default-import snippet. JShell keys an import snippet by its
     * first import, and a new snippet with the same key replaces the old one: with
     * {@code import java.util.*;} first, a user typing that line would silently drop all the other
     * default imports. Nobody types this one; if someone does, {@link #restoreDefaultImports} puts the
     * rest back.
     */
    static final String IMPORT_KEY = "import java.lang.*;";

    private Engine(Builder b) {
        this.display = b.display;
        this.context = b.context;
        this.defaultImports = b.imports;
        this.keepTemporaries = b.keepTemporaries;
        this.completes = b.completes;
        CellOutput.install();
        ExitNotice.install(this);
        Displays.install(displaySink);
        vectorModule = loadVectorModule();
        open();
    }

    /**
     * jinn's launcher may leave the Vector API out of the boot layer for the sake of start-up (see
     * VectorModule); loading it takes ~40 ms, done beside JShell's first compilation rather than
     * after it, and awaited before the first cell runs, so that a cell naming the API finds it.
     */
    private static Thread loadVectorModule() {
        Thread t = new Thread(jinn.accel.VectorModule::ready, "jinn-vector-module");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void awaitVectorModule() {
        try {
            vectorModule.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An engine with the default imports, the standard display registry and plain 100-column text. */
    public static Engine start() {
        return builder().build();
    }

    /**
     * Starts an engine on its own thread: JShell's first compilations are most of jinn's start-up,
     * and the terminal and prompt can come up meanwhile. Then, unless {@code someoneWaits} already
     * says a first line is waiting for it, it runs a warm-up cell ({@link #warmUp}) while the person
     * is still typing.
     */
    public static java.util.concurrent.CompletableFuture<Engine> startInBackground(java.util.function.BooleanSupplier someoneWaits) {
        var engine = new java.util.concurrent.CompletableFuture<Engine>();
        Thread starter = new Thread(() -> {
            try {
                Engine started = Engine.start();
                if (!someoneWaits.getAsBoolean()) started.warmUp();
                engine.complete(started);
            } catch (Throwable e) {
                engine.completeExceptionally(e);
            }
        }, "jinn-engine-start");
        starter.setDaemon(true);
        starter.start();
        StartupTrace.mark("engine thread started");
        return engine;
    }

    /**
     * For a run nobody types into (a notebook or script) whose code trains ({@link #trains}): chooses
     * the backend now, on a thread of its own beside JShell's start, and with it starts the CPU
     * kernels' JIT warm-up, rather than when the first cell that needs a backend runs. Cells there
     * follow each other without a pause, so a warm-up begun by the cell that builds the model had not
     * got the kernels compiled by the fit that came next: 06-mnist's first epoch took 2.90-3.33 s so,
     * 1.33-2.41 s with the backend chosen as the notebook started (Zen 3, 2 cores, 5 runs each taking
     * turns; later epochs 0.5-0.9 s). Only where the code trains: the warm-up's second of CPU made a
     * notebook of one line take 2.1-2.2 s instead of 1.3-1.5. The REPL chooses after its first result
     * instead, while its person types. A backend that cannot be made says so in the first cell that
     * asks for it, as before.
     */
    public static void chooseBackendSoonIfItTrains(String code) {
        if (!trains(code)) return;
        Thread t = new Thread(() -> {
            try {
                jinn.accel.Backends.current();
            } catch (RuntimeException | LinkageError e) {
                // the cell that needs a backend will report it
            }
        }, "jinn-backend-choice");
        t.setDaemon(true);
        t.start();
    }

    private static final java.util.regex.Pattern TRAINS = java.util.regex.Pattern.compile("\\.(fit|backward)\\s*\\(");

    /** Whether code calls {@code fit(...)} or {@code backward(...)}: training, which the kernels' warm-up is for. */
    public static boolean trains(String code) {
        return TRAINS.matcher(CodeText.withoutStringsAndComments(code)).find();
    }

    /**
     * Runs a throwaway cell and drops it, so that the user's first cell finds code generation, class
     * loading, execution and display warm: typed 2.5 s after the prompt, Enter to "$1 ==> 2" took a
     * median 276 ms against 620 ms without (tmux, 5 rounds each, two busy cores). Worth it only while a
     * person is still typing, so only the terminal front end asks for it, and not once a line waits.
     */
    void warmUp() {
        isComplete("1 + 1");
        for (SnippetEvent e : jshell.eval("int $jinnWarmUp = 1 + 1;")) {
            if (e.value() != null) TerminalDisplay.text(display.render(2, e.value(), context), context);
            jshell.drop(e.snippet());
        }
        tempNames.set(0);
        StartupTrace.mark("warm-up cell run");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of an engine; every one has a sensible default. */
    public static final class Builder {
        private Display display;
        private DisplayContext context = DisplayContext.plain(100);
        private List<String> imports = DEFAULT_IMPORTS;
        private boolean keepTemporaries = true;
        private boolean completes = true;

        private Builder() {}

        /**
         * Whether the session will complete names as someone types (the REPL, a Jupyter kernel: the
         * default). A script or notebook runner will not, so JShell's class-path index, which only
         * completion reads, is never built: on two cores it had taken CPU and the JIT's attention
         * from the script's cells (see {@link CompletionIndex}).
         */
        public Builder completes(boolean completes) {
            this.completes = completes;
            return this;
        }

        /**
         * Whether an expression's value stays in a {@code $N} variable (the REPL, which shows
         * {@code $3 ==> 42} so that the user can type {@code $3}), or is dropped once shown (a
         * notebook or kernel, which never shows those names). JShell compiles every snippet with an
         * import of each variable still defined, so a session's cost per cell grows with them:
         * 2,000 kept values tripled a one-line statement's time here.
         */
        public Builder keepTemporaries(boolean keep) {
            this.keepTemporaries = keep;
            return this;
        }

        public Builder display(Display display) {
            this.display = display;
            return this;
        }

        /** Terminal width and abilities used to render values; can change later with {@link Engine#displayContext}. */
        public Builder displayContext(DisplayContext context) {
            this.context = context;
            return this;
        }

        /** Imports to start every session with (each one skipped if its class is missing). */
        public Builder imports(List<String> imports) {
            this.imports = List.copyOf(imports);
            return this;
        }

        public Engine build() {
            if (display == null) display = Display.standard();
            return new Engine(this);
        }
    }

    private void open() {
        provider = new JinnExecutionProvider();
        tempNames.set(0);
        JShell.Builder b = JShell.builder()
                .executionEngine(provider, java.util.Map.of())
                .tempVariableNameGenerator(() -> "$" + tempNames.incrementAndGet());
        if (jinn.accel.VectorModule.inThisJdk()) {
            // Cells may use the Vector API themselves; javac needs the incubator module named. javac
            // reads it from the JDK, whether or not this JVM has loaded it yet.
            b.compilerOptions("--add-modules", "jdk.incubator.vector", "-Xlint:-incubating");
        }
        // The lean path is set on javac's file manager rather than given as a --class-path option:
        // JShell hands its options to every compilation, where that one would undo what
        // addToClasspath (/classpath) adds to the file manager.
        String compilePath = CompileClassPath.forCells();
        javacFiles = null; // the new JShell's, if any
        if (compilePath != null) b.fileManager(fm -> {
            javacFiles = fm;
            setCompilePath(compilePath);
            return fm;
        });
        jshell = b.build();
        addToJShell(addedClassPath);
        // The analysis starts JShell's indexing thread; a session that never completes holds it
        // before it starts, one that does lets it run between cells only (eval holds it meanwhile).
        index = CompletionIndex.of(jshell.sourceCodeAnalysis());
        if (!completes) index.hold();
        javadocSourcesTried = false;
        StartupTrace.mark("JShell built");
        skippedImports.clear();
        defaultImportSnippet = null;
        defaultSnippets.clear();
        combinedImports = List.of();
        importedPackages = null;
        List<String> usable = new ArrayList<>();
        for (String imp : defaultImports) {
            if (importable(imp)) usable.add(imp);
            else skippedImports.add(imp);
        }
        // One snippet for all of them: each snippet is a javac round, and twelve more rounds were a
        // visible part of the time to the first result.
        if (!usable.isEmpty()) {
            List<SnippetEvent> events = jshell.eval(IMPORT_KEY + " " + String.join(" ", usable));
            SnippetEvent e = events.isEmpty() ? null : events.get(0);
            if (e != null && e.status().isActive()) {
                defaultImportSnippet = e.snippet();
                defaultSnippets.add(e.snippet());
                combinedImports = List.copyOf(usable);
                importedPackages = packagesOf(combinedImports);
            } else {
                if (e != null) jshell.drop(e.snippet());
                for (String imp : usable) evalDefaultImport(imp); // one is broken: find it, keep the rest
            }
        }
        StartupTrace.mark("default imports compiled");
    }

    private void evalDefaultImport(String imp) {
        for (SnippetEvent e : jshell.eval(imp)) {
            if (e.status() == Snippet.Status.REJECTED) skippedImports.add(imp);
            else defaultSnippets.add(e.snippet());
        }
    }

    /**
     * The user's own import replaced the combined default-import snippet (it started with the same
     * import): put the other default imports back, one snippet each, so that none is lost silently.
     */
    private void restoreDefaultImports() {
        List<String> active = jshell.imports().filter(i -> jshell.status(i).isActive())
                .map(i -> i.source().strip()).toList();
        List<String> again = combinedImports;
        defaultImportSnippet = null;
        combinedImports = List.of();
        importedPackages = null;
        for (String imp : again) {
            if (!active.contains(imp)) evalDefaultImport(imp);
        }
    }

    /** Whether the class or package an import names is on the class path, without compiling anything. */
    static boolean importable(String importSource) {
        String s = importSource.strip().replaceFirst("^import\\s+", "").replaceFirst(";$", "").strip();
        boolean isStatic = s.startsWith("static ");
        if (isStatic) s = s.substring("static ".length()).strip();
        if (!s.endsWith(".*")) return true;
        String target = s.substring(0, s.length() - 2);
        ClassLoader loader = Engine.class.getClassLoader();
        if (isStatic) return loads(target, loader);
        if (target.startsWith("java.")) return true;
        // A package exists for javac when any class in it exists; ask the loader for its resources.
        String dir = target.replace('.', '/') + "/";
        return loader.getResource(dir) != null || Package.getPackage(target) != null
                || loader.getDefinedPackage(target) != null;
    }

    private static boolean loads(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The default imports that were skipped because their classes are not on the class path. */
    public List<String> skippedImports() {
        return List.copyOf(skippedImports);
    }

    /** Where values are drawn: width and whether escape codes are allowed. */
    public void displayContext(DisplayContext context) {
        this.context = context;
    }

    public DisplayContext displayContext() {
        return context;
    }

    public Display display() {
        return display;
    }

    // ---------------------------------------------------------------------------------- evaluation

    /**
     * Evaluates a cell: one or more snippets ({@code int a = 1; a + 1}), in order, stopping at the
     * first error. Never throws for problems in the user's code: they come back as outcomes. Values
     * shown with {@code display(...)} are printed as a terminal shows them.
     */
    public EvalResult eval(String cell) {
        return eval(cell, terminal);
    }

    /**
     * Evaluates a cell as {@link #eval(String)} does, telling {@code listener} what happens as it
     * happens: printed text, displayed values, each snippet's outcome.
     */
    public EvalResult eval(String cell, CellListener listener) {
        if (listener == null) throw new IllegalArgumentException("eval: expected a listener (CellListener.NONE ignores everything), received null");
        long t0 = System.nanoTime();
        JinnExecutionControl control = provider.control();
        long ran0 = control == null ? 0 : control.runNanos();
        awaitVectorModule();
        List<Outcome> outcomes = new ArrayList<>();
        // A stopper still looping from the previous cell would stop this one: wait until it has seen that cell end.
        Thread previousStopper = stopper;
        if (previousStopper != null) {
            try {
                previousStopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopRequested = false;
        running = true;
        index.hold();
        cellListener = listener;
        Displays.install(displaySink); // the engine running a cell is the one display(...) reaches, whichever started last
        CellOutput.startRecording(listener);
        String output;
        try {
            String rest = cell;
            // The line of the snippet's start, counted on as the cell is consumed: counting from the
            // cell's start for every snippet made a cell of many statements quadratic in its length.
            int counted = 0, lineAtCounted = 1;
            while (rest != null && !rest.isBlank()) {
                int offset = cell.length() - rest.length();
                lineAtCounted += lineBreaks(cell, counted, offset);
                counted = offset;
                CompletionInfo ci;
                try {
                    ci = analysis().analyzeCompletion(rest);
                } catch (StackOverflowError | InternalError | RuntimeException e) {
                    // javac's parser recurses once per nesting level: thousands of nested parentheses
                    // overflow its stack. That is this cell's problem, never the session's end.
                    report(listener, outcomes, new Outcome(Outcome.Kind.ERROR, rest, null, null, tooDeep(e))
                            .at(lineAtCounted));
                    break;
                }
                if (ci.completeness() == SourceCodeAnalysis.Completeness.EMPTY) break;
                String snippet;
                if (ci.completeness().isComplete() && ci.source() != null) {
                    snippet = ci.source();
                    rest = ci.remaining();
                } else {
                    snippet = rest; // incomplete or unparsable: let javac say what is wrong
                    rest = null;
                }
                // Blank lines before a snippet would shift JShell's line numbers away from the text we show.
                int blank = leadingBlankLines(snippet);
                snippet = snippet.substring(blank);
                int line = lineAtCounted + leadingLineBreaks(cell, offset);
                if (EXIT_CALL.matcher(CodeText.withoutStringsAndComments(snippet)).find()) {
                    report(listener, outcomes, new Outcome(Outcome.Kind.ERROR, snippet, null, null, EXIT_REFUSED).at(line));
                    break;
                }
                boolean ok = evalSnippet(snippet, line, outcomes, listener);
                if (stopRequested) {
                    report(listener, outcomes, new Outcome(Outcome.Kind.INTERRUPTED, snippet, null, null,
                            "stopped (Ctrl-C); variables defined before this cell are kept").at(line));
                    break;
                }
                if (!ok) break;
            }
        } finally {
            index.release();
            running = false;
            output = CellOutput.stopRecording();
            cellListener = null;
        }
        return new EvalResult(cell, List.copyOf(outcomes), output, System.nanoTime() - t0,
                control == null ? -1 : control.runNanos() - ran0);
    }

    private static String tooDeep(Throwable e) {
        return e instanceof StackOverflowError || e.getCause() instanceof StackOverflowError
                || String.valueOf(e.getMessage()).contains("StackOverflowError")
                ? "error: this cell is nested too deeply for the Java compiler to read (its parser ran out of stack);"
                        + " split the expression into smaller ones. Nothing was run and your variables are kept."
                : "error: the Java compiler could not read this cell (" + e + "). Nothing was run and your variables are kept.";
    }

    private static void report(CellListener listener, List<Outcome> outcomes, Outcome o) {
        outcomes.add(o);
        listener.outcome(o);
    }

    /** Line breaks in {@code cell[from, to)}. */
    private static int lineBreaks(String cell, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) if (cell.charAt(i) == '\n') n++;
        return n;
    }

    /** Line breaks in the white space that starts at {@code offset}: blank lines before a snippet's code. */
    private static int leadingLineBreaks(String cell, int offset) {
        int n = 0;
        for (int i = offset; i < cell.length() && Character.isWhitespace(cell.charAt(i)); i++) if (cell.charAt(i) == '\n') n++;
        return n;
    }

    /** Length of the whole blank lines that start {@code s} (no regex: a pasted file may start with thousands). */
    static int leadingBlankLines(String s) {
        int cut = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') cut = i + 1;
            else if (c == '\r' || c == ' ' || c == '\t' || c == '\f' || c == '\u000B') continue;
            else break;
        }
        return cut;
    }

    /** Evaluates one snippet, appends what it did; false when it failed. */
    private boolean evalSnippet(String snippet, int line, List<Outcome> outcomes, CellListener listener) {
        List<SnippetEvent> events;
        try {
            events = jshell.eval(snippet);
        } catch (StackOverflowError | InternalError | IllegalStateException e) {
            report(listener, outcomes, new Outcome(Outcome.Kind.ERROR, snippet, null, null, tooDeep(e)).at(line));
            return false;
        }
        boolean ok = true;
        if (defaultImportSnippet != null && !jshell.status(defaultImportSnippet).isActive()) restoreDefaultImports();
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) continue; // a dependent snippet updated as a side effect
            Snippet s = e.snippet();
            if (e.status() == Snippet.Status.REJECTED) {
                report(listener, outcomes, new Outcome(Outcome.Kind.ERROR, snippet, null, null,
                        ErrorReport.compileError(snippet, jshell.diagnostics(s).toList(),
                                d -> NameHint.forDiag(snippet, d, this::completionTexts))).at(line));
                ok = false;
            } else if (e.exception() != null) {
                dropTemporary(s);
                if (stopRequested) return false;
                report(listener, outcomes, new Outcome(Outcome.Kind.ERROR, snippet, null, null,
                        ErrorReport.exception(e.exception(), this::sourceOf)).at(line));
                ok = false;
            } else if (stopRequested) {
                return false;
            } else {
                report(listener, outcomes, success(e, snippet).at(line));
            }
        }
        return ok;
    }

    /** An expression that threw has no value: its {@code $N} would only be a misleading null in /vars. */
    private void dropTemporary(Snippet s) {
        if (s instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) jshell.drop(v);
    }

    private Outcome success(SnippetEvent e, String snippet) {
        Snippet s = e.snippet();
        if (s instanceof VarSnippet v) {
            boolean temporary = v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
            Outcome o = valueOutcome(snippet, v.name(), v, e.value(), temporary);
            if (temporary && !keepTemporaries) jshell.drop(v);
            return o;
        }
        if (s instanceof ExpressionSnippet x && e.value() != null) {
            VarSnippet v = variable(x.name()).orElse(null);
            boolean bare = x.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND;
            return v == null ? new Outcome(Outcome.Kind.VALUE, snippet, x.name(), null, x.name() + " ==> " + e.value(),
                            MimeBundle.plain(e.value()), bare && !"null".equals(e.value()), 1)
                    : valueOutcome(snippet, x.name(), v, e.value(), bare);
        }
        if (s instanceof MethodSnippet || s instanceof TypeDeclSnippet) {
            DeclarationSnippet d = (DeclarationSnippet) s;
            String what = s instanceof MethodSnippet m ? "method " + m.name() + "(" + simpleTypes(m.parameterTypes()) + ")"
                    : kindWord((TypeDeclSnippet) s) + " " + d.name();
            String verb = e.previousStatus() == Snippet.Status.NONEXISTENT ? "created " : "replaced ";
            String text = verb + what;
            List<String> missing = jshell.unresolvedDependencies(d).toList();
            if (!missing.isEmpty()) text += ", usable once " + String.join(", ", missing) + " is declared";
            return new Outcome(Outcome.Kind.DECLARED, snippet, d.name(), null, text);
        }
        return new Outcome(Outcome.Kind.SILENT, snippet, null, null, "");
    }

    private static String kindWord(TypeDeclSnippet t) {
        return switch (t.subKind()) {
            case INTERFACE_SUBKIND -> "interface";
            case ENUM_SUBKIND -> "enum";
            case ANNOTATION_TYPE_SUBKIND -> "annotation";
            case RECORD_SUBKIND -> "record";
            default -> "class";
        };
    }

    /**
     * @param expression whether JShell saw an expression or a bare variable, whose value a notebook
     *                   shows; a null value and the stream printf returns are not shown even then
     */
    private Outcome valueOutcome(String snippet, String name, VarSnippet v, String jshellText, boolean expression) {
        Object value = valueObject(v);
        DisplayContext c = context;
        MimeBundle bundle = display.render(value, jshellText == null ? "null" : jshellText, c);
        String text = TerminalDisplay.text(bundle, c);
        String shown = text.contains("\n") ? name + " ==>\n" + text : name + " ==> " + text;
        boolean result = expression && value != null && !(value instanceof java.io.PrintStream);
        return new Outcome(Outcome.Kind.VALUE, snippet, name, value, shown, bundle, result, 1);
    }

    private Object valueObject(VarSnippet v) {
        JinnExecutionControl control = provider.control();
        if (control == null) return null;
        try {
            return control.capture(() -> jshell.varValue(v));
        } catch (RuntimeException e) {
            return null; // display falls back to JShell's text
        }
    }

    private Optional<VarSnippet> variable(String name) {
        return jshell.variables().filter(v -> v.name().equals(name)).reduce((a, b) -> b);
    }

    /** The current value of a variable of this session ({@code x}, {@code $1}), if it exists and is not null. */
    public Optional<Object> valueOf(String name) {
        return variable(name).map(this::valueObject);
    }

    private String sourceOf(int id) {
        String wanted = Integer.toString(id);
        return jshell.snippets().filter(s -> s.id().equals(wanted)).map(Snippet::source).findFirst().orElse(null);
    }

    /** True while a cell is being evaluated. */
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops the running cell (Ctrl-C): JShell's stop checks end loops in snippet code at once, and
     * the cell's thread is interrupted for library loops that check {@link Thread#interrupted()}.
     * Does nothing when no cell runs. Safe to call from any thread.
     */
    public void stop() {
        if (!running || stopRequested) return;
        stopRequested = true;
        // JShell ignores a stop that arrives while the snippet is still being compiled, so keep
        // asking until the cell has ended; the caller (a signal handler) must not wait for that.
        Thread t = new Thread(() -> {
            while (running) {
                try {
                    jshell.stop();
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException ignored) {
                    // the cell ended between the check and the stop
                }
            }
        }, "jinn-stop");
        t.setDaemon(true);
        stopper = t;
        t.start();
    }

    // ---------------------------------------------------------------------------------- analysis

    private SourceCodeAnalysis analysis() {
        return jshell.sourceCodeAnalysis();
    }

    /**
     * Whether {@code input} is ready to run: every snippet in it complete. False for an open
     * block, method or class, an unclosed string or parenthesis, or a line ending in a dot or an
     * operator (an unfinished builder chain). Unparsable input counts as complete, so that
     * evaluating it shows the error instead of waiting for more lines.
     */
    public boolean isComplete(String input) {
        String rest = input;
        while (rest != null && !rest.isBlank()) {
            CompletionInfo ci;
            try {
                ci = analysis().analyzeCompletion(rest);
            } catch (StackOverflowError | InternalError | RuntimeException e) {
                return true; // too deep for javac's parser: evaluating it reports that as the cell's error
            }
            switch (ci.completeness()) {
                case EMPTY, UNKNOWN -> { return true; }
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> { return false; }
                default -> rest = ci.remaining();
            }
        }
        return true;
    }

    /** One completion candidate: the text to insert from the anchor on, and whether its type fits. */
    public record Suggestion(String text, boolean matchesType) {}

    /** Candidates for the text before {@code cursor}; each replaces {@code input[anchor, cursor)}. */
    public record Completions(int anchor, List<Suggestion> suggestions) {}

    /** Completion of Java and jinn names at {@code cursor}, including methods of the value left of a dot. */
    public Completions complete(String input, int cursor) {
        int[] anchor = {cursor};
        List<SourceCodeAnalysis.Suggestion> found;
        try {
            found = analysis().completionSuggestions(input, cursor, anchor);
        } catch (StackOverflowError | InternalError | RuntimeException e) {
            return new Completions(cursor, List.of()); // input javac cannot parse: nothing to offer, nothing lost
        }
        List<Suggestion> list = found.stream()
                .map(s -> new Suggestion(s.continuation(), s.matchesType()))
                .distinct()
                .toList();
        return new Completions(anchor[0], list);
    }

    private List<String> completionTexts(String prefix) {
        return complete(prefix, prefix.length()).suggestions().stream().map(Suggestion::text).toList();
    }

    /**
     * Signatures (and javadoc, where sources are available) of what the name before
     * {@code cursor} can mean; empty when nothing matches.
     */
    public List<String> documentation(String input, int cursor) {
        try {
            return documentationOf(input, cursor);
        } catch (StackOverflowError | InternalError e) {
            return List.of();
        }
    }

    private List<String> documentationOf(String input, int cursor) {
        List<String> docs = docs(input, cursor);
        if (docs.isEmpty() && cursor == input.length() && !input.endsWith("(")) {
            docs = docs(input + "(", cursor + 1); // "Math.max" means the method, as "Math.max(" does for JShell
        }
        return docs;
    }

    private List<String> docs(String input, int cursor) {
        if (!javadocSourcesTried) {
            // Opening the JDK's src.zip costs time, so only when documentation is first asked for.
            javadocSourcesTried = true;
            JavadocSources.install(analysis());
        }
        return analysis().documentation(input, cursor, true).stream()
                .filter(d -> d.signature() != null && !d.signature().isBlank())
                .map(d -> d.javadoc() == null || d.javadoc().isBlank() ? simpleTypes(d.signature())
                        : simpleTypes(d.signature()) + "\n" + JavadocText.plain(d.javadoc()).indent(2).stripTrailing())
                .toList();
    }

    /**
     * The signatures of the method whose argument list the cursor is in ({@code model.fit(}): what
     * Tab shows there, as jshell does, instead of every name in scope. Empty when the cursor is not
     * right after an open parenthesis or a comma, or nothing is known about the call.
     */
    public List<String> signatures(String input, int cursor) {
        String before = input.substring(0, cursor).stripTrailing();
        if (before.isEmpty() || (before.charAt(before.length() - 1) != '(' && before.charAt(before.length() - 1) != ',')) {
            return List.of();
        }
        return analysis().documentation(input, cursor, false).stream()
                .map(SourceCodeAnalysis.Documentation::signature)
                .filter(sig -> sig != null && !sig.isBlank())
                .map(this::simpleTypes)
                .distinct()
                .toList();
    }

    // ---------------------------------------------------------------------------------- session state

    /** A variable of the session, its type and a one-line preview of its value. */
    public record Variable(String name, String type, String preview) {}

    public List<Variable> variables() {
        return jshell.variables().map(v -> new Variable(v.name(), simpleTypes(v.typeName()), preview(v))).toList();
    }

    private String preview(VarSnippet v) {
        String text;
        try {
            text = jshell.varValue(v);
        } catch (RuntimeException e) {
            text = "(unavailable: " + e.getMessage() + ")";
        }
        return VariableSummary.of(valueObject(v), text);
    }

    /**
     * Type names as the user would write them. JShell shortens a type only when an import snippet is
     * keyed by its package; the combined default-import snippet is keyed by {@link #IMPORT_KEY}, so
     * {@code jinn.nn.Net} comes back qualified: drop the packages the default imports name.
     */
    String simpleTypes(String typeText) {
        Pattern p = importedPackages;
        return p == null || typeText == null ? typeText : p.matcher(typeText).replaceAll("");
    }

    private static Pattern packagesOf(List<String> imports) {
        List<String> packages = imports.stream()
                .map(i -> i.strip().replaceFirst("^import\\s+", "").replaceFirst(";$", "").strip())
                .filter(i -> !i.startsWith("static ") && i.endsWith(".*"))
                .map(i -> Pattern.quote(i.substring(0, i.length() - 1)))
                .toList();
        // A package followed by a capitalised name: java.util.List, never java.util.concurrent.Future.
        return packages.isEmpty() ? null
                : Pattern.compile("(?<![\\w.])(?:" + String.join("|", packages) + ")(?=\\p{Lu})");
    }

    /** The import statements in effect, defaults first. */
    public List<String> imports() {
        return jshell.imports().filter(i -> jshell.status(i).isActive())
                .flatMap(i -> i == defaultImportSnippet ? combinedImports.stream() : Stream.of(i.source().strip()))
                .toList();
    }

    /** The declared methods, as "name(parameter types) → return type". */
    public List<String> methods() {
        return jshell.methods().map(m -> m.name() + "(" + simpleTypes(m.parameterTypes()) + ")" + " -> " + simpleTypes(returnType(m))).toList();
    }

    private static String returnType(MethodSnippet m) {
        String sig = m.signature();
        int close = sig.lastIndexOf(')');
        return close >= 0 && close + 1 < sig.length() ? sig.substring(close + 1) : sig;
    }

    /** The declared classes, interfaces, records and enums. */
    public List<String> types() {
        return jshell.types().map(t -> kindWord(t) + " " + t.name()).toList();
    }

    /** The active snippets typed in this session (default imports left out), as "id: source". */
    public List<String> snippets() {
        return userSnippets().stream().map(s -> s.id() + ": " + s.source().strip()).toList();
    }

    private List<Snippet> userSnippets() {
        return jshell.snippets()
                .filter(s -> jshell.status(s).isActive())
                .filter(s -> !defaultSnippets.contains(s))
                .toList();
    }

    /** Writes the session's active snippets to a .jsh file that {@link #load} (or jinn run) replays. */
    public void save(Path file) throws IOException {
        String text = userSnippets().stream().map(s -> s.source().strip()).collect(Collectors.joining("\n"));
        Files.writeString(file, text.isEmpty() ? "" : text + "\n", StandardCharsets.UTF_8);
    }

    /** Evaluates a .jsh file as one cell; lines starting with '/' (jshell commands) are left out. */
    public EvalResult load(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        Path folder = file.toAbsolutePath().getParent();
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            addClassPathLine(l, folder); // /classpath lines add their libraries first; other commands are not Java, and go
            lines.add(l.stripLeading().startsWith("/") && !l.stripLeading().startsWith("//") ? "" : l);
        }
        return eval(String.join("\n", lines));
    }

    /** Removes a variable, method or type by name; false when there is none. */
    public boolean drop(String name) {
        List<Snippet> matches = jshell.snippets()
                .filter(s -> jshell.status(s).isActive())
                .filter(s -> s instanceof DeclarationSnippet d && d.name().equals(name))
                .toList();
        matches.forEach(s -> jshell.drop(s));
        return !matches.isEmpty();
    }

    /** Forgets everything typed: a fresh JShell with the default imports (and the class path added to it). */
    public void reset() {
        jshell.close();
        open();
    }

    /**
     * Adds jar files or class folders to the class path of later cells, for compiling and running
     * them: the libraries a notebook uses beside jinn's. Each must exist; nothing is added when one
     * does not. A reset keeps them, as jshell's /reset keeps its /env class path. Returns the
     * entries newly added (one already there is not added twice).
     */
    public List<Path> addToClassPath(List<Path> entries) {
        List<Path> fresh = new ArrayList<>();
        for (Path p : entries) {
            Path abs = p.toAbsolutePath().normalize();
            if (!Files.exists(abs)) throw new IllegalArgumentException("no such file or folder: " + abs);
            if (!Files.isDirectory(abs) && !abs.getFileName().toString().endsWith(".jar")) {
                throw new IllegalArgumentException("not a jar file or a folder of classes: " + abs);
            }
            if (!addedClassPath.contains(abs) && !fresh.contains(abs)) fresh.add(abs);
        }
        addedClassPath.addAll(fresh);
        addToJShell(fresh);
        return fresh;
    }

    /**
     * A {@code /classpath} line of a file or notebook ({@link ClassPathLine}), its relative paths taken
     * from {@code base}: the entries it added, or empty when the line is something else.
     */
    public Optional<List<Path>> addClassPathLine(String line, Path base) throws IOException {
        Optional<String> args = ClassPathLine.args(line);
        return args.isEmpty() ? Optional.empty() : Optional.of(addToClassPath(ClassPathLine.entries(args.get(), base)));
    }

    /**
     * Gives JShell these entries. Its addToClasspath sets javac's path to the JVM's whole class path
     * plus them, so the lean one (and everything added) is set again after.
     */
    private void addToJShell(List<Path> entries) {
        for (Path p : entries) jshell.addToClasspath(p.toString());
        if (javacFiles != null && !entries.isEmpty()) setCompilePath(leanPlusAdded());
    }

    private String leanPlusAdded() {
        String lean = CompileClassPath.forCells();
        List<String> all = new ArrayList<>();
        if (lean != null) all.add(lean);
        for (Path p : addedClassPath) all.add(p.toString());
        return String.join(java.io.File.pathSeparator, all);
    }

    /** javac's class path (see {@link CompileClassPath}). */
    private void setCompilePath(String path) {
        try {
            javacFiles.setLocation(javax.tools.StandardLocation.CLASS_PATH,
                    java.util.Arrays.stream(path.split(java.io.File.pathSeparator)).filter(x -> !x.isBlank()).map(java.io.File::new).toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot set javac's class path: " + e.getMessage(), e);
        }
    }

    /** What {@link #addToClassPath} added in this session, in order. */
    public List<Path> addedClassPath() {
        return List.copyOf(addedClassPath);
    }

    /**
     * The representations of any value, as a cell's result would have them (strings as themselves,
     * not quoted as JShell shows a String result).
     */
    public MimeBundle bundleOf(Object value) {
        return display.render(value, value == null ? "null"
                : value.getClass().isArray() ? java.util.Arrays.deepToString(new Object[] {value}) : String.valueOf(value), context);
    }

    @Override
    public void close() {
        Displays.uninstall(displaySink);
        ExitNotice.uninstall(this);
        jshell.close();
    }

    /** The pause on JShell's class-path index (tests). */
    CompletionIndex completionIndex() {
        return index;
    }

    /** The JShell underneath, for the few commands that need more than the engine offers. */
    JShell jshell() {
        return jshell;
    }

    @Override
    public String toString() {
        return "Engine[" + (running ? "running" : "idle") + ", " + jshell.snippets().count() + " snippets"
                + (skippedImports.isEmpty() ? "" : ", skipped " + skippedImports) + "]";
    }
}
