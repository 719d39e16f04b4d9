package jinn.data;

import java.nio.charset.Charset;

/**
 * How a CSV file is written, for {@link Tables#readCsv(java.nio.file.Path, CsvFormat)}. The default
 * reads data as it is: comma-separated, every line a row (none is a comment), numbers with a
 * decimal point and no thousands separator, UTF-8 unless the file is not valid UTF-8, in which case
 * it is read as windows-1252 (Latin-1 plus the Windows quotes and euro sign) rather than replacing
 * characters.
 *
 * <pre>{@code
 * Tables.readCsv(Path.of("sales.csv"), CsvFormat.DEFAULT.delimiter(';').thousandsSeparator(',').encoding(ISO_8859_1))
 * Tables.readCsv(Path.of("log.csv"), CsvFormat.DEFAULT.commentPrefix("#"))     // lines starting with # are skipped
 * }</pre>
 *
 * @param delimiter          the field separator
 * @param encoding           the file's character set; {@code null}: UTF-8, else windows-1252 (detected)
 * @param commentPrefix      lines starting with it are skipped; {@code null}: no comment lines
 * @param thousandsSeparator grouping character accepted between groups of three digits ({@code 1,234.5}); 0: none.
 *                           Never '.', the decimal point.
 */
public record CsvFormat(char delimiter, Charset encoding, String commentPrefix, char thousandsSeparator) {

    public static final CsvFormat DEFAULT = new CsvFormat(',', null, null, (char) 0);

    public CsvFormat {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("CsvFormat: the delimiter cannot be " + printable(delimiter));
        }
        if (commentPrefix != null && commentPrefix.isEmpty()) {
            throw new IllegalArgumentException("CsvFormat: an empty comment prefix would make every line a comment");
        }
        if (thousandsSeparator != 0 && (thousandsSeparator == '.'  || thousandsSeparator == '"'
                || Character.isDigit(thousandsSeparator) || thousandsSeparator == '-' || thousandsSeparator == '+')) {
            throw new IllegalArgumentException("CsvFormat: the thousands separator cannot be " + printable(thousandsSeparator));
        }
    }

    public CsvFormat delimiter(char c) { return new CsvFormat(c, encoding, commentPrefix, thousandsSeparator); }

    public CsvFormat encoding(Charset cs) { return new CsvFormat(delimiter, cs, commentPrefix, thousandsSeparator); }

    public CsvFormat commentPrefix(String prefix) { return new CsvFormat(delimiter, encoding, prefix, thousandsSeparator); }

    public CsvFormat thousandsSeparator(char c) { return new CsvFormat(delimiter, encoding, commentPrefix, c); }

    private static String printable(char c) {
        return c == '\n' ? "a newline" : c == '\r' ? "a carriage return" : "'" + c + "'";
    }
}
