package jinn.repl;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code jinn run FILE.jsh} when no module provides a richer runner: evaluates the file's
 * snippets in order through the engine, printing each value, and stops at the first error with
 * the file and line.
 */
final class RunScript implements Subcommand {

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "run FILE.jsh          evaluate a script, printing values; stops at the first error";
    }

    @Override
    public int run(List<String> args) throws Exception {
        if (args.size() != 1) {
            System.err.println("jinn run: expected one FILE.jsh, got " + (args.isEmpty() ? "none" : args));
            return 2;
        }
        Path file = Path.of(args.get(0));
        if (!Files.isRegularFile(file)) {
            System.err.println("jinn run: no such file: " + file.toAbsolutePath());
            return 2;
        }
        Engine.chooseBackendSoonIfItTrains(Files.readString(file));
        try (Engine engine = Engine.builder().completes(false).build()) {
            PipedInput piped = new PipedInput(engine, new PrintStream(System.out, true), file.toString());
            piped.catchInterruptSignal();
            return piped.run(Files.newBufferedReader(file));
        }
    }
}
