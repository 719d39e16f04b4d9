package jinn.repl.display;

import tech.tablesaw.api.Table;

/** A Tablesaw table as a text table with its size; longer tables show their head and tail (Tablesaw's "..."). */
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
        return size + "\n" + t.print(ROWS).stripTrailing();
    }
}
