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
        if (h.epochs().isEmpty()) return MimeBundle.plain("history: no epoch finished yet");
        // History.toString: a header, one line per epoch, then possibly a "stopped: ..." line.
        List<String> lines = h.toString().stripTrailing().lines().toList();
        return MimeBundle.plain(text(h, lines)).with(MimeBundle.HTML, html(h, lines)
                + (h.stoppedEarly() ? "<p>" + Html.escape("stopped: " + h.stopReason()) + "</p>" : ""));
    }

    /**
     * The epochs as an HTML table, with the text's figures and each epoch's samples/s, the first and
     * last {@link TableRenderer#ROWS} / 2 where there are more ({@link TableRenderer#shownRows}), from
     * {@code lines}, its {@code toString()}'s. Not through {@link History#toTable()}:
     * the first Tablesaw table of a JVM runs Tablesaw's class-path scan for its file readers (0.7-0.8 s
     * and 1.4 s of CPU on two cores, a fresh JVM with jinn's jars), and every first fit's result
     * is shown as this table, so a learner paid that after their first epoch without ever using
     * Tablesaw.
     */
    private static String html(History h, List<String> lines) {
        List<String> header = new ArrayList<>(List.of(lines.get(0).trim().split("\\s+")));
        header.add("samples/s");
        List<List<String>> rows = new ArrayList<>();
        for (int i : TableRenderer.shownRows(h.epochs().size())) {
            if (i < 0) {
                rows.add(null);
                continue;
            }
            List<String> row = new ArrayList<>(List.of(lines.get(1 + i).trim().split("\\s+")));
            row.add(String.format(java.util.Locale.ROOT, "%.0f", h.epochs().get(i).samplesPerSecond()));
            rows.add(row);
        }
        return Html.table(epochs(h.epochs().size()), header, rows);
    }

    private static String epochs(int n) {
        return n + (n == 1 ? " epoch" : " epochs");
    }

    private static String text(History h, List<String> lines) {
        int n = h.epochs().size();
        List<String> shown = new ArrayList<>();
        shown.add(epochs(n));
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
