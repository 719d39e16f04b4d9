package jinn.repl.terminal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jinn.repl.Engine;
import jinn.repl.Main;
import jinn.repl.StartupTrace;
import jinn.repl.command.Commands;
import jinn.repl.command.Session;
import jinn.repl.display.DisplayContext;
import org.jline.keymap.KeyMap;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.utils.InfoCmp;

/**
 * The terminal front end: a JLine {@link LineReader} with completion, highlighting,
 * completeness-aware multi-line input and persistent history, over an {@link Engine}.
 *
 * <p>The engine starts on another thread while the prompt is already shown: JShell's first
 * compilation is most of the start-up, and the user is still typing the first line.
 */
public final class Shell {
    /** Held so the level set on it is not lost to garbage collection of the logger. */
    private static final java.util.logging.Logger JLINE_LOG = java.util.logging.Logger.getLogger("org.jline");


    /**
     * The system terminal through JLine's JNI provider alone, else JLine's usual search. JLine asks
     * every provider it knows whether stdin is a terminal, even with a preferred one named: its FFM
     * provider generates downcall handles at every start (the AOT cache does not keep them) and its exec
     * provider starts processes. Measured in tmux with a trained cache on two busy cores: ~0.43 s to open
     * the terminal with the providers ordered jni first (~1.0 s with JLine's default order, ffm first),
     * ~0.14-0.21 s with jni alone.
     */
    private static Terminal openTerminal(String type) throws IOException {
        if (type != null && !type.isBlank() && !type.startsWith("dumb")) {
            try {
                return TerminalBuilder.builder().name("jinn").system(true).nativeSignals(true).dumb(false)
                        .provider("jni").ffm(false).jna(false).jansi(false).exec(false).build();
            } catch (IOException | RuntimeException | LinkageError e) {
                // no JNI library for this platform, or not a terminal after all: JLine's usual way
            }
        }
        return TerminalBuilder.builder().name("jinn").system(true).nativeSignals(true).dumb(true).build();
    }

    /** After this many Ctrl-C presses on a cell that does not stop, jinn ends rather than hang. */
    static final int PRESSES_TO_QUIT = 3;

    private final Terminal terminal;
    private final CompletableFuture<Engine> engine;
    /** Set once the user waits for the engine (Enter or Tab): it then skips its warm-up cell. */
    private final AtomicBoolean waiting;
    private final LineReader reader;
    private final Commands commands = Commands.standard();
    private final boolean ansi;
    private final AtomicInteger interruptPresses = new AtomicInteger();
    private Session session;

    /**
     * @param historyFile where history persists across sessions; null keeps it in memory only
     */
    public Shell(Terminal terminal, CompletableFuture<Engine> engine, Path historyFile) {
        this(terminal, engine, historyFile, new AtomicBoolean());
    }

    private Shell(Terminal terminal, CompletableFuture<Engine> engine, Path historyFile, AtomicBoolean waiting) {
        this.terminal = terminal;
        this.engine = engine;
        this.waiting = waiting;
        this.ansi = !isDumb(terminal);
        LineReaderBuilder b = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("jinn")
                .parser(new SnippetParser(input -> engine().isComplete(input)))
                .completer(new SnippetCompleter(this::engine, commands))
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P ...> ")
                .variable(LineReader.BLINK_MATCHING_PAREN, 0)
                .variable(LineReader.HISTORY_SIZE, 5000)
                .variable(LineReader.HISTORY_FILE_SIZE, 10000)
                // '!' is Java's not, never history expansion.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.INSERT_TAB, false);
        if (ansi) b.highlighter(new JavaHighlighter());
        if (historyFile != null) b.variable(LineReader.HISTORY_FILE, historyFile);
        this.reader = b.build();
        bindDocumentationKeys();
        terminal.handle(Terminal.Signal.INT, signal -> onInterrupt());
    }

