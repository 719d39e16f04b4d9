package jinn.repl;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import jdk.jshell.Diag;

/**
 * "did you mean evaluate?" under javac's "cannot find symbol": the names javac could have meant are
 * the completions at the unknown name (members of the value left of the dot, or names in scope), and
 * a typo is usually within two edits of one of them.
 */
final class NameHint {

    static final int MAX_EDITS = 2;

    private NameHint() {}

    /**
     * @param completions the completion texts for a prefix of the source (the text up to where the name starts)
     */
    static Optional<String> forDiag(String source, Diag d, Function<String, List<String>> completions) {
        String code = d.getCode();
        if (code == null || !code.startsWith("compiler.err.cant.resolve")) return Optional.empty();
        int end = (int) d.getEndPosition();
        if (end <= 0 || end > source.length()) return Optional.empty();
        int start = end;
        while (start > 0 && Character.isJavaIdentifierPart(source.charAt(start - 1))) start--;
        String unknown = source.substring(start, end);
        if (unknown.isEmpty() || !Character.isJavaIdentifierStart(unknown.charAt(0))) return Optional.empty();
        List<String> known;
        try {
            known = completions.apply(source.substring(0, start));
        } catch (RuntimeException e) {
            return Optional.empty(); // a hint is a nicety; the error itself is already reported
        }
        return known.stream()
                .map(NameHint::identifier)
                .filter(n -> !n.isEmpty() && !n.equals(unknown))
                .distinct()
                .filter(n -> distance(n, unknown) <= MAX_EDITS)
                .min(Comparator.comparingInt((String n) -> distance(n, unknown)).thenComparing(n -> n))
                .map(n -> "did you mean " + n + "?");
    }

    /** The name at the front of a completion text such as "evaluate(" or "epochs(". */
    private static String identifier(String completion) {
        int i = 0;
        while (i < completion.length() && Character.isJavaIdentifierPart(completion.charAt(i))) i++;
        return completion.substring(0, i);
    }

    /** Levenshtein distance with adjacent transpositions, which are the commonest typo. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
