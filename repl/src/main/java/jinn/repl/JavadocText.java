package jinn.repl;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A doc comment as plain terminal text: JShell hands out the raw comment, with HTML and inline tags
 * ({@code <p>}, {@code {@code x}}, {@code {@link A#b}}), which read badly in a REPL.
 */
final class JavadocText {

    private static final Pattern INLINE = Pattern.compile("\\{@(code|literal|link|linkplain|value)\\s+([^{}]*)}");
    private static final Pattern BLOCK = Pattern.compile("(?m)^\\s*@(param|return|throws|exception)\\b\\s*");

    private JavadocText() {}

    static String plain(String javadoc) {
        String s = javadoc.replace("\r", "");
        Matcher m = INLINE.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String body = m.group(2).strip();
            if (m.group(1).startsWith("link")) {
                // {@link Type#member(args) label}: the label if there is one, else Type.member
                int paren = body.indexOf('(');
                int space = body.indexOf(' ');
                int end = paren >= 0 && (space < 0 || paren < space) ? body.indexOf(')', paren) + 1 : space;
                String label = end > 0 && end < body.length() ? body.substring(end).strip() : "";
                body = !label.isEmpty() ? label : body.replaceFirst("^#", "").replace('#', '.');
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(body));
        }
        m.appendTail(sb);
        s = sb.toString()
                .replaceAll("(?i)\\s*(<p>|<br\\s*/?>)\\s*", "\n")
                .replaceAll("(?i)<li>", "\n  - ")
                .replaceAll("<[^>]+>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        s = BLOCK.matcher(s).replaceAll("  $1 ");
        return s.replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }
}