    /**
     * On a dumb terminal (TERM=dumb: an editor's shell buffer, some IDE consoles) JLine leaves the
     * tty in its cooked mode, so Ctrl-C never reaches it as a key: the kernel sends SIGINT, which by
     * default ends the JVM and the session with it. Catch the signal and hand it to the terminal, as
     * a full terminal's key does: it stops the running cell, or clears the line at the prompt (the
     * kernel has already discarded what was typed).
     */
    private static void catchInterruptSignal(Terminal terminal) {
        if (!isDumb(terminal)) return;
        org.jline.utils.Signals.register("INT", () -> terminal.raise(Terminal.Signal.INT));
    }

    /**
     * Runs the REPL on the system terminal while {@code engine} starts ({@link Engine#startInBackground},
     * called before this class and JLine are even loaded); returns the exit status. The display
     * context is set before each cell. {@code waiting} is set when the user first waits for the engine.
     */
    public static int run(CompletableFuture<Engine> engine, AtomicBoolean waiting) throws IOException {
        // JLine logs a stack trace when the terminal type has no terminfo entry (xterm-kitty over ssh,
        // say) and then works on with defaults: keep that noise off the learner's screen.
        JLINE_LOG.setLevel(java.util.logging.Level.OFF);
        Path home = jinnHome();
        String type = System.getenv("TERM");
        TerminalCapabilities.preload(type, home);
        Terminal terminal = openTerminal(type);
        Files.createDirectories(home);
        TerminalCapabilities.save(type, home);
        StartupTrace.mark("terminal open");
        Shell shell = new Shell(terminal, engine, home.resolve("history"), waiting);
        catchInterruptSignal(terminal);
        StartupTrace.mark("line reader built");
        terminal.writer().println(welcome(terminal));
        try {
            return shell.loop();
        } finally {
            engine.thenAccept(Engine::close);
            terminal.close();
        }
    }

    /**
     * The start-up line. On a dumb terminal (TERM=dumb, an editor's shell buffer) JLine reads with its
     * "dumb" key map, where Tab inserts itself (binding it to completion there did not work in a
     * key-replay test): say so once instead of promising completion.
     */
    static String welcome(Terminal terminal) {
        String head = "jinn " + Main.version() + " on Java " + Runtime.version().feature() + ". ";
        if (!isDumb(terminal)) return head + "/help lists commands, Tab completes, Ctrl-D exits.";
        return head + "/help lists commands, Ctrl-D exits.\n"
                + "Tab completion needs a full terminal (this one is '" + terminal.getType()
                + "'); /doc NAME shows what a name offers.";
    }

    private static boolean isDumb(Terminal terminal) {
        return terminal instanceof DumbTerminal || terminal.getType().startsWith("dumb");
    }

