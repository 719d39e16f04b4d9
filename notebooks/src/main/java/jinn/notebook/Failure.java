package jinn.notebook;

/**
 * Where and why a cell failed.
 *
 * @param file    the notebook file as named on the command line
 * @param line    the file line of the failing statement (1-based)
 * @param cell    the cell's number, counting every cell (markdown too) from 1, as Jupyter shows them
 * @param message the compiler's or the exception's message, with the offending line
 */
public record Failure(String file, int line, int cell, String message) {

    /** {@code FILE:LINE (cell N): message}, the form editors and terminals turn into a link. */
    @Override
    public String toString() {
        return file + ":" + line + " (cell " + cell + "): " + message;
    }
}
