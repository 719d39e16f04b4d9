package jinn.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinn.repl.command.Command;
import jinn.repl.command.Commands;

/**
 * The magics of a cell, as people who come from IPython type them: {@code %%time} over a cell,
 * {@code %time} and {@code %timeit} before a statement, {@code %who}, {@code %lsmagic}, {@code name?}; and the REPL's
 * commands in either form ({@code %vars}, {@code /vars}). A line that starts with {@code %} or with
 * {@code /} and a letter is never Java, so a cell means the same in every front end that runs Java
 * alone and gains these words here.
 *
 * <p>Magic lines come first in a cell: any number of line magics, or one cell magic on the first
 * line, whose body is the rest of the cell. What follows the magic lines is Java, run as a cell.
 */
final class Magics {

    /** "%%time", "%timeit 1 + 1", "/vars": the sigil, the name, the rest of the line. */
    private static final Pattern MAGIC = Pattern.compile("^\\s*(%%|%|/)([A-Za-z?][\\w?]*)(?:[ \\t]+(.*))?\\s*$");

    /** The REPL's commands that a notebook front end does for itself, and what to use there instead. */
    private static final Map<String, String> NOT_IN_JUPYTER = Map.of(
            "exit", "the kernel ends from the front end: Kernel > Shut Down, or Restart",
            "save", "the front end saves the notebook; `jinn export` and `jinn import` turn .jsh notebooks into .ipynb and back",
            "load", "open the .jsh file in the REPL (`bin/jinn`, then /load), or `jinn export FILE.jsh --to ipynb` and open that",
            "history", "the front end keeps the cells (a console's Up arrow asks the kernel's history)",
            "help", "%lsmagic lists the magics; Shift-Tab (or %doc NAME) shows the documentation of a name");

    /** Magics that are not REPL commands: run by the kernel itself. */
    static final List<String> OWN = List.of("time", "lsmagic");

    private Magics() {}

    /** One magic line: its sigil (%%, % or /), its name, the rest of the line, its line in the cell (1-based). */
    record Line(String sigil, String name, String args, int line) {
        boolean cellMagic() {
            return sigil.equals("%%");
        }

        /** The REPL's form: /time is the REPL's timing over many runs, %time IPython's single run. */
        boolean replForm() {
            return sigil.equals("/");
        }

        String typed() {
            return sigil + name;
        }
    }

    /**
     * A cell taken apart: its magic lines in order (at most one cell magic, then the only one), and the
     * Java after them, which starts on line {@code bodyLine} of the cell.
     */
    record Cell(List<Line> magics, String body, int bodyLine) {
        boolean plain() {
            return magics.isEmpty();
        }

        Optional<Line> cellMagic() {
            return magics.size() == 1 && magics.get(0).cellMagic() ? Optional.of(magics.get(0)) : Optional.empty();
        }
    }

    static Cell parse(String code) {
        Optional<String> help = Commands.helpRequest(code);
        if (help.isPresent()) return new Cell(List.of(new Line("%", "pinfo", help.get(), 1)), "", 2);
        String[] lines = code.split("\n", -1);
        List<Line> magics = new ArrayList<>();
        int i = 0;
        for (; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            Matcher m = MAGIC.matcher(lines[i]);
            if (!m.matches()) break;
            boolean cell = m.group(1).equals("%%");
            String args = m.group(3) == null ? "" : m.group(3).strip();
            if (cell && !magics.isEmpty()) break; // a cell magic further down is the body's business (and not Java: javac says so)
            magics.add(new Line(m.group(1), m.group(2), args, i + 1));
            if (cell) {
                i++;
                break;
            }
        }
        if (magics.isEmpty()) return new Cell(List.of(), code, 1);
        return new Cell(List.copyOf(magics), String.join("\n", Arrays.asList(lines).subList(i, lines.length)), i + 1);
    }

