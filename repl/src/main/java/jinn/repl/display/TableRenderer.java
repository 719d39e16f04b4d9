package jinn.repl.display;

import tech.tablesaw.api.Table;

/** A Tablesaw table as a text table with its size, at most {@value #ROWS} rows. */
final class TableRenderer implements DisplayRenderer {

    static final int ROWS = 20;

    @Override
    public boolean accepts(Object value) {
        return value instanceof Table;
    }

    @Override
    public String render(Object value, DisplayContext context) {
        Table t = (Table) value;
        String size = t.rowCount() + " rows × " + t.columnCount() + " columns";
        String text = t.print(ROWS).stripTrailing();
        if (t.rowCount() > ROWS) text += "\n... (" + (t.rowCount() - ROWS) + " more rows)";
        return size + "\n" + text;
    }
}
