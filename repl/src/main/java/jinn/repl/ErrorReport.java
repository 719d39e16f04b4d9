package jinn.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Turns JShell's compile diagnostics and exceptions into what a learner needs first: the message
 * and the line they typed, then a few frames of library code, never a wall of wrapper frames.
 */
final class ErrorReport {

    /** Library frames shown above the user's line; more is noise for a learner. */
    static final int LIBRARY_FRAMES = 4;

    private ErrorReport() {}

    /** A compile error: each diagnostic's message, the offending line, a caret under the span. */
    static String compileError(String source, List<Diag> diags) {
        return compileError(source, diags, d -> Optional.empty());
    }

    /** As {@link #compileError(String, List)}, with a hint (such as "did you mean ...?") under a diagnostic. */
    static String compileError(String source, List<Diag> diags, Function<Diag, Optional<String>> hints) {
        StringBuilder sb = new StringBuilder();
        for (Diag d : diags) {
            if (!d.isError()) continue;
            if (!sb.isEmpty()) sb.append('\n');
            sb.append("error: ").append(message(d)).append('\n');
            appendMarkedLine(sb, source, (int) d.getStartPosition(), (int) d.getEndPosition());
            hints.apply(d).ifPresent(h -> sb.append("  ").append(h).append('\n'));
        }
        return sb.isEmpty() ? "error: the snippet was rejected: " + source.strip() : sb.toString().stripTrailing();
    }

    /** Candidates of "no suitable method" listed in full; the rest are counted. */
    static final int CANDIDATES_SHOWN = 5;

    /**
     * javac's diagnostic as sentences: its "symbol: / location:" block on one line, its
     * "required: / found: / reason:" block as what the method takes and what it was given, the
     * candidates of "no suitable method" one per line, and type names short where unambiguous.
     */
    static String message(Diag d) {
        return ShortNames.of(message(d.getMessage(Locale.ROOT)));
    }

