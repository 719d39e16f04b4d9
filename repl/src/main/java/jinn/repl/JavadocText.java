package jinn.repl;

import java.util.regex.Pattern;

/**
 * A doc comment as plain terminal text: JShell hands out the raw comment, with HTML and inline tags
 * ({@code <p>}, {@code {@code x}}, {@code {@link A#b}}), which read badly in a REPL. Inline tags are
 * matched brace by brace, so {@code {@code new float[]{1, 2}}} keeps its inner braces; code keeps its
 * {@code <} and {@code >}; a {@code <pre>} example stays a block of its own lines.
 */
final class JavadocText {

    private static final Pattern BLOCK = Pattern.compile("(?m)^\\s*@(param|return|throws|exception)\\b\\s*");

    private JavadocText() {}

    static String plain(String javadoc) {
        String s = inlineTags(javadoc.replace("\r", ""));
        s = s.replaceAll("(?i)\\s*<pre>\\s*?\\n?", "\n\n").replaceAll("(?i)\\s*</pre>\\s*", "\n\n")
                .replaceAll("(?i)\\s*(<p>|<br\\s*/?>)\\s*", "\n")
                .replaceAll("(?i)<li>", "\n  - ")
                .replaceAll("<[^>]+>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&#64;", "@").replace("&amp;", "&");
        s = BLOCK.matcher(s).replaceAll("  $1 ");
        return s.replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }

    /**
     * Replaces every inline tag by its text: code and literals as written (their HTML characters
     * escaped, so that removing tags later leaves them), links by their label or Type.member.
     */
    private static String inlineTags(String s) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int open = s.indexOf("{@", i);
            if (open < 0) break;
            int close = matchingBrace(s, open);
            if (close < 0) break;
            sb.append(s, i, open);
            String tag = s.substring(open + 2, close);
            int space = firstSpace(tag);
            String name = space < 0 ? tag : tag.substring(0, space);
            String body = space < 0 ? "" : tag.substring(space + 1);
            sb.append(switch (name) {
                case "code", "literal" -> escape(body.strip().isEmpty() ? body : trimCode(body));
                case "link", "linkplain" -> link(body.strip());
                case "inheritDoc" -> "";
                default -> body.strip();
            });
            i = close + 1;
        }
        sb.append(s.substring(i));
        return sb.toString();
    }

    /** The index of the brace that closes the one at {@code open}, counting nested pairs; -1 if none. */
    private static int matchingBrace(String s, int open) {
        int depth = 0;
        for (int j = open; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return j;
        }
        return -1;
    }

    private static int firstSpace(String tag) {
        for (int j = 0; j < tag.length(); j++) if (Character.isWhitespace(tag.charAt(j))) return j;
        return -1;
    }

    /** A one-line code span loses its surrounding spaces; a block keeps its lines. */
    private static String trimCode(String body) {
        return body.contains("\n") ? body.replaceFirst("^[ \\t]*\\n", "").stripTrailing() : body.strip();
    }

    private static String escape(String code) {
        return code.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;");
    }

    /** {@link Type#member(args) label}: the label if there is one, else Type.member. */
    private static String link(String body) {
        int paren = body.indexOf('(');
        int space = firstSpace(body);
        int end = paren >= 0 && (space < 0 || paren < space) ? body.indexOf(')', paren) + 1 : space;
        String label = end > 0 && end < body.length() ? body.substring(end).strip() : "";
        if (!label.isEmpty()) return label;
        String target = end > 0 ? body.substring(0, end) : body;
        return target.replaceFirst("^#", "").replace('#', '.');
    }
}
