package jinn.data;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * CSV files and Tablesaw tables as data sets, and data sets back as tables.
 *
 * <pre>{@code
 * var iris = Tables.classification(Path.of("iris.csv"), "species");        // every other column a feature
 * var houses = Tables.regression(table, "price", "rooms", "area");         // chosen features
 * iris.classNames()                                                        // [setosa, versicolor, virginica]
 * }</pre>
 *
 * <p>Features must be numeric (or boolean, read as 0/1). A classification label column holding
 * text or booleans becomes class indices over its sorted distinct values; one holding non-negative
 * whole numbers is used as the class index itself (classes "0" .. max), so a test file lacking a
 * class still maps each digit to the same index. A missing value anywhere in the chosen columns is
 * an error naming the column and the row.
 */
public final class Tables {

    /** Numeric labels are class indices; beyond this many classes they are surely a numeric target. */
    static final int MAX_NUMERIC_CLASSES = 100_000;

    private Tables() {}

    /**
     * Reads a CSV file with a header row in the {@link CsvFormat#DEFAULT default format}; the table
     * is named after the file. A problem with the file is a {@link DataFileException} naming the file,
     * the line and the problem.
     */
    public static Table readCsv(Path file) {
        return readCsv(file, CsvFormat.DEFAULT);
    }

    /** Reads a CSV file with a header row written in {@code format}. */
    public static Table readCsv(Path file, CsvFormat format) {
        return CsvFile.read(file, format).table();
    }

    /** A classification data set from a CSV file; no feature names means every column but the label. */
    public static Dataset classification(Path csv, String label, String... features) {
        return classification(csv, CsvFormat.DEFAULT, label, features);
    }

    /** A classification data set from a CSV file written in {@code format}. */
    public static Dataset classification(Path csv, CsvFormat format, String label, String... features) {
        CsvFile.Read read = CsvFile.read(csv, format);
        return withLines(csv, read.lines(), () -> classification(read.table(), label, features));
    }

    /** A regression data set from a CSV file; no feature names means every column but the target. */
    public static Dataset regression(Path csv, String target, String... features) {
        return regression(csv, CsvFormat.DEFAULT, target, features);
    }

    /** A regression data set from a CSV file written in {@code format}. */
    public static Dataset regression(Path csv, CsvFormat format, String target, String... features) {
        CsvFile.Read read = CsvFile.read(csv, format);
        return withLines(csv, read.lines(), () -> regression(read.table(), target, features));
    }

    /** A classification data set from a table; no feature names means every column but the label. */
    public static Dataset classification(Table table, String label, String... features) {
        Column<?> labelColumn = column(table, label);
        List<Column<?>> featureColumns = features(table, labelColumn, features);
        float[] x = featureValues(table, featureColumns);
        int n = table.rowCount();
        int[] y = new int[n];
        List<String> classes = classes(table, labelColumn, y);
        return Dataset.classification(table.name(), x, n, featureColumns.size(), y, classes)
                .withFeatureNames(featureColumns.stream().map(Column::name).toList());
    }

    /** A regression data set from a table; the target column must be numeric. */
    public static Dataset regression(Table table, String target, String... features) {
        Column<?> targetColumn = column(table, target);
        if (!(targetColumn instanceof NumericColumn<?> numeric)) {
            throw new IllegalArgumentException(table.name() + ": the regression target '" + targetColumn.name()
                    + "' holds " + typeName(targetColumn) + ", not numbers; use Tables.classification for class labels");
        }
        List<Column<?>> featureColumns = features(table, targetColumn, features);
        float[] x = featureValues(table, featureColumns);
        int n = table.rowCount();
        float[] y = new float[n];
        for (int r = 0; r < n; r++) {
            checkPresent(table, targetColumn, r);
            y[r] = (float) numeric.getDouble(r);
        }
        return Dataset.regression(table.name(), x, n, featureColumns.size(), y, 1)
                .withFeatureNames(featureColumns.stream().map(Column::name).toList());
    }

