package jinn.repl;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Type names as a person writes them: {@code jinn.plot.Chart} is {@code Chart},
 * {@code java.lang.String} is {@code String}, {@code jinn.plot.Plots.plot(...)} is
 * {@code Plots.plot(...)}. A name stays qualified where the text names two types of that simple name
 * from different packages ({@code java.util.List} beside {@code java.awt.List}), since only the
 * package tells them apart there.
 */
public final class ShortNames {

    /** A package (lower-case segments) followed by a capitalised name. */
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.$])((?:[a-z_][a-z0-9_]*\\.)+)(\\p{Lu}[\\w$]*)");

    private ShortNames() {}

    /** {@code text} with packages dropped from type names wherever that leaves no doubt. */
    public static String of(String text) {
        if (text == null || text.indexOf('.') < 0) return text;
        Map<String, String> packageOf = new HashMap<>();
        Map<String, Boolean> clash = new HashMap<>();
        Matcher m = QUALIFIED.matcher(text);
        while (m.find()) {
            String before = packageOf.putIfAbsent(m.group(2), m.group(1));
            if (before != null && !before.equals(m.group(1))) clash.put(m.group(2), true);
        }
        m.reset();
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(clash.containsKey(m.group(2)) ? m.group() : m.group(2)));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
