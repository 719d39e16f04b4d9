package jinn.repl.display;

import java.util.List;

/** The few HTML pieces renderers share: escaping, a table, preformatted text. */
final class Html {

    private Html() {}

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Text kept as it is, in a monospace block (a summary whose columns are aligned with spaces). */
    static String pre(String text) {
        return "<pre>" + escape(text) + "</pre>";
    }

    /**
     * A table with a caption; a row that is null stands for rows left out and is shown as one
     * "…" row across all columns.
     */
    static String table(String caption, List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("<table class=\"jinn\">");
        if (caption != null) b.append("<caption>").append(escape(caption)).append("</caption>");
        if (!header.isEmpty()) {
            b.append("<thead><tr>");
            for (String h : header) b.append("<th>").append(escape(h)).append("</th>");
            b.append("</tr></thead>");
        }
        b.append("<tbody>");
        for (List<String> row : rows) {
            if (row == null) {
                b.append("<tr><td colspan=\"").append(Math.max(1, header.size())).append("\">…</td></tr>");
                continue;
            }
            b.append("<tr>");
            for (String cell : row) b.append("<td>").append(escape(cell)).append("</td>");
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }
}