    static String message(String raw) {
        String[] lines = raw.strip().split("\\R");
        String head = lines[0].strip();
        if (head.startsWith("no suitable ")) return candidates(head, lines);
        StringBuilder m = new StringBuilder(head.replaceFirst(";$", ""));
        String required = null, found = null, reason = null;
        boolean first = true;
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].strip();
            // JShell's wrapper classes mean nothing to the user.
            if (l.startsWith("location: class") && (l.contains("$JShell$") || l.equals("location: class"))) continue;
            if (l.startsWith("required:")) { required = value(l); continue; }
            if (l.startsWith("found:")) { found = value(l); continue; }
            if (l.startsWith("reason:")) { reason = reason(value(l)); continue; }
            if (l.startsWith("symbol:")) l = value(l);
            if (!l.isEmpty()) {
                m.append(first ? ": " : ", ").append(l.replaceAll("\\s+", " "));
                first = false;
            }
        }
        if (required != null || found != null) {
            m.append(": it takes ").append(arguments(required)).append(", and was given ").append(arguments(found));
        }
        if (reason != null && !reason.isEmpty()) m.append(" (").append(reason).append(')');
        return spaceAfterCommas(m.toString());
    }

    /** "no suitable method found for plot(int,String)" and one line per candidate with why it does not fit. */
    private static String candidates(String head, String[] lines) {
        List<String> shown = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty()) continue;
            String why = "";
            if (i + 1 < lines.length && lines[i + 1].strip().startsWith("(")) {
                why = reason(lines[++i].strip().replaceFirst("^\\(", "").replaceFirst("\\)$", ""));
            }
            String candidate = l.replaceFirst("^(method|constructor)\\s+", "").replaceFirst("\\s+is not applicable$", "");
            shown.add(candidate + (why.isEmpty() ? "" : ": " + why));
        }
        StringBuilder m = new StringBuilder(head.replaceFirst(";$", ""));
        if (!shown.isEmpty()) m.append("; none of its forms takes these arguments:");
        for (int i = 0; i < Math.min(CANDIDATES_SHOWN, shown.size()); i++) m.append("\n    ").append(shown.get(i));
        if (shown.size() > CANDIDATES_SHOWN) {
            m.append("\n    ... and ").append(shown.size() - CANDIDATES_SHOWN).append(" more (/doc lists every form)");
        }
        return spaceAfterCommas(m.toString());
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1).strip().replaceAll("\\s+", " ");
    }

    private static String arguments(String list) {
        return list == null || list.isEmpty() || list.equals("no arguments") ? "no arguments" : "(" + list + ")";
    }

    /** javac's reason without its category: "argument mismatch; int cannot be converted to Table" says it twice. */
    private static String reason(String r) {
        return r.replaceFirst("^argument mismatch;\\s*", "").replaceAll("\\s+", " ").strip();
    }

    /** "plot(int,String)" as a person writes it: "plot(int, String)". */
    private static String spaceAfterCommas(String s) {
        return s.replaceAll(",(?=\\S)", ", ");
    }

    private static void appendMarkedLine(StringBuilder sb, String source, int start, int end) {
        if (start < 0 || start > source.length()) {
            for (String l : source.strip().split("\\R")) sb.append("  | ").append(l).append('\n');
            return;
        }
        int lineStart = source.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
        if (start == 0) lineStart = 0;
        int lineEnd = source.indexOf('\n', start);
        if (lineEnd < 0) lineEnd = source.length();
        String line = source.substring(lineStart, lineEnd);
        int lineNo = 1 + (int) source.substring(0, lineStart).chars().filter(c -> c == '\n').count();
        String prefix = source.strip().contains("\n") ? "  line " + lineNo + " | " : "  | ";
        sb.append(prefix).append(line).append('\n');
        int from = start - lineStart;
        int to = Math.max(from + 1, Math.min(end, lineEnd) - lineStart);
        sb.append(" ".repeat(prefix.length() - 2)).append("| ");
        for (int i = 0; i < from; i++) sb.append(line.charAt(i) == '\t' ? '\t' : ' ');
        sb.append(to - from == 1 ? "^" : "^" + "-".repeat(to - from - 2) + "^").append('\n');
    }

    /**
     * An exception thrown by a cell: "Type: message", the user's line (found through the snippet
     * frames, whose file name JShell sets to "#id"), the library frames above it, and the causes.
     *
     * @param snippetSource the source of a snippet by its id, or null when unknown
     */
    static String exception(JShellException e, IntFunction<String> snippetSource) {
        StringBuilder sb = new StringBuilder();
        if (e instanceof UnresolvedReferenceException u) {
            var snippet = u.getSnippet();
            return "error: " + snippet.kind().name().toLowerCase(Locale.ROOT) + " '" + name(snippet)
                    + "' cannot be used yet: it refers to something not declared (declare it, then run again)";
        }
        appendThrowable(sb, e, snippetSource, "");
        JShellException cause = e.getCause() instanceof JShellException c ? c : null;
        int depth = 0;
        while (cause != null && depth++ < 5) {
            sb.append('\n');
            appendThrowable(sb, cause, snippetSource, "caused by ");
            cause = cause.getCause() instanceof JShellException c ? c : null;
        }
        return sb.toString().stripTrailing();
    }

    private static String name(jdk.jshell.Snippet s) {
        return s instanceof jdk.jshell.DeclarationSnippet d ? d.name() : s.source().strip();
    }

    private static void appendThrowable(StringBuilder sb, JShellException e, IntFunction<String> snippetSource, String lead) {
        String type = e instanceof EvalException ee ? simpleName(ee.getExceptionClassName()) : e.getClass().getSimpleName();
        sb.append(lead).append(type);
        if (e.getMessage() != null) sb.append(": ").append(e.getMessage());
        sb.append('\n');
        StackTraceElement[] trace = e.getStackTrace();
        List<String> library = new ArrayList<>();
        String userLine = null;
        int userFrames = 0;
        for (StackTraceElement f : trace) {
            String file = f.getFileName();
            if (file != null && file.startsWith("#")) {
                if (userLine == null) userLine = userLine(f, snippetSource);
                userFrames++;
            } else if (userLine == null && !isMachinery(f) && library.size() < LIBRARY_FRAMES) {
                library.add("    at " + f);
            }
        }
        if (userLine != null) sb.append(userLine).append('\n');
        for (String l : library) sb.append(l).append('\n');
        if (userFrames > 50) sb.append("  (").append(userFrames).append(" frames in your code: recursion without an end?)\n");
    }

    private static String userLine(StackTraceElement f, IntFunction<String> snippetSource) {
        String id = f.getFileName().substring(1);
        String src = null;
        try {
            src = snippetSource == null ? null : snippetSource.apply(Integer.parseInt(id));
        } catch (NumberFormatException ignored) {
            // ids are numbers unless someone installs another id generator
        }
        if (src == null) return "  at snippet #" + id + ", line " + f.getLineNumber();
        String[] lines = src.stripTrailing().split("\\R", -1);
        int n = f.getLineNumber();
        String line = n >= 1 && n <= lines.length ? lines[n - 1].strip() : src.strip();
        String where = lines.length > 1 ? "  line " + n + " | " : "  | ";
        String method = f.getMethodName();
        boolean inDeclaredMethod = method != null && !method.isEmpty() && !method.startsWith("do_it$")
                && !method.startsWith("lambda$");
        return where + line + (inDeclaredMethod ? "      (in " + method + ")" : "");
    }

    private static boolean isMachinery(StackTraceElement f) {
        String c = f.getClassName();
        return c.startsWith("jdk.internal.") || c.startsWith("java.lang.reflect.") || c.startsWith("jdk.jshell.")
                || c.startsWith("REPL.");
    }

    private static String simpleName(String className) {
        if (className == null) return "Exception";
        int dot = className.lastIndexOf('.');
        return className.startsWith("java.lang.") ? className.substring(dot + 1) : className;
    }
}
