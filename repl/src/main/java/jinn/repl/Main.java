package jinn.repl;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import jinn.repl.terminal.Shell;

/**
 * The {@code jinn} command: with no argument the REPL (a terminal front end when stdin is a
 * terminal, plain line-by-line evaluation when it is piped), otherwise a {@link Subcommand}.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        StartupTrace.mark("main");
        int status;
        try {
            status = run(args);
        } catch (Exception e) {
            System.err.println("jinn: " + e);
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    /** jinn's version ("0.1.0"), or "unknown" when run from classes without the build's resource. */
    public static String version() {
        return Version.jinn();
    }

    static int run(String[] args) throws Exception {
        // The REPL first: scanning the class path for subcommands costs a noticeable part of start-up.
        if (args.length == 0) return repl();
        Map<String, Subcommand> subcommands = subcommands();
        String first = args[0];
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        switch (first) {
            case "--version", "-V", "version" -> {
                System.out.println("jinn " + Version.jinn() + " (Java " + Runtime.version() + ")");
                return 0;
            }
            case "--help", "-h", "help" -> {
                System.out.print(help(subcommands));
                return 0;
            }
            case "--aot-training" -> {
                return AotTraining.run();
            }
            default -> { }
        }
        Subcommand sub = subcommands.get(first);
        if (sub != null && (rest.contains("--help") || rest.contains("-h"))) {
            // Every verb answers --help, whatever its own parser knows.
            System.out.print(sub.usage());
            return 0;
        }
        if (sub != null) return sub.run(rest);
        if (first.endsWith(".jsh") && args.length == 1) return subcommands.get("run").run(List.of(first));
        System.err.println("jinn: unknown command '" + first + "'");
        System.err.print(help(subcommands));
        return 2;
    }

    /** Subcommands from the class path; the built-in plain {@code run} unless a module provides a richer one. */
    static Map<String, Subcommand> subcommands() {
        Map<String, Subcommand> map = new LinkedHashMap<>();
        for (Subcommand s : ServiceLoader.load(Subcommand.class, Main.class.getClassLoader())) map.putIfAbsent(s.name(), s);
        map.putIfAbsent("run", new RunScript());
        return map;
    }

    static String help(Map<String, Subcommand> subcommands) {
        StringBuilder sb = new StringBuilder();
        sb.append("jinn ").append(Version.jinn()).append(": neural networks from Java, in a REPL, scripts and notebooks\n\n");
        sb.append("usage:\n");
        sb.append("  jinn                       start the REPL (/help inside lists its commands)\n");
        for (Subcommand s : subcommands.values()) sb.append("  jinn ").append(s.summary()).append('\n');
        sb.append("  jinn --version             print the version\n");
        sb.append("  jinn --help                print this help\n\n");
        sb.append("Piped input is evaluated line by line: echo 'tensor(new float[]{1, 2})' | jinn\n");
        sb.append("Backend: -Djinn.backend=NAME or JINN_BACKEND=NAME (the REPL's /backend lists them).\n");
        return sb.toString();
    }

    private static int repl() throws Exception {
        if (stdinIsTerminal()) {
            var waiting = new java.util.concurrent.atomic.AtomicBoolean();
            return Shell.run(Engine.startInBackground(waiting::get), waiting);
        }
        try (Engine engine = Engine.builder().completes(false).build()) { // piped: nobody presses Tab
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            PipedInput piped = new PipedInput(engine, new PrintStream(System.out, true, StandardCharsets.UTF_8), null);
            piped.catchInterruptSignal();
            return piped.run(in);
        }
    }

    /**
     * The launcher knows best ({@code [ -t 0 ]}) and passes {@code -Djinn.tty}; otherwise ask the
     * JDK: {@code Console.isTerminal()} from JDK 22, a console's presence on 21.
     */
    static boolean stdinIsTerminal() {
        String told = System.getProperty("jinn.tty");
        if (told != null) return Boolean.parseBoolean(told);
        var console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) console.getClass().getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
