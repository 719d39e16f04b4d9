package jinn.repl;

/**
 * Java source with its string literals, text blocks, character literals and comments blanked out,
 * so that a search for a call ({@code System.exit(}) finds code only. One pass, no regex: a regex
 * over a literal recursed once per character and a 1,600-character string ended the session with
 * a StackOverflowError.
 */
final class CodeText {

    private CodeText() {}

    /** {@code source} with every literal's content and every comment replaced by nothing (quotes kept). */
    static String withoutStringsAndComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int n = source.length();
        int i = 0;
        while (i < n) {
            char c = source.charAt(i);
            if (c == '"' && source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                while (end > 0 && escaped(source, end)) end = source.indexOf("\"\"\"", end + 1);
                out.append("\"\"");
                i = end < 0 ? n : end + 3;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') j += source.charAt(j) == '\\' ? 2 : 1;
                out.append(c).append(c);
                i = Math.min(n, j + 1);
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                int end = source.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                out.append(' ');
                i = end < 0 ? n : end + 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Whether the quote at {@code at} follows an odd number of backslashes. */
    private static boolean escaped(String s, int at) {
        int k = 0;
        while (at - 1 - k >= 0 && s.charAt(at - 1 - k) == '\\') k++;
        return k % 2 == 1;
    }
}
