package jinn.repl.command;

import java.util.List;

/**
 * A REPL command typed after a slash ({@code /vars}, {@code /time net().build()}): one small class
 * each, listed in {@link Commands}, with its own help text.
 */
public interface Command {

    /** The word after the slash. */
    String name();

    /** Other words that run it (the names users know from jshell, e.g. {@code open} for {@code load}). */
    default List<String> aliases() {
        return List.of();
    }

    /** How to type it, e.g. {@code /time <snippet>}. */
    String usage();

    /** One line: what it does. */
    String help();

    /** Runs with the text after the command word (trimmed, possibly empty). */
    void run(String args, Session session) throws Exception;
}
