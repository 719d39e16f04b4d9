package jinn.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TablesTest {

    @TempDir Path dir;

    private Path iris() throws IOException {
        return Files.writeString(dir.resolve("iris.csv"), """
                sepal_length,sepal_width,petal_length,petal_width,species
                5.1,3.5,1.4,0.2,setosa
                7.0,3.2,4.7,1.4,versicolor
                6.3,3.3,6.0,2.5,virginica
                4.9,3.0,1.4,0.2,setosa
                6.4,3.2,4.5,1.5,versicolor
                """);
    }

    @Test
    void csvWithATextLabelBecomesClasses() throws IOException {
        Dataset d = Tables.classification(iris(), "species");
        assertEquals("iris.csv", d.name());
        assertEquals(5, d.size());
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), d.featureNames());
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertArrayEquals(new int[]{0, 1, 2, 0, 1}, d.labels());
        assertArrayEquals(new float[]{7.0f, 3.2f, 4.7f, 1.4f}, d.row(1));
        assertArrayEquals(new float[]{0, 0, 1}, d.oneHot().rows(2, 3).toArray(), "one-hot of the categorical label");
    }

    @Test
    void chosenFeaturesInTheOrderGiven() throws IOException {
        Dataset d = Tables.classification(iris(), "species", "petal_width", "sepal_length");
        assertEquals(List.of("petal_width", "sepal_length"), d.featureNames());
        assertArrayEquals(new float[]{2.5f, 6.3f}, d.row(2));
        Dataset loose = Tables.classification(iris(), "SPECIES", "Petal_Width");
        assertEquals(List.of("petal_width"), loose.featureNames(), "a unique case-insensitive match is accepted");
    }

    @Test
    void wrongColumnNamesListTheColumns() throws IOException {
        Path csv = iris();
        var e = assertThrows(IllegalArgumentException.class, () -> Tables.classification(csv, "specie"));
        assertEquals("iris.csv has no column 'specie'; its columns are: sepal_length, sepal_width, petal_length, petal_width, species",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tables.classification(csv, "species", "petal_lenght"));
        assertEquals("iris.csv has no column 'petal_lenght'; its columns are: sepal_length, sepal_width, petal_length, petal_width, species",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tables.classification(csv, "species", "species"));
        assertEquals("iris.csv: 'species' cannot be both the label and a feature", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tables.regression(csv, "sepal_length", "species"));
        assertEquals("iris.csv: feature column 'species' holds text; features must be numbers (or booleans)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tables.regression(csv, "sepal_length"));
        assertEquals("iris.csv: features must be numbers, but species (text) are not; name the feature columns to use",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tables.regression(csv, "species", "sepal_length"));
        assertEquals("iris.csv: the regression target 'species' holds text, not numbers; use Tables.classification for class labels",
                e.getMessage());
    }

    @Test
    void missingValuesNameColumnRowAndLine() throws IOException {
        Path csv = Files.writeString(dir.resolve("gaps.csv"), """
                a,b,label
                1,2,x
                3,4,y
                5,,x
                """);
        var e = assertThrows(IllegalArgumentException.class, () -> Tables.classification(csv, "label"));
        assertEquals(csv + ", line 4: missing value in column 'b' (row 2 of the data)", e.getMessage());

        Table t = Table.create("people", DoubleColumn.create("age", 30, 40), StringColumn.create("group", "a", ""));
        e = assertThrows(IllegalArgumentException.class, () -> Tables.classification(t, "group"));
        assertEquals("people: missing value in column 'group' at row 1", e.getMessage());
    }

    @Test
    void numericLabelsAreClassIndicesAndNumericTargetsRegress() throws IOException {
        Path csv = Files.writeString(dir.resolve("houses.csv"), """
                rooms,area,garden,price,kind
                3,70.5,true,250000,2
                5,120,false,410000.5,0
                2,48,true,180000,2
                """);
        Dataset classes = Tables.classification(csv, "kind", "rooms", "area");
        assertEquals(List.of("0", "1", "2"), classes.classNames(), "whole numbers are used as class indices");
        assertArrayEquals(new int[]{2, 0, 2}, classes.labels());

        Dataset prices = Tables.regression(csv, "price", "rooms", "area", "garden");
        assertFalse(prices.isClassification());
        assertArrayEquals(new float[]{250000f, 410000.5f, 180000f}, prices.targets());
        assertArrayEquals(new float[]{5, 120, 0}, prices.row(1), "booleans are 0/1");

        var e = assertThrows(IllegalArgumentException.class, () -> Tables.classification(csv, "area", "rooms"));
        assertEquals("houses.csv: label column 'area' holds 70.5 at row 0; numeric class labels must be whole numbers"
                + " 0, 1, 2, ... (use Tables.regression for a numeric target)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tables.classification(csv, "price", "rooms"));
        assertEquals("houses.csv: label column 'price' holds 250000 at row 0; as a class index that would mean more than"
                + " 100000 classes (use Tables.regression for a numeric target)", e.getMessage());
    }

    @Test
    void tablesRoundTrip() {
        Table t = Table.create("flags",
                DoubleColumn.create("x", 1.5, -2, 0.25),
                BooleanColumn.create("on", true, false, true),
                StringColumn.create("colour", "red", "blue", "red"));
        Dataset d = Tables.classification(t, "colour");
        assertEquals(List.of("blue", "red"), d.classNames());
        assertArrayEquals(new float[]{1.5f, 1, -2, 0, 0.25f, 1}, d.featureArray());
        Table back = Tables.toTable(d);
        assertEquals(List.of("x", "on", "label"), back.columnNames());
        assertEquals("red", back.stringColumn("label").get(2));
        Dataset again = Tables.classification(back, "label");
        assertArrayEquals(d.featureArray(), again.featureArray());
        assertArrayEquals(d.labels(), again.labels());

        Table reg = Tables.toTable(Dataset.of(new float[][]{{1}, {2}}, new float[]{3, 4}));
        assertEquals(List.of("x0", "target"), reg.columnNames());
        assertEquals(4.0, reg.doubleColumn("target").get(1));
    }

    @Test
    void missingCsvFile() {
        Path csv = dir.resolve("absent.csv");
        var e = assertThrows(DataFileException.class, () -> Tables.classification(csv, "y"));
        assertEquals(csv + ": no such file", e.getMessage());
    }

    // ------------------------------------------------------------------ CSV read as data (issue 17)

    @Test
    void aRowStartingWithHashIsDataUnlessCommentsAreAsked() throws IOException {
        Path csv = Files.writeString(dir.resolve("tags.csv"), "tag,x\n#red,1\n#blue,2\nplain,3\n");
        Dataset d = Tables.classification(csv, "tag");
        assertEquals(List.of("#blue", "#red", "plain"), d.classNames(), "no class vanished");
        assertEquals(3, d.size());
        Table t = Tables.readCsv(csv, CsvFormat.DEFAULT.commentPrefix("#"));
        assertEquals(1, t.rowCount());
    }

    @Test
    void aQuotedDecimalCommaIsNotAThousandsSeparatorUnlessAsked() throws IOException {
        Path csv = Files.writeString(dir.resolve("eu.csv"), "x,y\n\"1,5\",1\n\"2,25\",0\n");
        Table t = Tables.readCsv(csv);
        assertEquals("1,5", t.stringColumn("x").get(0), "kept as text, not read as 15.0");
        var e = assertThrows(IllegalArgumentException.class, () -> Tables.regression(csv, "y"));
        assertEquals("eu.csv: features must be numbers, but x (text) are not; name the feature columns to use", e.getMessage());

        Path us = Files.writeString(dir.resolve("us.csv"), "x,y\n\"1,234.5\",1\n\"12,000\",0\n");
        Table grouped = Tables.readCsv(us, CsvFormat.DEFAULT.thousandsSeparator(','));
        assertEquals(1234.5, grouped.doubleColumn("x").get(0));
        assertEquals(12000.0, grouped.doubleColumn("x").get(1));
        assertEquals("1,5", Tables.readCsv(csv, CsvFormat.DEFAULT.thousandsSeparator(',')).stringColumn("x").get(0),
                "a separator must group three digits");
    }

    @Test
    void latin1IsDetectedOrNamedNeverReplaced() throws IOException {
        Path csv = Files.write(dir.resolve("latin1.csv"), "x,label\n1,caf\u00e9\n2,na\u00efve\n3,\u00fcber\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(List.of("caf\u00e9", "na\u00efve", "\u00fcber"), Tables.classification(csv, "label").classNames());
        assertEquals("caf\u00e9", Tables.readCsv(csv, CsvFormat.DEFAULT.encoding(java.nio.charset.StandardCharsets.ISO_8859_1))
                .stringColumn("label").get(0));
        Path utf8 = Files.writeString(dir.resolve("utf8.csv"), "\ufeffx,label\n1,\u5c42\n");
        Table t = Tables.readCsv(utf8);
        assertEquals(List.of("x", "label"), t.columnNames(), "a byte order mark is no part of the first name");
        assertEquals("\u5c42", t.stringColumn("label").get(0));
    }

    @Test
    void lineNumbersCountTheLinesOfQuotedMultiLineFields() throws IOException {
        Path csv = Files.writeString(dir.resolve("notes.csv"), "a,note,label\n1,\"two\nlines\",x\n2,\"three\nmore\nlines\",y\n,ok,x\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Tables.classification(csv, "label", "a"));
        assertEquals(csv + ", line 7: missing value in column 'a' (row 2 of the data)", e.getMessage());
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "a,b\n1,\"x\ny\"\n1,2,3\n");
        var e2 = assertThrows(DataFileException.class, () -> Tables.readCsv(ragged));
        assertEquals(ragged + ", line 4: 3 fields, expected 2 as in the header", e2.getMessage());
        Path open = Files.writeString(dir.resolve("open.csv"), "a,b\n1,2\n3,\"never closed\n4,5\n");
        e2 = assertThrows(DataFileException.class, () -> Tables.readCsv(open));
        assertEquals(open + ", line 3: a quoted field opened here is not closed by the end of the file", e2.getMessage());
    }

    @Test
    void anEmptyFileOrAHeaderAloneIsAClearError() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        var e = assertThrows(DataFileException.class, () -> Tables.classification(empty, "y"));
        assertEquals(empty + ": the file is empty; expected a header line naming the columns, then data rows", e.getMessage());
        Path header = Files.writeString(dir.resolve("header.csv"), "a,b,y\n");
        e = assertThrows(DataFileException.class, () -> Tables.classification(header, "y"));
        assertEquals(header + ": only a header line (3 columns: a, b, y), no data rows", e.getMessage());
        Path twice = Files.writeString(dir.resolve("twice.csv"), "a,b,A\n1,2,3\n");
        e = assertThrows(DataFileException.class, () -> Tables.readCsv(twice));
        assertEquals(twice + ", line 1: the column name 'A' appears twice (columns 1 and 3); column names must differ (ignoring case)",
                e.getMessage());
    }

    @Test
    void twentyThousandColumnsAreRead() throws IOException {
        int width = 19_999; // and the label: 20,000 columns
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < width; j++) sb.append("f").append(j).append(',');
        sb.append("label\n");
        for (int r = 0; r < 3; r++) {
            for (int j = 0; j < width; j++) sb.append(r + j % 7).append(',');
            sb.append(r % 2).append('\n');
        }
        Path csv = Files.writeString(dir.resolve("wide.csv"), sb);
        Dataset d = Tables.classification(csv, "label");
        assertEquals(width, d.featureCount());
        assertEquals(3, d.size());
        assertEquals(2f + 19_998 % 7, d.row(2)[19_998]);
        Path wider = Files.writeString(dir.resolve("wider.csv"), "x,".repeat(20_000) + "y\n" + "1,".repeat(20_000) + "2\n");
        var e = assertThrows(DataFileException.class, () -> Tables.readCsv(wider));
        assertEquals(wider + ", line 1: the header names 20001 columns, more than the 20000 jinn reads from a CSV file", e.getMessage());
    }
}