    /** ~/.jinn, or -Djinn.home / JINN_HOME (tests point it at a temporary folder). */
    static Path jinnHome() {
        String p = System.getProperty("jinn.home");
        if (p == null || p.isBlank()) p = System.getenv("JINN_HOME");
        if (p != null && !p.isBlank()) return Path.of(p);
        // $HOME, as the launcher's ~/.jinn (and mnist()'s cache) use; Java's user.home ignores a changed HOME.
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".jinn");
    }

    /** Reads and evaluates until /exit or Ctrl-D (end of input); returns the exit status. */
    public int loop() {
        PrintWriter out = terminal.writer();
        while (session == null || !session.exitRequested()) {
            String line;
            if (session == null) StartupTrace.mark("prompt");
            try {
                line = reader.readLine(prompt());
            } catch (UserInterruptException e) {
                // Ctrl-C at the prompt: the line is dropped, a fresh prompt follows (on its own line where
                // the terminal only echoed "^C")
                if (!ansi) out.println();
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            if (line == null) break;
            if (line.isBlank()) continue;
            if (session == null) StartupTrace.mark("first line read");
            Engine eng = engine();
            if (session == null) StartupTrace.mark("engine ready for the first line");
            if (session == null) session = new Session(eng, out, commands, ansi);
            int width = terminal.getWidth() > 0 ? terminal.getWidth() : 100;
            eng.displayContext(new DisplayContext(width, ansi));
            interruptPresses.set(0);
            session.submit(line);
        }
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            out.println("jinn: history not saved: " + e.getMessage());
        }
        out.flush();
        return 0;
    }

    private Engine engine() {
        waiting.set(true);
        return engine.join();
    }

    private String prompt() {
        return ansi ? "\u001b[1;36mjinn>\u001b[0m " : "jinn> ";
    }

    /** Ctrl-C while a cell runs: stop it; if library code ignores that, explain, and end jinn on the third press. */
    private void onInterrupt() {
        Engine eng = engine.getNow(null);
        if (eng == null || !eng.isRunning()) return;
        int presses = interruptPresses.incrementAndGet();
        eng.stop();
        PrintWriter out = terminal.writer();
        if (presses == 1 && !ansi) {
            out.println(); // a dumb terminal echoed "^C": the cell's "stopped" goes on a line of its own
            out.flush();
        }
        if (presses == 2) {
            out.println();
            out.println("jinn: the cell is still running inside library code that does not check Thread.interrupted().");
            out.println("      Waiting keeps your variables; press Ctrl-C once more to end jinn.");
            out.flush();
        } else if (presses >= PRESSES_TO_QUIT) {
            out.println();
            out.println("jinn: ending the session at your request (the running cell could not be stopped).");
            out.flush();
            Runtime.getRuntime().halt(130);
        }
    }

    private void bindDocumentationKeys() {
        reader.getWidgets().put("jinn-doc", this::showDocumentation);
        KeyMap<org.jline.reader.Binding> main = reader.getKeyMaps().get(LineReader.MAIN);
        main.bind(new Reference("jinn-doc"), KeyMap.alt('h'));
        String f1 = KeyMap.key(terminal, InfoCmp.Capability.key_f1);
        if (f1 != null && !f1.isEmpty()) main.bind(new Reference("jinn-doc"), f1);
    }

    /** Prints the documentation of the name at the cursor above the prompt, leaving the line as it is. */
    private boolean showDocumentation() {
        Engine eng = engine.getNow(null);
        if (eng == null) return true;
        String buffer = reader.getBuffer().toString();
        int cursor = reader.getBuffer().cursor();
        var docs = eng.documentation(buffer, cursor);
        reader.printAbove(docs.isEmpty() ? "no documentation for the name at the cursor"
                : jinn.repl.ShortNames.of(String.join("\n\n", docs)));
        return true;
    }

    /**
     * Runs a short session of this front end on an in-memory xterm (for the AOT cache): the classes and
     * profiles of the line reader, highlighting, completion, documentation and display paths, and the
     * native terminal provider's, so that a real start finds them in the cache.
     */
    public static void warmUp(Engine engine) {
        try {
            // The provider cannot open a terminal here (no tty), but loading it is most of its start.
            org.jline.terminal.spi.TerminalProvider.load("jni").isSystemStream(org.jline.terminal.spi.SystemStream.Output);
        } catch (Throwable e) {
            // no native provider on this platform: jinn falls back to exec or ffm
        }
        try {
            String keys = "var w = net(2).dense(1).build()\rMath.ma\t\u0015net().dense(\u001bh\u0015/vars\r1 + 1\r/exit\r";
            var in = new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8));
            var sink = new ByteArrayOutputStream();
            Terminal t = new org.jline.terminal.impl.ExternalTerminal("warm-up", "xterm-256color", in, sink, StandardCharsets.UTF_8);
            t.setSize(new org.jline.terminal.Size(100, 30));
            new Shell(t, CompletableFuture.completedFuture(engine), null).loop();
            t.close();
        } catch (IOException | RuntimeException e) {
            // warm-up is best effort: a cache without these classes is only a little slower
        }
    }
}
