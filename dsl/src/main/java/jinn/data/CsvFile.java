package jinn.data;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A CSV file read as data (RFC 4180: quoted fields may hold the delimiter, quotes doubled, and
 * newlines), into a Tablesaw table whose columns are boolean, int, long, double or text, each the
 * narrowest that holds every value. Each row remembers the file line it starts at, so messages
 * point at lines even after quoted multi-line fields. Every problem is a {@link DataFileException}
 * of one sentence naming the file and, where there is one, the line.
 *
 * <p>Two passes over the text: the first finds each column's type, the second fills typed arrays,
 * so no cell is kept as a string unless its column is text.
 */
final class CsvFile {

    /**
     * The most columns read: Tablesaw checks each added column's name against all before it, so a
     * table of n columns costs n^2 / 2 name comparisons (20,000: about 10 s on a slow core).
     */
    static final int MAX_COLUMNS = 20_000;

    /** Cells that count as missing in any column. */
    static final Set<String> MISSING = Set.of("", "NA", "N/A", "NaN", "null");

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");

    private static final Charset WINDOWS_1252 = Charset.isSupported("windows-1252")
            ? Charset.forName("windows-1252") : StandardCharsets.ISO_8859_1;

    /** The table, and for each row the file line it starts at (1-based). */
    record Read(Table table, int[] lines) {}

    private enum Type { BOOLEAN, INT, LONG, DOUBLE, TEXT }

    private final Path file;
    private final CsvFormat format;
    private final String text;
    private final Pattern grouped;

    private CsvFile(Path file, CsvFormat format, String text) {
        this.file = file;
        this.format = format;
        this.text = text;
        char t = format.thousandsSeparator();
        this.grouped = t == 0 ? null : Pattern.compile("[+-]?\\d{1,3}(" + Pattern.quote(String.valueOf(t))
                + "\\d{3})+(\\.\\d*)?([eE][+-]?\\d+)?");
    }

