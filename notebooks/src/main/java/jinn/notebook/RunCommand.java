package jinn.notebook;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jinn.plot.TerminalKind;
import jinn.repl.Subcommand;

/**
 * {@code jinn run FILE.jsh [--keep-going] [--timeout SECONDS] [--quiet] [--prose | --no-prose]}: runs
 * a notebook (or any .jsh script) cell by cell, prints what it prints and shows, and exits non-zero
 * at the first failing cell with {@code FILE:LINE (cell N): message}. Markdown cells are printed in
 * full on a terminal and as headings only into pipes and files, unless {@code --prose} or
 * {@code --no-prose} says otherwise.
 */
public final class RunCommand implements Subcommand {

    static final Set<String> FLAGS = Set.of("--keep-going", "--quiet", "-q", "--prose", "--no-prose");
    static final Set<String> VALUED = Set.of("--timeout");

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "run FILE.jsh [--keep-going] [--timeout S] [--quiet] [--prose | --no-prose]\n"
                + "                             run a notebook cell by cell; stop at the first failing cell;\n"
                + "                             --prose prints markdown cells in full (default on a terminal),\n"
                + "                             --no-prose only their headings (default into pipes and files)";
    }

    @Override
    public int run(List<String> args) {
        if (args.contains("--help") || args.contains("-h")) {
            System.out.println("usage: jinn " + summary());
            return 0;
        }
        CommandLine cl;
        Duration timeout;
        try {
            cl = CommandLine.parse(args, FLAGS, VALUED);
            if (cl.positional.size() != 1) {
                throw new CommandLine.UsageError("expected one FILE.jsh, got " + (cl.positional.isEmpty() ? "none" : cl.positional));
            }
            timeout = timeout(cl);
            if (cl.has("--prose") && cl.has("--no-prose")) {
                throw new CommandLine.UsageError("expected at most one of --prose and --no-prose, got both");
            }
        } catch (CommandLine.UsageError e) {
            System.err.println("jinn run: " + e.getMessage());
            System.err.println("usage: jinn " + summary());
            return 2;
        }
        Path file = Path.of(cl.positional.get(0));
        if (!Files.isRegularFile(file)) {
            System.err.println("jinn run: no such file: " + file.toAbsolutePath());
            return 2;
        }
        Notebook notebook;
        try {
            notebook = Notebook.read(file);
        } catch (IllegalArgumentException e) {
            System.err.println("jinn run: " + e.getMessage());
            return 1;
        }
        boolean quiet = cl.has("--quiet") || cl.has("-q");
        PrintStream err = System.err;
        PrintStream out = System.out;
        if (quiet) {
            // Cells print through the engine's copy of System.out, made when the first engine starts:
            // replacing it now silences them.
            System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        }
        long t0 = System.nanoTime();
        NotebookRun run;
        try {
            run = new NotebookRunner()
                    .keepGoing(cl.has("--keep-going"))
                    .timeout(timeout)
                    .echo(quiet ? null : out)
                    .charts(terminalCharts())
                    .prose(cl.has("--prose") || !cl.has("--no-prose") && tty())
                    .run(notebook);
        } finally {
            if (quiet) System.setOut(out);
        }
        return report(run, err, System.nanoTime() - t0);
    }

    /** Failures and a one-line summary on stderr; the exit status. */
    static int report(NotebookRun run, PrintStream err, long nanos) {
        long code = run.results().stream().filter(r -> r.cell().kind() == Cell.Kind.CODE).count();
        long ran = run.results().stream().filter(CellResult::ran).count();
        run.failures().forEach(err::println);
        String time = String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
        if (run.passed()) {
            err.println(run.notebook().name() + ": " + ran + " of " + code + " code cells ran, all passed (" + time + ")");
            return 0;
        }
        err.println(run.notebook().name() + ": " + run.failures().size() + " failed cell(s); " + ran + " of " + code
                + " code cells ran" + (run.skipped() > 0 ? ", " + run.skipped() + " not run after the failure" : "")
                + " (" + time + ")");
        return 1;
    }

    static Duration timeout(CommandLine cl) throws CommandLine.UsageError {
        if (!cl.has("--timeout")) return null;
        try {
            double s = Double.parseDouble(cl.get("--timeout"));
            if (!(s > 0)) throw new NumberFormatException();
            return Duration.ofMillis((long) (s * 1000));
        } catch (NumberFormatException e) {
            throw new CommandLine.UsageError("--timeout expects a number of seconds above 0, got '" + cl.get("--timeout") + "'");
        }
    }

    /** Inline images only where a terminal shows them: not into pipes and files. */
    private static TerminalKind terminalCharts() {
        return tty() ? TerminalKind.detect() : TerminalKind.TEXT;
    }

    private static boolean tty() {
        return Boolean.parseBoolean(System.getProperty("jinn.tty", String.valueOf(System.console() != null)));
    }
}
