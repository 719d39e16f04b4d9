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
        return MimeBundle.plain(text).with(MimeBundle.HTML, TableRenderer.html(h.toTable(),
                h.epochs().size() + (h.epochs().size() == 1 ? " epoch" : " epochs"))
                + (h.stoppedEarly() ? "<p>" + Html.escape("stopped: " + h.stopReason()) + "</p>" : ""));
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
