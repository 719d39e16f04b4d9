package jinn.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Markdown that notebooks use, as HTML: headings, paragraphs, bullet and numbered lists,
 * fenced code, block quotes, simple pipe tables, and inline code, bold, italic and links. Enough
 * for the tutorials' prose without a Markdown library on jinn's class path; anything it does not
 * know stays readable text.
 */
final class MarkdownHtml {

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*)$");
    private static final Pattern BULLET = Pattern.compile("^\\s*[-*+]\\s+(.*)$");
    private static final Pattern NUMBERED = Pattern.compile("^\\s*\\d+[.)]\\s+(.*)$");
    private static final Pattern TABLE_RULE = Pattern.compile("^\\s*\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*$");

    private MarkdownHtml() {}

    static String toHtml(String markdown) {
        String[] lines = markdown.split("\\R", -1);
        StringBuilder out = new StringBuilder();
        List<String> paragraph = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String t = line.strip();
            if (t.startsWith("```")) {
                flush(out, paragraph);
                StringBuilder code = new StringBuilder();
                for (i++; i < lines.length && !lines[i].strip().startsWith("```"); i++) code.append(lines[i]).append('\n');
                out.append("<pre><code>").append(escape(code.toString())).append("</code></pre>\n");
                continue;
            }
            Matcher m;
            if (t.isEmpty()) {
                flush(out, paragraph);
            } else if ((m = HEADING.matcher(t)).matches()) {
                flush(out, paragraph);
                int level = m.group(1).length();
                out.append("<h").append(level).append('>').append(inline(m.group(2))).append("</h").append(level).append(">\n");
            } else if (BULLET.matcher(line).matches() || NUMBERED.matcher(line).matches()) {
                flush(out, paragraph);
                boolean numbered = NUMBERED.matcher(line).matches();
                Pattern item = numbered ? NUMBERED : BULLET;
                out.append(numbered ? "<ol>\n" : "<ul>\n");
                while (i < lines.length && (m = item.matcher(lines[i])).matches()) {
                    StringBuilder text = new StringBuilder(m.group(1));
                    // continuation lines of an item are indented
                    while (i + 1 < lines.length && lines[i + 1].startsWith("  ") && !lines[i + 1].isBlank()
                            && !item.matcher(lines[i + 1]).matches()) {
                        text.append(' ').append(lines[++i].strip());
                    }
                    out.append("<li>").append(inline(text.toString())).append("</li>\n");
                    i++;
                }
                i--;
                out.append(numbered ? "</ol>\n" : "</ul>\n");
            } else if (t.startsWith(">")) {
                flush(out, paragraph);
                StringBuilder quote = new StringBuilder();
                while (i < lines.length && lines[i].strip().startsWith(">")) {
                    quote.append(lines[i].strip().substring(1).strip()).append(' ');
                    i++;
                }
                i--;
                out.append("<blockquote><p>").append(inline(quote.toString().strip())).append("</p></blockquote>\n");
            } else if (t.startsWith("|") && i + 1 < lines.length && TABLE_RULE.matcher(lines[i + 1]).matches()) {
                flush(out, paragraph);
                out.append("<table>\n<tr>");
                for (String c : cells(t)) out.append("<th>").append(inline(c)).append("</th>");
                out.append("</tr>\n");
                for (i += 2; i < lines.length && lines[i].strip().startsWith("|"); i++) {
                    out.append("<tr>");
                    for (String c : cells(lines[i].strip())) out.append("<td>").append(inline(c)).append("</td>");
                    out.append("</tr>\n");
                }
                i--;
                out.append("</table>\n");
            } else {
                paragraph.add(t);
            }
        }
        flush(out, paragraph);
        return out.toString();
    }

    private static List<String> cells(String row) {
        String r = row.strip();
        if (r.startsWith("|")) r = r.substring(1);
        if (r.endsWith("|")) r = r.substring(0, r.length() - 1);
        List<String> cells = new ArrayList<>();
        for (String c : r.split("\\|", -1)) cells.add(c.strip());
        return cells;
    }

    private static void flush(StringBuilder out, List<String> paragraph) {
        if (paragraph.isEmpty()) return;
        out.append("<p>").append(inline(String.join(" ", paragraph))).append("</p>\n");
        paragraph.clear();
    }

    /** Inline code first (its content is literal), then links, bold and italic in the rest. */
    static String inline(String text) {
        StringBuilder out = new StringBuilder();
        String[] parts = text.split("`", -1);
        for (int k = 0; k < parts.length; k++) {
            boolean code = k % 2 == 1 && k < parts.length - 1;
            if (code) {
                out.append("<code>").append(escape(parts[k])).append("</code>");
            } else {
                String s = escape(k % 2 == 1 ? "`" + parts[k] : parts[k]);
                s = s.replaceAll("\\[([^\\]]+)]\\(([^)\\s]+)\\)", "<a href=\"$2\">$1</a>");
                s = s.replaceAll("\\*\\*(.+?)\\*\\*", "<strong>$1</strong>");
                s = s.replaceAll("(?<![\\w*])\\*(?!\\s)(.+?)(?<!\\s)\\*(?![\\w*])", "<em>$1</em>");
                s = s.replaceAll("(?<![\\w_])_(?!\\s)(.+?)(?<!\\s)_(?![\\w_])", "<em>$1</em>");
                out.append(s);
            }
        }
        return out.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
