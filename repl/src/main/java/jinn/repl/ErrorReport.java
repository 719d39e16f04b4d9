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

    private static String message(Diag d) {
        // javac's multi-line "symbol: / location:" blocks read better on one line in a REPL.
        String[] lines = d.getMessage(Locale.ROOT).strip().split("\\R");
        StringBuilder m = new StringBuilder(lines[0].strip());
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].strip();
            // JShell's wrapper classes mean nothing to the user.
            if (l.startsWith("location: class") && (l.contains("$JShell$") || l.equals("location: class"))) continue;
            if (l.startsWith("symbol:")) l = l.substring("symbol:".length()).strip();
            if (!l.isEmpty()) m.append(i == 1 ? ": " : ", ").append(l.replaceAll("\\s+", " "));
        }
        return m.toString();
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
