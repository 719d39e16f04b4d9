package jinn.repl.terminal;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Colours Java as it is typed: keywords, strings, numbers, comments, and /commands. A regular
 * expression scanner rather than JShell's analysis: it runs on every key press and must stay
 * well under a millisecond.
 */
final class JavaHighlighter implements Highlighter {

    static final Set<String> KEYWORDS = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
            "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
            "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
            "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
            "throw", "throws", "transient", "try", "void", "volatile", "while", "var", "record", "yield", "true",
            "false", "null");

    private static final Pattern TOKEN = Pattern.compile(
            "(?<comment>//[^\\n]*|/\\*.*?(\\*/|$))|(?<string>\"(\\\\.|[^\"\\\\\\n])*\"?|'(\\\\.|[^'\\\\\\n])*'?)"
                    + "|(?<number>\\b\\d[\\d_]*(\\.\\d+)?([eE][+-]?\\d+)?[fFdDlL]?\\b)|(?<word>[A-Za-z_$][\\w$]*)",
            Pattern.DOTALL);

    static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT).faint();
    static final AttributedStyle COMMAND = AttributedStyle.BOLD.foreground(AttributedStyle.MAGENTA);

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        return highlight(buffer);
    }

    static AttributedString highlight(String buffer) {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        if (buffer.startsWith("/") && !buffer.startsWith("//") && !buffer.startsWith("/*")) {
            int end = buffer.indexOf(' ');
            end = end < 0 ? buffer.length() : end;
            sb.styled(COMMAND, buffer.substring(0, end));
            return sb.append(buffer.substring(end)).toAttributedString();
        }
        Matcher m = TOKEN.matcher(buffer);
        int last = 0;
        while (m.find()) {
            sb.append(buffer.substring(last, m.start()));
            String t = m.group();
            if (m.group("comment") != null) sb.styled(COMMENT, t);
            else if (m.group("string") != null) sb.styled(STRING, t);
            else if (m.group("number") != null) sb.styled(NUMBER, t);
            else if (KEYWORDS.contains(t)) sb.styled(KEYWORD, t);
            else sb.append(t);
            last = m.end();
        }
        sb.append(buffer.substring(last));
        return sb.toAttributedString();
    }

    @Override
    public void setErrorPattern(Pattern errorPattern) {
        // jinn reports errors after evaluation, with the line marked; nothing to colour while typing
    }

    @Override
    public void setErrorIndex(int errorIndex) {
        // see setErrorPattern
    }
}
