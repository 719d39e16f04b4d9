package jinn.repl.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The table of REPL commands: lookup by name, alias or unique prefix, and dispatch. */
public final class Commands {

    private final List<Command> commands;

    private Commands(List<Command> commands) {
        this.commands = List.copyOf(commands);
    }

    /** Every built-in command, in the order /help lists them. */
    public static Commands standard() {
        return new Commands(List.of(
                new HelpCommand(), new VarsCommand(), new ImportsCommand(), new MethodsCommand(),
                new TypesCommand(), new ListCommand(), new DocCommand(), new TimeCommand(),
                new BackendCommand(), new ClasspathCommand(), new LoadCommand(), new SaveCommand(), new DropCommand(),
                new ResetCommand(), new HistoryCommand(), new ExitCommand()));
    }

    public List<Command> all() {
        return commands;
    }

    /**
     * IPython's {@code name?}: a name, a dotted path or a call chain without arguments, then ? or ??, on
     * a line alone ({@code net?}, {@code Math.max?}, {@code net().dense??}). Nothing else: a line that
     * ends in ? after an expression with operators starts a conditional continued on the next line.
     */
    private static final Pattern HELP = Pattern.compile(
            "\\s*([A-Za-z_$][\\w$]*(?:\\(\\))?(?:\\.[A-Za-z_$][\\w$]*(?:\\(\\))?)*)\\s*\\?\\??\\s*");

    /** The name a help request ({@code Math.max?}) asks about; empty for any other input. */
    public static Optional<String> helpRequest(String input) {
        Matcher m = HELP.matcher(input);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** True when a line is a command: starts with '/' followed by a letter or '?', not a comment; or a help request ({@code net?}). */
    public static boolean isCommand(String line) {
        String s = line.strip();
        return s.length() > 1 && s.charAt(0) == '/' && (Character.isLetter(s.charAt(1)) || s.charAt(1) == '?')
                || helpRequest(line).isPresent();
    }

    /** The command for a word: exact name or alias first, then a unique prefix ("/va" is /vars). */
    public Optional<Command> find(String word) {
        for (Command c : commands) {
            if (c.name().equals(word) || c.aliases().contains(word)) return Optional.of(c);
        }
        List<Command> byPrefix = new ArrayList<>();
        for (Command c : commands) if (c.name().startsWith(word)) byPrefix.add(c);
        return byPrefix.size() == 1 ? Optional.of(byPrefix.get(0)) : Optional.empty();
    }

    /** Runs a command line ("/time x.sum()"); unknown commands print the choices instead of failing. */
    public void run(String line, Session session) {
        Optional<String> help = helpRequest(line);
        if (help.isPresent()) line = "/doc " + help.get();
        String s = line.strip().substring(1);
        int space = s.indexOf(' ');
        String word = space < 0 ? s : s.substring(0, space);
        String args = space < 0 ? "" : s.substring(space + 1).strip();
        if (word.equals("?")) word = "help";
        Optional<Command> c = find(word);
        if (c.isEmpty()) {
            session.out().println("unknown command /" + word + ". Commands: "
                    + String.join(" ", commands.stream().map(x -> "/" + x.name()).toList()) + " (/help explains each)");
            return;
        }
        try {
            c.get().run(args, session);
        } catch (Exception e) {
            session.out().println("/" + c.get().name() + " failed: " + (e.getMessage() == null ? e : e.getMessage()));
            session.out().println("  usage: " + c.get().usage());
        }
    }
}
