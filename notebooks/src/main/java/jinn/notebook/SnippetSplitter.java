package jinn.notebook;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/**
 * Cuts a code cell into the snippets JShell evaluates one by one, keeping each snippet's offset
 * in the cell, so that an error in the third statement of a cell points at its own file line.
 * The engine evaluates whole cells and does not say where each snippet began; this analysis-only
 * JShell (nothing is ever run in it) answers that.
 */
final class SnippetSplitter implements AutoCloseable {

    /** A snippet's text exactly as it stands in the cell (leading blank lines and comments included). */
    record Piece(String text, int offset, boolean declaration) {}

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
            pieces.add(new Piece(text, pos, isDeclaration(analysis, ci.source() == null ? text : ci.source())));
            if (whole) break;
            pos += text.length();
        }
        return pieces;
    }

    /**
     * A variable declaration ({@code var x = 3;}) shows no value in a notebook, a bare expression
     * does, as in Jupyter. Declarations are told apart by their syntax alone; an expression here
     * may be "erroneous" only because this analysis session lacks the notebook's variables.
     */
    private static boolean isDeclaration(SourceCodeAnalysis analysis, String source) {
        try {
            List<Snippet> snippets = analysis.sourceToSnippets(source);
            return snippets.size() == 1 && snippets.get(0).kind() == Snippet.Kind.VAR
                    && snippets.get(0).subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        analysisOnly.close();
    }
}