    static Read read(Path file, CsvFormat format) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file + ": no such file");
        } catch (IOException e) {
            throw new DataFileException(file + ": cannot read: " + e, e);
        } catch (OutOfMemoryError e) {
            throw new DataFileException(file + ": too large to read into memory (" + file.toFile().length() + " bytes)");
        }
        return new CsvFile(file, format, decode(bytes, format.encoding())).parse();
    }

    /** The named encoding, or UTF-8 if the bytes are valid UTF-8 (a BOM dropped), else windows-1252. */
    private static String decode(byte[] bytes, Charset named) {
        if (named != null) return new String(bytes, named);
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            return new String(bytes, WINDOWS_1252);
        }
    }

    // ------------------------------------------------------------------ records

    /** A cursor over the text that yields records (lists of fields) and the line each starts at. */
    private final class Records {
        int pos;
        int line = 1;
        int recordLine;

        /** The next record, or null at the end. Skips blank lines and, if asked, comment lines. */
        List<String> next() {
            while (true) {
                if (pos >= text.length()) return null;
                int eol = lineEnd(pos);
                boolean comment = format.commentPrefix() != null && text.startsWith(format.commentPrefix(), pos);
                if (comment || blank(pos, eol)) {
                    pos = skipNewline(eol);
                    line++;
                    continue;
                }
                break;
            }
            recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            char delimiter = format.delimiter();
            while (true) {
                if (pos < text.length() && text.charAt(pos) == '"' && field.isEmpty()) {
                    int openedLine = line;
                    pos++;
                    while (true) {
                        if (pos >= text.length()) {
                            throw new DataFileException(file + ", line " + openedLine + ": a quoted field opened here is not "
                                    + "closed by the end of the file");
                        }
                        char c = text.charAt(pos);
                        if (c == '"') {
                            if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                                field.append('"');
                                pos += 2;
                                continue;
                            }
                            pos++;
                            break;
                        }
                        if (c == '\n' || (c == '\r' && !(pos + 1 < text.length() && text.charAt(pos + 1) == '\n'))) line++;
                        field.append(c);
                        pos++;
                    }
                    // after the closing quote: the delimiter, the end of the line, or stray text kept as is
                    while (pos < text.length() && text.charAt(pos) != delimiter && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
                        field.append(text.charAt(pos++));
                    }
                }
                int end = pos;
                while (end < text.length()) {
                    char c = text.charAt(end);
                    if (c == delimiter || c == '\n' || c == '\r') break;
                    end++;
                }
                field.append(text, pos, end);
                fields.add(field.toString());
                field.setLength(0);
                pos = end;
                if (pos < text.length() && text.charAt(pos) == delimiter) {
                    pos++;
                    continue;
                }
                pos = skipNewline(pos);
                line++;
                return fields;
            }
        }

        private boolean blank(int from, int to) {
            for (int i = from; i < to; i++) if (!Character.isWhitespace(text.charAt(i))) return false;
            return true;
        }

        private int lineEnd(int from) {
            int i = from;
            while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') i++;
            return i;
        }

        private int skipNewline(int at) {
            if (at < text.length() && text.charAt(at) == '\r') at++;
            if (at < text.length() && text.charAt(at) == '\n') at++;
            return at;
        }
    }

    // ------------------------------------------------------------------ two passes

    private Read parse() {
        Records records = new Records();
        List<String> header = records.next();
        if (header == null) {
            throw new DataFileException(file + ": the file is empty; expected a header line naming the columns, then data rows");
        }
        int width = header.size();
        if (width > MAX_COLUMNS) {
            throw new DataFileException(file + ", line " + records.recordLine + ": the header names " + width
                    + " columns, more than the " + MAX_COLUMNS + " jinn reads from a CSV file");
        }
        List<String> names = columnNames(header);
        Type[] types = new Type[width]; // null: no value seen yet
        int rows = 0;
        for (List<String> r = records.next(); r != null; r = records.next()) {
            if (r.size() != width) {
                throw new DataFileException(file + ", line " + records.recordLine + ": " + r.size() + " fields, expected "
                        + width + " as in the header" + (r.size() == 1 && width > 1 && r.get(0).indexOf(';') >= 0
                        ? " (is the file separated by ';'? then read it with CsvFormat.DEFAULT.delimiter(';'))" : ""));
            }
            for (int j = 0; j < width; j++) {
                String v = r.get(j);
                if (MISSING.contains(v.strip())) continue;
                types[j] = widen(types[j], v.strip());
            }
            rows++;
        }
        if (rows == 0) {
            throw new DataFileException(file + ": only a header line (" + width + (width == 1 ? " column" : " columns")
                    + ": " + brief(names) + "), no data rows");
        }
        for (int j = 0; j < width; j++) if (types[j] == null) types[j] = Type.TEXT;

        Object[] values = new Object[width];
        for (int j = 0; j < width; j++) values[j] = newArray(types[j], rows);
        boolean[][] missing = new boolean[width][rows];
        int[] lines = new int[rows];
        records = new Records();
        records.next(); // the header
        for (int i = 0; i < rows; i++) {
            List<String> r = records.next();
            lines[i] = records.recordLine;
            for (int j = 0; j < width; j++) {
                String v = r.get(j).strip();
                if (MISSING.contains(v)) {
                    missing[j][i] = true;
                    if (types[j] == Type.TEXT) ((String[]) values[j])[i] = "";
                    continue;
                }
                switch (types[j]) {
                    case BOOLEAN -> ((boolean[]) values[j])[i] = v.equalsIgnoreCase("true");
                    case INT -> ((int[]) values[j])[i] = Integer.parseInt(ungrouped(v));
                    case LONG -> ((long[]) values[j])[i] = Long.parseLong(ungrouped(v));
                    case DOUBLE -> ((double[]) values[j])[i] = Double.parseDouble(ungrouped(v));
                    case TEXT -> ((String[]) values[j])[i] = r.get(j);
                }
            }
        }
        Table table = Table.create(file.getFileName().toString());
        for (int j = 0; j < width; j++) table.addColumns(column(names.get(j), types[j], values[j], missing[j]));
        return new Read(table, lines);
    }

    /** The header's names: blank ones become "column N", a name given twice is an error. */
    private List<String> columnNames(List<String> header) {
        List<String> names = new ArrayList<>(header.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < header.size(); j++) {
            String name = header.get(j).strip();
            if (name.isEmpty()) name = "column " + (j + 1);
            Integer before = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), j);
            if (before != null) {
                throw new DataFileException(file + ", line 1: the column name '" + name + "' appears twice (columns "
                        + (before + 1) + " and " + (j + 1) + "); column names must differ (ignoring case)");
            }
            names.add(name);
        }
        return names;
    }

    /** The narrowest type holding what {@code t} held and {@code v}; {@code t} null when nothing was seen yet. */
    private Type widen(Type t, String v) {
        boolean bool = v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
        if (t == Type.TEXT) return t;
        if (t == null && bool || t == Type.BOOLEAN) return bool ? Type.BOOLEAN : Type.TEXT;
        String n = bool ? null : ungrouped(v);
        if (n == null) return Type.TEXT;
        Type number = Type.DOUBLE;
        if (WHOLE.matcher(n).matches()) {
            try {
                Integer.parseInt(n);
                number = Type.INT;
            } catch (NumberFormatException e) {
                try {
                    Long.parseLong(n);
                    number = Type.LONG;
                } catch (NumberFormatException tooLarge) {
                    number = Type.DOUBLE;
                }
            }
        }
        return t == null || number.compareTo(t) > 0 ? number : t;
    }

    /** The number without its (asked-for) thousands separators, or null if {@code v} is no number. */
    private String ungrouped(String v) {
        if (NUMBER.matcher(v).matches()) return v;
        if (grouped != null && grouped.matcher(v).matches()) return v.replace(String.valueOf(format.thousandsSeparator()), "");
        return null;
    }

    private static Object newArray(Type t, int rows) {
        return switch (t) {
            case BOOLEAN -> new boolean[rows];
            case INT -> new int[rows];
            case LONG -> new long[rows];
            case DOUBLE -> new double[rows];
            case TEXT -> new String[rows];
        };
    }

    private static Column<?> column(String name, Type t, Object values, boolean[] missing) {
        Column<?> c = switch (t) {
            case BOOLEAN -> BooleanColumn.create(name, (boolean[]) values);
            case INT -> IntColumn.create(name, (int[]) values);
            case LONG -> LongColumn.create(name, (long[]) values);
            case DOUBLE -> DoubleColumn.create(name, (double[]) values);
            case TEXT -> StringColumn.create(name, (String[]) values);
        };
        for (int i = 0; i < missing.length; i++) if (missing[i]) c.setMissing(i);
        return c;
    }

    private static String brief(List<String> names) {
        return names.size() <= 10 ? String.join(", ", names) : String.join(", ", names.subList(0, 10)) + ", ...";
    }
}
