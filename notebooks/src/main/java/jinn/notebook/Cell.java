package jinn.notebook;

/**
 * One cell of a notebook.
 *
 * @param kind      code or markdown
 * @param source    the cell's text: Java for code, Markdown (without the {@code // } prefixes) for markdown
 * @param firstLine the line of the file (1-based) that holds the first line of {@code source}; line
 *                  {@code i} of the source (0-based) is file line {@code firstLine + i}
 */
public record Cell(Kind kind, String source, int firstLine) {

    /** What a cell holds. */
    public enum Kind { CODE, MARKDOWN }

    /** The file line of a 1-based line within this cell's source. */
    public int fileLine(int lineInCell) {
        return firstLine + Math.max(1, lineInCell) - 1;
    }

    /** The source without leading and trailing blank lines, as exports show it. */
    public String trimmed() {
        return source.replaceAll("^(\\s*\\R)+", "").stripTrailing();
    }

    /** True when the cell holds nothing but white space (and, for code, nothing to run). */
    public boolean isBlank() {
        return source.isBlank();
    }
}
