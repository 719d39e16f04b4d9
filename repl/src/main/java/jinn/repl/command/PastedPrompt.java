package jinn.repl.command;

import java.util.regex.Pattern;

/**
 * A line copied from a transcript with its prompt ({@code jinn> var x = 1 + 1;}, or jshell's
 * {@code jshell> }), as IPython accepts {@code >>> }: the prompt is not Java, so it is dropped before
 * the line is evaluated. Continuation prompts ({@code   ...> }) go too. When the input starts with a
 * prompt, its lines without one are the transcript's output ({@code x ==> 2}) and are left out.
 */
public final class PastedPrompt {

    private static final Pattern PROMPT = Pattern.compile("^\\s*(?:jinn|jshell)> ?");
    private static final Pattern CONTINUATION = Pattern.compile("^\\s*\\.\\.\\.> ?");

    private PastedPrompt() {}

    /** True when the line starts with jinn's or jshell's prompt. */
    public static boolean startsWithPrompt(String line) {
        return PROMPT.matcher(line).find();
    }

    /** One line without its primary or continuation prompt; a line without one is returned as it is. */
    public static String stripLine(String line) {
        String s = PROMPT.matcher(line).replaceFirst("");
        return s.length() != line.length() ? s : CONTINUATION.matcher(line).replaceFirst("");
    }

    /**
     * The input without prompts, when its first line starts with one; otherwise the input unchanged
     * (a text block that happens to hold "jinn> " further down is left alone).
     */
    public static String strip(String input) {
        String first = input.stripLeading();
        if (!startsWithPrompt(first)) return input;
        StringBuilder sb = new StringBuilder();
        for (String line : first.split("\n", -1)) {
            if (startsWithPrompt(line) || CONTINUATION.matcher(line).find()) sb.append(stripLine(line)).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
