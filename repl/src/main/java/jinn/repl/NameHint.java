package jinn.repl;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import jdk.jshell.Diag;

/**
 * "did you mean evaluate?" under javac's "cannot find symbol": the names javac could have meant are
 * the completions at the unknown name (members of the value left of the dot, or names in scope), and
 * a typo is usually within an edit or two of one of them. How many edits count as close depends on
 * the name's length: one edit turns {@code x} into {@code IO} or {@code nt} into {@code net}, which
 * is a guess, not a typo; in {@code evalute} it is a slip of the finger.
 */
final class NameHint {

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
        return suggest(unknown, known.stream().map(NameHint::identifier).toList())
                .map(n -> "did you mean " + n + "?");
    }

    /**
     * The known name closest to {@code unknown}, when it is close enough to be a typo of it: the same
     * name in other letter case, or within {@link #maxEdits} edits (a swap of two neighbours is one).
     */
    static Optional<String> suggest(String unknown, List<String> known) {
        int allowed = maxEdits(unknown);
        return known.stream()
                .filter(n -> !n.isEmpty() && !n.equals(unknown))
                .distinct()
                .filter(n -> n.equalsIgnoreCase(unknown) || distance(n, unknown) <= Math.min(allowed, maxEdits(n)))
                .min(Comparator.comparingInt((String n) -> n.equalsIgnoreCase(unknown) ? 0 : distance(n, unknown))
                        .thenComparing(n -> n));
    }

    /**
     * Edits a typo of a name this long may have: none up to 2 letters (every short name is a couple
     * of edits from another), one up to 5, two from 6.
     */
    static int maxEdits(String name) {
        int n = name.length();
        return n <= 2 ? 0 : n <= 5 ? 1 : 2;
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
