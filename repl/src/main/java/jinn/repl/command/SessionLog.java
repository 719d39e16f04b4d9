package jinn.repl.command;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import jinn.repl.EvalResult;
import jinn.repl.Outcome;

/**
 * What happened in a session, in order: each cell with its {@link EvalResult}, and the names
 * {@code /drop} removed. From it {@code /save} writes a notebook that rebuilds the session's state:
 *
 * <ul>
 *   <li>a snippet that failed (compile error, exception) or was stopped (Ctrl-C) is left out, and so is
 *       every later snippet that uses a name only it declared;
 *   <li>a snippet that declares or uses a name dropped after it is left out (and what depends on it);
 *   <li>redefinitions stay, in order: a line between two definitions of {@code a} needs the first one;
 *   <li>an expression or a variable without its {@code ;} gets one, except as the last snippet of its
 *       cell, where a notebook shows its value.
 * </ul>
 *
 * {@code /reset} starts the log afresh. {@code /save --all} writes every cell as typed instead.
 */
final class SessionLog {

    /** One cell with its result, or a {@code /drop} of a name (result null). */
    private record Entry(String cell, EvalResult result, String dropped) {}

    private final List<Entry> entries = new ArrayList<>();

    void cell(String cell, EvalResult result) {
        entries.add(new Entry(cell, result, null));
    }

    void dropped(String name) {
        entries.add(new Entry(null, null, name));
    }

    void reset() {
        entries.clear();
    }

    /** How many cells were typed (and evaluated) since the start or the last /reset. */
    int cellCount() {
        return (int) entries.stream().filter(e -> e.result() != null).count();
    }

    /** The cells to replay, each a list of snippet sources, in order; empty cells left out. */
    List<List<String>> replayable() {
        // Names dropped at or after each position: a snippet before a drop of a name it uses is left out.
        List<Set<String>> droppedLater = new ArrayList<>();
        Set<String> suffix = new HashSet<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).dropped() != null) suffix.add(entries.get(i).dropped());
            droppedLater.add(0, new HashSet<>(suffix));
        }
        Set<String> unavailable = new HashSet<>();
        List<List<String>> cells = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.dropped() != null) {
                unavailable.add(e.dropped());
                continue;
            }
            List<String> kept = new ArrayList<>();
            List<Outcome> outcomes = e.result().outcomes();
            for (Outcome o : outcomes) {
                String declared = declaredName(o);
                boolean failed = o.kind() == Outcome.Kind.ERROR || o.kind() == Outcome.Kind.INTERRUPTED;
                boolean blocked = uses(o.source(), unavailable) || uses(o.source(), droppedLater.get(i))
                        || (declared != null && droppedLater.get(i).contains(declared));
                if (failed || blocked) {
                    if (declared != null) unavailable.add(declared);
                    continue;
                }
                if (declared != null) unavailable.remove(declared);
                kept.add(o.source().strip());
            }
            if (!kept.isEmpty()) cells.add(terminated(kept, outcomes));
        }
        return cells;
    }

    /** Every cell as typed, failures included. */
    List<String> typed() {
        return entries.stream().filter(e -> e.cell() != null).map(e -> e.cell().strip()).toList();
    }

    /** Each snippet but the cell's last ends with ';' when it is an expression, variable or statement. */
    private static List<String> terminated(List<String> kept, List<Outcome> outcomes) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            String s = kept.get(i);
            boolean last = i == kept.size() - 1;
            Outcome.Kind kind = kindOf(s, outcomes);
            boolean needsSemicolon = !s.endsWith(";") && (kind == Outcome.Kind.VALUE ? !last : kind == Outcome.Kind.SILENT && !s.endsWith("}"));
            out.add(needsSemicolon ? s + ";" : s);
        }
        return out;
    }

    private static Outcome.Kind kindOf(String source, List<Outcome> outcomes) {
        for (Outcome o : outcomes) if (o.source().strip().equals(source)) return o.kind();
        return Outcome.Kind.SILENT;
    }

    /** The name a snippet declares (a variable, method or type), never JShell's $1 for an expression. */
    private static String declaredName(Outcome o) {
        String n = o.name();
        if (n != null && !n.startsWith("$") && !n.isBlank()) return n;
        if (o.kind() == Outcome.Kind.ERROR || o.kind() == Outcome.Kind.INTERRUPTED) return declaredInSource(o.source());
        return null;
    }

    private static final Pattern DECLARATION = Pattern.compile(
            "^(?:(?:public|private|protected|static|final|abstract)\\s+)*(?:class|interface|record|enum)\\s+([\\w$]+)"
                    + "|^(?:final\\s+)?[\\w$.<>\\[\\], ?]+?\\s+([\\w$]+)\\s*(?:=|;|$|\\()");

    /** The name a failed snippet meant to declare ({@code int bad = 1 / 0;}: bad), or null. */
    static String declaredInSource(String source) {
        String s = source.strip();
        if (s.matches("(?s)(new|return|throw|yield|assert)\\b.*")) return null; // statements, not declarations
        var m = DECLARATION.matcher(s);
        if (!m.find()) return null;
        String name = m.group(1) != null ? m.group(1) : m.group(2);
        return name == null || name.equals("return") || name.equals("new") ? null : name;
    }

    /** True when the source uses one of the names as an identifier (not as a member after a dot, not in a string). */
    static boolean uses(String source, Set<String> names) {
        if (names.isEmpty()) return false;
        String code = source.replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("//[^\n]*", "");
        for (String n : names) {
            if (Pattern.compile("(?<![\\w$.])" + Pattern.quote(n) + "(?![\\w$])").matcher(code).find()) return true;
        }
        return false;
    }
}