    /** The data set as a table: one column per feature, then "label" (class names) or "target". */
    public static Table toTable(Dataset data) {
        Table table = Table.create(data.name());
        int n = data.size(), d = data.featureCount();
        float[] x = data.features();
        for (int j = 0; j < d; j++) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) values[i] = x[i * d + j];
            table.addColumns(DoubleColumn.create(data.featureNames().get(j), values));
        }
        if (data.isClassification()) {
            String[] names = new String[n];
            for (int i = 0; i < n; i++) names[i] = data.className(i);
            table.addColumns(StringColumn.create(uniqueName(table, "label"), names));
        } else {
            float[] t = data.targets();
            int w = data.targetWidth();
            for (int k = 0; k < w; k++) {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) values[i] = t[i * w + k];
                table.addColumns(DoubleColumn.create(uniqueName(table, w == 1 ? "target" : "target" + k), values));
            }
        }
        return table;
    }

    private static String uniqueName(Table table, String name) {
        String candidate = name;
        for (int i = 2; table.containsColumn(candidate); i++) candidate = name + i;
        return candidate;
    }

    // ------------------------------------------------------------------ columns

    /** The column called {@code name}: exact match first, else a unique case-insensitive one. */
    static Column<?> column(Table table, String name) {
        List<String> names = table.columnNames();
        if (names.contains(name)) return table.column(name);
        List<String> loose = names.stream().filter(c -> c.equalsIgnoreCase(name)).toList();
        if (loose.size() == 1) return table.column(loose.get(0));
        throw new IllegalArgumentException(table.name() + " has no column '" + name + "'; its columns are: "
                + String.join(", ", names));
    }

    private static List<Column<?>> features(Table table, Column<?> label, String[] names) {
        List<Column<?>> columns = new ArrayList<>();
        if (names.length == 0) {
            List<String> text = new ArrayList<>();
            for (Column<?> c : table.columns()) {
                if (c == label) continue;
                if (isNumeric(c)) columns.add(c);
                else text.add(c.name() + " (" + typeName(c) + ")");
            }
            if (!text.isEmpty()) {
                throw new IllegalArgumentException(table.name() + ": features must be numbers, but " + String.join(", ", text)
                        + " are not; name the feature columns to use");
            }
            if (columns.isEmpty()) {
                throw new IllegalArgumentException(table.name() + ": no feature columns besides '" + label.name() + "'");
            }
            return columns;
        }
        for (String name : names) {
            Column<?> c = column(table, name);
            if (c == label) {
                throw new IllegalArgumentException(table.name() + ": '" + c.name() + "' cannot be both the label and a feature");
            }
            if (!isNumeric(c)) {
                throw new IllegalArgumentException(table.name() + ": feature column '" + c.name() + "' holds "
                        + typeName(c) + "; features must be numbers (or booleans)");
            }
            if (columns.contains(c)) {
                throw new IllegalArgumentException(table.name() + ": feature column '" + c.name() + "' is named twice");
            }
            columns.add(c);
        }
        return columns;
    }

    private static boolean isNumeric(Column<?> c) {
        return c instanceof NumericColumn<?> || c instanceof BooleanColumn;
    }

    private static String typeName(Column<?> c) {
        return c instanceof StringColumn ? "text" : c.type().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static float[] featureValues(Table table, List<Column<?>> columns) {
        int n = table.rowCount(), d = columns.size();
        float[] x = new float[n * d];
        for (int j = 0; j < d; j++) {
            Column<?> c = columns.get(j);
            for (int r = 0; r < n; r++) {
                checkPresent(table, c, r);
                double v = c instanceof BooleanColumn b ? (b.get(r) ? 1 : 0) : ((NumericColumn<?>) c).getDouble(r);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(table.name() + ": value " + v + " in column '" + c.name()
                            + "' at row " + r + " is not a finite number");
                }
                x[r * d + j] = (float) v;
            }
        }
        return x;
    }

    private static void checkPresent(Table table, Column<?> c, int row) {
        if (c.isMissing(row)) {
            throw new MissingValue(table.name(), c.name(), row);
        }
    }

    /** Fills {@code y} with class indices and returns the class names. */
    private static List<String> classes(Table table, Column<?> label, int[] y) {
        int n = table.rowCount();
        for (int r = 0; r < n; r++) checkPresent(table, label, r);
        if (label instanceof NumericColumn<?> numeric) {
            int max = -1;
            for (int r = 0; r < n; r++) {
                double v = numeric.getDouble(r);
                if (v < 0 || v != Math.rint(v)) {
                    throw new IllegalArgumentException(table.name() + ": label column '" + label.name() + "' holds "
                            + label.getString(r) + " at row " + r + "; numeric class labels must be whole numbers 0, 1, 2, ..."
                            + " (use Tables.regression for a numeric target)");
                }
                if (v >= MAX_NUMERIC_CLASSES) {
                    throw new IllegalArgumentException(table.name() + ": label column '" + label.name() + "' holds "
                            + label.getString(r) + " at row " + r + "; as a class index that would mean more than "
                            + MAX_NUMERIC_CLASSES + " classes (use Tables.regression for a numeric target)");
                }
                y[r] = (int) v;
                max = Math.max(max, y[r]);
            }
            List<String> names = new ArrayList<>();
            for (int c = 0; c <= max; c++) names.add(Integer.toString(c));
            return names;
        }
        TreeSet<String> distinct = new TreeSet<>();
        for (int r = 0; r < n; r++) distinct.add(label.getString(r));
        Map<String, Integer> index = new TreeMap<>();
        for (String s : distinct) index.put(s, index.size());
        for (int r = 0; r < n; r++) y[r] = index.get(label.getString(r));
        return List.copyOf(distinct);
    }

    // ------------------------------------------------------------------ missing values with CSV line numbers

    /** A missing value; CSV readers add the line number. */
    private static final class MissingValue extends IllegalArgumentException {
        final String table;
        final String column;
        final int row;

        MissingValue(String table, String column, int row) {
            super(table + ": missing value in column '" + column + "' at row " + row);
            this.table = table;
            this.column = column;
            this.row = row;
        }
    }

    private static Dataset withLines(Path csv, int[] lines, java.util.function.Supplier<Dataset> read) {
        try {
            return read.get();
        } catch (MissingValue e) {
            throw new IllegalArgumentException(csv + ", line " + lines[e.row] + ": missing value in column '" + e.column
                    + "' (row " + e.row + " of the data)", e);
        }
    }
}
