package jinn.repl;

import java.util.List;

/**
 * A verb of the {@code jinn} command ({@code jinn run}, {@code jinn export}, {@code jinn import}),
 * found with {@link java.util.ServiceLoader}: modules that build on the REPL (notebooks) list
 * theirs in {@code META-INF/services/jinn.repl.Subcommand}, and {@link Main} dispatches to them.
 */
public interface Subcommand {

    /** The word typed after {@code jinn}, e.g. {@code run}. */
    String name();

    /** One line for {@code jinn --help}: arguments and what it does, e.g. {@code "run FILE.jsh   run a notebook"}. */
    String summary();

    /**
     * Runs with the arguments after the name; returns the process exit status (0 for success).
     * Problems the user can fix are reported on System.err with a non-zero status, not thrown.
     */
    int run(List<String> args) throws Exception;

    /** What {@code jinn NAME --help} prints: by default the usage line of {@link #summary()}. */
    default String usage() {
        return "usage: jinn " + summary() + "\n";
    }

    /**
     * Exercises what this subcommand loads when it starts, while the launcher trains the AOT cache
     * ({@link AotTraining}), so that its classes too come from the cache on later starts. Quick, quiet,
     * and leaves nothing behind; by default nothing.
     */
    default void aotTraining() throws Exception {}
}