    /**
     * The REPL command a line magic names (IPython's name or the REPL's, or a unique prefix of it), or
     * empty for the kernel's own magics and for unknown names. Throws with what to use instead where
     * the command belongs to the REPL alone.
     */
    static Optional<Command> command(Line magic, Commands commands) {
        String name = magic.name();
        if (!magic.replForm() && OWN.contains(name)) return Optional.empty();
        Optional<Command> c = commands.find(name); // IPython's names (%who, %timeit, %pinfo) are the commands' aliases
        if (c.isPresent() && NOT_IN_JUPYTER.containsKey(c.get().name())) {
            throw new IllegalArgumentException(magic.typed() + " is the REPL's; in Jupyter " + NOT_IN_JUPYTER.get(c.get().name()));
        }
        return c;
    }

    /** Every line magic this kernel knows, for %lsmagic and completion: its own, IPython's names, the REPL's commands. */
    static List<String> lineMagicNames(Commands commands) {
        List<String> names = new ArrayList<>(OWN);
        for (Command c : commands.all()) {
            if (NOT_IN_JUPYTER.containsKey(c.name())) continue;
            names.add(c.name());
            names.addAll(c.aliases());
        }
        return names.stream().distinct().sorted().toList();
    }

    /** How a magic is typed and what it does: a line of %lsmagic, and what Shift-Tab shows on its name. */
    record Help(String usage, String help) {
        /** The magic as typed, sigil and name: "%timeit". */
        String typed() {
            return usage.split(" ")[0];
        }
    }

    /** The kernel's own line magics (and %timeit, which IPython users look for under that name). */
    private static final List<Help> OWN_LINE = List.of(
            new Help("%time STATEMENT", "run it once: its result, then CPU and wall time"),
            new Help("%timeit STATEMENT", "run it repeatedly (about 2 s): the median time (the REPL's /time)"),
            new Help("%lsmagic", "this list"));

    private static final List<Help> OWN_CELL = List.of(
            new Help("%%time", "run the cell once: its outputs, then CPU and wall time"),
            new Help("%%timeit", "run the cell's statements repeatedly: the median time"));

    /** Cell magics' names: %%time runs the cell once and says how long it took, %%timeit times it over many runs. */
    static final List<String> CELL_MAGICS = OWN_CELL.stream().map(h -> h.typed().substring(2)).toList();

    /** A REPL command as a magic: its usage with %, its help and its other names. */
    private static Help help(Command c) {
        List<String> also = c.aliases().stream().map(x -> "%" + x).toList();
        return new Help("%" + c.usage().substring(1), c.help() + (also.isEmpty() ? "" : " (also " + String.join(", ", also) + ")"));
    }

    /** What a magic line's name means, for Shift-Tab; empty for a name that is no magic. */
    static Optional<Help> describe(Line magic, Commands commands) {
        List<Help> own = magic.cellMagic() ? OWN_CELL : magic.replForm() ? List.of() : OWN_LINE;
        for (Help h : own) {
            if (h.typed().equals(magic.typed())) return Optional.of(h);
        }
        if (magic.cellMagic()) return Optional.empty();
        try {
            return command(magic, commands).map(Magics::help);
        } catch (IllegalArgumentException e) {
            return Optional.of(new Help(magic.typed(), e.getMessage()));
        }
    }

    /** What %lsmagic prints: the kernel's own magics, then the REPL's commands under their % names. */
    static String listing(Commands commands) {
        StringBuilder s = new StringBuilder();
        s.append("Line magics, each on a line of its own at the top of a cell (/name as in the REPL works too):\n");
        List<Help> lines = new ArrayList<>(OWN_LINE.subList(0, 2));
        for (Command c : commands.all()) {
            if (!NOT_IN_JUPYTER.containsKey(c.name()) && !c.name().equals("time")) lines.add(help(c));
        }
        lines.add(OWN_LINE.get(2));
        for (Help h : lines) line(s, h.usage(), h.help());
        s.append("Cell magics, on the first line of a cell, over the rest of it:\n");
        for (Help h : OWN_CELL) line(s, h.usage(), h.help());
        return s.toString();
    }

    private static void line(StringBuilder s, String usage, String help) {
        s.append(String.format("  %-22s %s%n", usage, help));
    }
}
