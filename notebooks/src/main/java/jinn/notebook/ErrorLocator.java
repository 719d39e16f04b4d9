package jinn.notebook;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the file line of an error from the engine's report. The engine shows the offending line
 * of the snippet ("  line 3 | x.foo()" for a multi-line snippet, "  | x.foo()" for a one-line
 * one) but not which snippet it came from: an exception thrown inside a method declared two cells
 * earlier names a line of that cell. So the line's number and text are matched against the
 * snippet that failed first, then against every snippet run before it, newest first.
 */
final class ErrorLocator {

    /** A snippet that ran, with the file line its text starts on. */
    record Placed(String text, int firstLine) {}

    private static final Pattern NUMBERED = Pattern.compile("^\\s*line (\\d+) \\|(?: (.*))?$");
    private static final Pattern PLAIN = Pattern.compile("^\\s*\\|(?: (.*))?$");
    private static final Pattern IN_METHOD = Pattern.compile("\\s{6}\\(in [\\w$]+\\)$");

    private ErrorLocator() {}

    /**
     * @param report  the engine's error text
     * @param failed  the snippet being evaluated when the error came
     * @param earlier snippets evaluated before it, oldest first
     */
    static int fileLine(String report, Placed failed, List<Placed> earlier) {
        Integer n = null;
        String code = null;
        for (String l : report.split("\\R")) {
            Matcher m = NUMBERED.matcher(l);
            if (m.matches()) {
                n = Integer.parseInt(m.group(1));
                code = m.group(2) == null ? "" : m.group(2);
                break;
            }
            m = PLAIN.matcher(l);
            if (m.matches() && m.group(1) != null && !m.group(1).strip().startsWith("^")) {
                code = m.group(1);
                break;
            }
        }
        if (code != null) {
            code = IN_METHOD.matcher(code).replaceFirst("").strip();
            Integer found = match(failed, n, code);
            for (int i = earlier.size() - 1; found == null && i >= 0; i--) found = match(earlier.get(i), n, code);
            if (found != null) return found;
        }
        String[] lines = failed.text().split("\\R", -1);
        if (n != null && n >= 1 && n <= lines.length) return failed.firstLine() + n - 1;
        return failed.firstLine();
    }

    private static Integer match(Placed p, Integer n, String code) {
        String[] lines = p.text().split("\\R", -1);
        if (n != null) {
            return n >= 1 && n <= lines.length && lines[n - 1].strip().equals(code) ? p.firstLine() + n - 1 : null;
        }
        for (int i = 0; i < lines.length; i++) {
            if (!code.isEmpty() && lines[i].strip().equals(code)) return p.firstLine() + i;
        }
        return null;
    }
}
