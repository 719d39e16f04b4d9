package jinn.kernel;

/**
 * Jupyter counts positions in Unicode code points; Java strings index UTF-16 units. They differ
 * after any character outside the Basic Multilingual Plane (an emoji, some CJK): a completion
 * anchored in UTF-16 units would replace the wrong text there.
 */
final class CodePoints {

    private CodePoints() {}

    /** The string index of code point {@code cp}, clamped to the string. */
    static int toIndex(String s, int cp) {
        if (cp <= 0) return 0;
        int total = s.codePointCount(0, s.length());
        return cp >= total ? s.length() : s.offsetByCodePoints(0, cp);
    }

    /** The code point position of string index {@code index}, clamped to the string. */
    static int fromIndex(String s, int index) {
        return s.codePointCount(0, Math.max(0, Math.min(index, s.length())));
    }
}
