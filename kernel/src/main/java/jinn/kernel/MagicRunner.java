package jinn.kernel;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import jinn.kernel.Interpreter.ExecuteOutcome;
import jinn.repl.Engine;
import jinn.repl.EvalResult;
import jinn.repl.command.Command;
import jinn.repl.command.Commands;
import jinn.repl.command.Session;

/**
 * Runs a cell that has magic lines ({@link Magics} took it apart): each line magic in order, a cell
 * magic over its body, then the Java after them, all reporting to the one {@link CellHearing}, so a
 * cell still has one result. A magic that cannot run is IPython's UsageError, naming its line.
 */
final class MagicRunner {

    private final Engine engine;
    private final Commands commands;
    private final CellHearing hearing;

    MagicRunner(Engine engine, Commands commands, CellHearing hearing) {
        this.engine = engine;
        this.commands = commands;
        this.hearing = hearing;
    }

    ExecuteOutcome run(Magics.Cell cell) {
        for (Magics.Line magic : cell.magics()) {
            ExecuteOutcome refused = magic.cellMagic() ? cellMagic(magic, cell) : lineMagic(magic);
            if (refused != null) return refused;
            if (hearing.failed()) return hearing.finish();
        }
        if (cell.cellMagic().isEmpty() && !cell.body().isBlank()) {
            hearing.lineOffset(cell.bodyLine() - 1);
            engine.eval(cell.body(), hearing);
        }
        return hearing.finish();
    }

    /** A line magic; null when it ran (its outcome, if any, is in the hearing), else the usage error. */
    private ExecuteOutcome lineMagic(Magics.Line magic) {
        if (!magic.replForm() && magic.name().equals("time")) {
            if (magic.args().isBlank()) return usageError(magic, "%time needs a statement to run: %time model.fit(data, epochs(1))");
            timed(magic.args(), magic.line() - 1);
            return null;
        }
        if (!magic.replForm() && magic.name().equals("lsmagic")) {
            hearing.stream("stdout", Magics.listing(commands));
            return null;
        }
        Optional<Command> command;
        try {
            command = Magics.command(magic, commands);
        } catch (IllegalArgumentException ex) {
            return usageError(magic, ex.getMessage());
        }
        if (command.isEmpty()) {
            return usageError(magic, "Line magic function `" + magic.typed() + "` not found (%lsmagic lists them).");
        }
        return replCommand(command.get(), magic.args(), magic);
    }

    /** %%time and %%timeit over the rest of the cell. */
    private ExecuteOutcome cellMagic(Magics.Line magic, Magics.Cell cell) {
        switch (magic.name()) {
            case "time" -> {
                timed(cell.body(), cell.bodyLine() - 1);
                return null;
            }
            case "timeit" -> {
                return replCommand(commands.find("time").orElseThrow(), cell.body(), magic);
            }
            default -> {
                return usageError(magic, "Cell magic `" + magic.typed() + "` not found (%lsmagic lists them: "
                        + String.join(", ", Magics.CELL_MAGICS.stream().map(n -> "%%" + n).toList()) + ").");
            }
        }
    }

    /** A REPL command, its printed text sent as the cell's stdout. */
    private ExecuteOutcome replCommand(Command command, String args, Magics.Line magic) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        ExecuteOutcome refused = null;
        try {
            command.run(args, new Session(engine, out, commands, false));
        } catch (Exception ex) {
            String why = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            refused = usageError(magic, magic.typed() + ": " + why + " (usage: " + command.usage() + ")");
        }
        out.flush();
        if (!text.toString().isEmpty()) hearing.stream("stdout", text.toString());
        return refused;
    }

    /**
     * Runs code once as part of the cell, then prints how long it took, as IPython's %time does: the
     * CPU time of the whole process (the backend's worker threads, the JIT and the GC count too) and the
     * wall time, split into running the code and compiling it (javac takes 0.1-0.3 s a cell, which would
     * hide what a small statement costs). Nothing is printed for code that failed or was stopped: the
     * error says what happened.
     */
    private void timed(String code, int lineOffset) {
        long cpu0 = processCpuNanos();
        hearing.lineOffset(lineOffset);
        EvalResult r = engine.eval(code, hearing);
        long cpu = processCpuNanos() - cpu0;
        if (hearing.failed()) return;
        String split = r.runNanos() < 0 ? ""
                : " (running " + duration(r.runNanos()) + ", compiling " + duration(Math.max(0, r.nanos() - r.runNanos())) + ")";
        hearing.stream("stdout", (cpu0 >= 0 ? "CPU times: total " + duration(cpu) + ", every thread of the JVM\n" : "")
                + "Wall time: " + duration(r.nanos()) + split + "\n");
    }

    /** The process's CPU time in nanoseconds, or a negative number where the JVM cannot tell. */
    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /** 850 µs, 12.3 ms, 1.25 s: three figures, as IPython writes them. */
    static String duration(long nanos) {
        if (nanos < 1_000_000) return String.format(java.util.Locale.ROOT, "%.0f µs", nanos / 1e3);
        if (nanos < 1_000_000_000) return String.format(java.util.Locale.ROOT, nanos < 10_000_000 ? "%.2f ms" : nanos < 100_000_000 ? "%.1f ms" : "%.0f ms", nanos / 1e6);
        return String.format(java.util.Locale.ROOT, nanos < 10_000_000_000L ? "%.2f s" : "%.1f s", nanos / 1e9);
    }

    /** IPython's UsageError, naming the magic's line in the cell. */
    private ExecuteOutcome usageError(Magics.Line magic, String message) {
        return ExecuteOutcome.error("UsageError", message,
                List.of("Cell In[" + hearing.executionCount() + "], line " + magic.line(), "UsageError: " + message));
    }
}
