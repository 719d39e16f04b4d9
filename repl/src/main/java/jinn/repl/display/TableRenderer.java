package jinn.repl.display;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;

/** A Tablesaw table as a text table with its size; longer tables show their head and tail (Tablesaw's "..."). */
final class TableRenderer implements DisplayRenderer {

    static final int ROWS = 20;

    @Override
    public boolean accepts(Object value) {
        return value instanceof Table;
    }

    @Override
    public MimeBundle render(Object value, DisplayContext context) {
        Table t = (Table) value;
        String size = t.rowCount() + " rows × " + t.columnCount() + " columns";
        return MimeBundle.plain(size + "\n" + t.print(ROWS).stripTrailing()).with(MimeBundle.HTML, html(t, size));
    }

    /**
     * Which of n rows an HTML table shows: all up to {@link #ROWS}, else the first and last ROWS / 2
     * around a -1 that stands for the rows left out.
     */
    static List<Integer> shownRows(int n) {
        List<Integer> shown = new ArrayList<>();
        if (n <= ROWS) {
            for (int i = 0; i < n; i++) shown.add(i);
        } else {
            for (int i = 0; i < ROWS / 2; i++) shown.add(i);
            shown.add(-1);
            for (int i = n - ROWS / 2; i < n; i++) shown.add(i);
        }
        return shown;
    }

    /** The same head and tail as the text, as an HTML table. */
    static String html(Table t, String size) {
        List<List<String>> rows = new ArrayList<>();
        for (int i : shownRows(t.rowCount())) {
            if (i < 0) {
                rows.add(null);
                continue;
            }
            List<String> row = new ArrayList<>();
            for (int c = 0; c < t.columnCount(); c++) row.add(t.column(c).getString(i));
            rows.add(row);
        }
        String caption = (t.name() == null || t.name().isBlank() ? "" : t.name() + ": ") + size;
        return Html.table(caption, t.columnNames(), rows);
    }
}
