package jinn.notebook;

import java.util.regex.Pattern;

/**
 * What a terminal would finally show of a cell's printed text, for exports: progress bars redraw a
 * line with carriage returns and colour it with escape codes, and a page or a Jupyter output should
 * hold only the last state of each line, without the codes.
 */
final class TerminalText {

    /** CSI sequences (colours, cursor moves), OSC sequences (titles, iTerm2 images) and APC ones (kitty images). */
    private static final Pattern ESCAPES = Pattern.compile(
            "\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(\u0007|\u001B\\\\)|\u001B_[^\u001B]*\u001B\\\\|\u001B[PX^][^\u001B]*\u001B\\\\");

    private TerminalText() {}

    static String clean(String text) {
        String plain = ESCAPES.matcher(text).replaceAll("");
        if (plain.indexOf('\r') < 0) return plain;
        StringBuilder out = new StringBuilder();
        String[] lines = plain.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            // "\r" returns to the start of the line and progress bars redraw all of it: the last part is what shows
            if (i > 0) out.append('\n');
            out.append(line.substring(line.lastIndexOf('\r') + 1));
        }
        return out.toString();
    }
}
