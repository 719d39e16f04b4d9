package jinn.repl.display;

import java.util.ArrayList;
import java.util.List;
import jinn.train.History;

/**
 * A training history as a table, one row per epoch; a long run shows its first and last epochs
 * around a "..." line, so a thousand-epoch XOR run does not scroll the screen away.
 */
final class HistoryRenderer implements DisplayRenderer {

    static final int HEAD = 5;
    static final int TAIL = 5;

    @Override
    public boolean accepts(Object value) {
        return value instanceof History;
    }

    @Override
    public MimeBundle render(Object value, DisplayContext context) {
        History h = (History) value;
        String text = text(h);
        if (h.epochs().isEmpty()) return MimeBundle.plain(text);
        return MimeBundle.plain(text).with(MimeBundle.HTML, html(h)
                + (h.stoppedEarly() ? "<p>" + Html.escape("stopped: " + h.stopReason()) + "</p>" : ""));
    }

    /**
     * The epochs as an HTML table, with the text's figures and each epoch's samples/s, the first and
     * last {@link TableRenderer#ROWS} / 2 where there are more. Not through {@link History#toTable()}:
     * the first Tablesaw table of a JVM runs Tablesaw's class-path scan for its file readers (0.7-0.8 s
     * and 1.4 s of CPU on two cores, a fresh JVM with jinn's jars), and every first fit's result
     * is shown as this table, so a learner paid that after their first epoch without ever using
     * Tablesaw.
     */
    static String html(History h) {
        List<String> lines = h.toString().stripTrailing().lines().toList();
        List<String> header = new ArrayList<>(List.of(lines.get(0).trim().split("\\s+")));
        header.add("samples/s");
        int n = h.epochs().size();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (n > TableRenderer.ROWS && i == TableRenderer.ROWS / 2) {
                rows.add(null);
                i = n - TableRenderer.ROWS / 2;
            }
            List<String> row = new ArrayList<>(List.of(lines.get(1 + i).trim().split("\\s+")));
            row.add(String.format(java.util.Locale.ROOT, "%.0f", h.epochs().get(i).samplesPerSecond()));
            rows.add(row);
        }
        return Html.table(n + (n == 1 ? " epoch" : " epochs"), header, rows);
    }

    private static String text(History h) {
        int n = h.epochs().size();
        if (n == 0) return "history: no epoch finished yet";
        List<String> lines = h.toString().stripTrailing().lines().toList();
        // History.toString: a header, one line per epoch, then possibly a "stopped: ..." line.
        List<String> shown = new ArrayList<>();
        shown.add(n + (n == 1 ? " epoch" : " epochs"));
        shown.add(lines.get(0));
        List<String> rows = lines.subList(1, 1 + n);
        if (n <= HEAD + TAIL + 1) {
            shown.addAll(rows);
        } else {
            shown.addAll(rows.subList(0, HEAD));
            shown.add("   ... (" + (n - HEAD - TAIL) + " more epochs; toTable() has them all)");
            shown.addAll(rows.subList(n - TAIL, n));
        }
        shown.addAll(lines.subList(1 + n, lines.size()));
        return String.join("\n", shown);
    }
}
