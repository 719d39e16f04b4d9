package jinn.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A notebook: a plain {@code .jsh} file that JShell itself could load, cut into cells by
 * jupytext "percent" markers.
 *
 * <pre>{@code
 * // %% [markdown]
 * // # The perceptron
 * // A neuron that fires when the weighted sum passes a threshold.
 *
 * // %%
 * var p = perceptron();
 * p.train(and())
 * }</pre>
 *
 * {@code // %%} starts a code cell (anything after it on the line is a title and is ignored),
 * {@code // %% [markdown]} a markdown cell whose lines start with {@code //}. A file without
 * markers is one code cell. Every cell remembers the file line it starts at, so errors point at
 * the line the user wrote.
 */
public record Notebook(String name, List<Cell> cells) {

    private static final Pattern MARKER = Pattern.compile("^\\s*//\\s?%%(.*)$");
    /**
     * What ends a line for javac and JShell: not {@code \\R}, which also splits at U+2028, U+0085
     * and form feeds, inside a comment or a string, and would turn the rest into code or a marker.
     */
    static final String LINE_END = "\r\n|\r|\n";

    /** A prose line as toJsh escapes it: one or more backslashes, then %%. */
    private static final Pattern ESCAPED_PERCENTS = Pattern.compile("^\\\\+%%.*$", Pattern.DOTALL);

    private static final Pattern MARKDOWN = Pattern.compile("\\[\\s*(markdown|md)\\s*]");

    public Notebook {
        cells = List.copyOf(cells);
    }

    /** Reads and parses a notebook file; its name (for messages) is the path as given. */
    public static Notebook read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("notebook " + file + ": cannot read it: " + e.getMessage(), e);
        }
    }

    /**
     * Parses notebook text; {@code name} is what error messages call the file. A code cell that ends
     * inside a block comment or a text block is an error naming the line that opened it: its
     * closing would be in a later cell, and the code between would silently never run.
     */
    public static Notebook parse(String text, String name) {
        String[] lines = GeneratedFile.unstamped(text).split(LINE_END, -1);
        int n = lines.length;
        if (n > 0 && lines[n - 1].isEmpty()) n--; // the newline that ends the last line starts no line
        List<Cell> cells = new ArrayList<>();
        Cell.Kind kind = Cell.Kind.CODE;
        int start = 0; // index of the first line of the current cell's body
        boolean marked = false;
        for (int i = 0; i <= n; i++) {
            Matcher m = i < n ? MARKER.matcher(lines[i]) : null;
            if (i == n || m.matches()) {
                // Lines before the first marker form a cell only when they hold something.
                if (marked || !blank(lines, start, i)) cells.add(checked(cell(kind, lines, start, i), name, i < n ? i + 1 : -1));
                if (i == n) break;
                marked = true;
                kind = MARKDOWN.matcher(m.group(1)).find() ? Cell.Kind.MARKDOWN : Cell.Kind.CODE;
                start = i + 1;
            }
        }
        return new Notebook(name, cells);
    }

    private static Cell checked(Cell cell, String name, int nextMarkerLine) {
        if (cell.kind() != Cell.Kind.CODE) return cell;
        JavaLines java = JavaLines.of(cell.source());
        if (java.end() == JavaLines.State.CODE) return cell;
        int opened = cell.firstLine() + java.endOpenedAt();
        throw new IllegalArgumentException(name + ", line " + opened + ": " + java.end().opened() + " opened here is not closed "
                + (nextMarkerLine > 0 ? "before the cell marker at line " + nextMarkerLine + "; close it, or the code after "
                + "that marker would never run" : "by the end of the file; close it"));
    }

    private static boolean blank(String[] lines, int from, int to) {
        for (int i = from; i < to; i++) if (!lines[i].isBlank()) return false;
        return true;
    }

    private static Cell cell(Cell.Kind kind, String[] lines, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) sb.append('\n');
            sb.append(kind == Cell.Kind.MARKDOWN ? uncomment(lines[i]) : lines[i]);
        }
        return new Cell(kind, sb.toString(), from + 1);
    }

    /** "// text" → "text", "//" → "", anything else (a line someone forgot to comment) stays as it is. */
    static String uncomment(String line) {
        String s = line.stripLeading();
        if (!s.startsWith("//")) return line;
        s = s.substring(2);
        s = s.startsWith(" ") ? s.substring(1) : s;
        // toJsh writes a prose line "%%..." as "// \%%..." (else it would read as a marker), "\%%" as "\\%%": undo it
        return ESCAPED_PERCENTS.matcher(s).matches() ? s.substring(1) : s;
    }

    /** The code cells only. */
    public List<Cell> codeCells() {
        return cells.stream().filter(c -> c.kind() == Cell.Kind.CODE).toList();
    }

    /**
     * The notebook as {@code .jsh} text in the percent format: every cell behind its marker,
     * markdown lines commented, cells separated by a blank line. {@link #parse} reads it back to
     * the same cells (their trimmed text).
     */
    public String toJsh() {
        StringBuilder sb = new StringBuilder();
        for (Cell c : cells) {
            if (!sb.isEmpty()) sb.append('\n');
            String body = c.trimmed();
            if (c.kind() == Cell.Kind.MARKDOWN) {
                sb.append("// %% [markdown]\n");
                for (String l : body.split(LINE_END, -1)) {
                    // a prose line starting with %% would read back as a cell marker: a backslash before it
                    // (and one more before any there are), which uncomment takes away again
                    sb.append(l.isEmpty() ? "//" : ESCAPED_PERCENTS.matcher("\\" + l).matches() ? "// \\" + l : "// " + l).append('\n');
                }
            } else {
                sb.append("// %%\n");
                if (!body.isEmpty()) sb.append(body).append('\n');
            }
        }
        return sb.toString();
    }
}
