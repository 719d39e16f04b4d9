package jinn.notebook;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/**
 * Cuts a code cell into the snippets JShell evaluates one by one, keeping each snippet's offset
 * in the cell, so that an error in the third statement of a cell points at its own file line.
 * The engine evaluates whole cells and does not say where each snippet began; this analysis-only
 * JShell (nothing is ever run in it) answers that.
 */
final class SnippetSplitter implements AutoCloseable {

    /** A snippet as it stands in the cell, from its first character of code (comments before it left out). */
    record Piece(String text, int offset) {}

    private final JShell analysisOnly = JShell.builder().executionEngine("local").build();

    List<Piece> split(String cell) {
        SourceCodeAnalysis analysis = analysisOnly.sourceCodeAnalysis();
        List<Piece> pieces = new ArrayList<>();
        int pos = 0;
        while (pos < cell.length()) {
            String rest = cell.substring(pos);
            if (rest.isBlank()) break;
            CompletionInfo ci = analysis.analyzeCompletion(rest);
            if (ci.completeness() == SourceCodeAnalysis.Completeness.EMPTY) break;
            String remaining = ci.remaining() == null ? "" : ci.remaining();
            boolean whole = !ci.completeness().isComplete() || !rest.endsWith(remaining) || remaining.length() >= rest.length();
            String text = whole ? rest : rest.substring(0, rest.length() - remaining.length());
            // JShell numbers a snippet's lines from its first line of code, and the engine shows
            // line n of the text it was given: start the snippet there so both agree.
            int skip = leadingComments(text);
            if (skip < text.length()) pieces.add(new Piece(text.substring(skip), pos + skip));
            if (whole) break;
            pos += text.length();
        }
        return pieces;
    }

    /** Length of the white space and comments that precede the first code in {@code text}. */
    static int leadingComments(String text) {
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
            } else if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end + 1;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
            } else {
                break;
            }
        }
        return i;
    }

    @Override
    public void close() {
        analysisOnly.close();
    }
}
