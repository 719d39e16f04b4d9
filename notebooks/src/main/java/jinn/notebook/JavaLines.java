package jinn.notebook;

/**
 * Where each line of Java source starts: in code, or inside a block comment, a text block or a
 * string. Just enough lexing to tell a cell marker or a kernel magic from text inside a literal or
 * a comment, and to find a cell that ends inside an unclosed one. One pass, no recursion.
 *
 * <pre>{@code
 * JavaLines.of("int a; /* note\n// %%\n*" + "/").startOf(1)   // IN_COMMENT
 * }</pre>
 */
final class JavaLines {

    enum State {
        CODE, IN_COMMENT, IN_TEXT_BLOCK, IN_STRING;

        /** Words for messages: "a block comment (/*)", ... */
        String opened() {
            return switch (this) {
                case IN_COMMENT -> "a block comment (/*)";
                case IN_TEXT_BLOCK -> "a text block (\"\"\")";
                case IN_STRING -> "a string";
                case CODE -> "code";
            };
        }
    }

    /** A line the runner leaves out as a command: a slash and a letter first (NotebookRunner.withoutCommands). */
    private static final java.util.regex.Pattern COMMAND = java.util.regex.Pattern.compile("[ \\t]*/[A-Za-z]");

    private final State[] starts;
    private final State end;
    private final int endOpenedAt;

    private JavaLines(State[] starts, State end, int endOpenedAt) {
        this.starts = starts;
        this.end = end;
        this.endOpenedAt = endOpenedAt;
    }

    static JavaLines of(String text) {
        String[] lines = text.split("\n", -1);
        State[] starts = new State[lines.length];
        State s = State.CODE;
        int opened = -1;
        for (int l = 0; l < lines.length; l++) {
            starts[l] = s;
            String line = lines[l];
            int n = line.length();
            // A command line (/classpath lib/*) is not Java, as the runner reads it: its /* opens no comment.
            if (s == State.CODE && COMMAND.matcher(line).lookingAt()) continue;
            for (int i = 0; i < n; i++) {
                char c = line.charAt(i);
                switch (s) {
                    case CODE -> {
                        if (c == '/' && i + 1 < n && line.charAt(i + 1) == '/') {
                            i = n; // the rest of the line is a comment
                        } else if (c == '/' && i + 1 < n && line.charAt(i + 1) == '*') {
                            s = State.IN_COMMENT;
                            opened = l;
                            i++;
                        } else if (c == '"' && line.startsWith("\"\"\"", i)) {
                            s = State.IN_TEXT_BLOCK;
                            opened = l;
                            i += 2;
                        } else if (c == '"') {
                            s = State.IN_STRING;
                            opened = l;
                        } else if (c == '\'') {
                            // a char literal: skip it whole ('"' must not open a string)
                            int close = i + 1;
                            while (close < n && line.charAt(close) != '\'') close += line.charAt(close) == '\\' ? 2 : 1;
                            i = close;
                        }
                    }
                    case IN_COMMENT -> {
                        if (c == '*' && i + 1 < n && line.charAt(i + 1) == '/') {
                            s = State.CODE;
                            i++;
                        }
                    }
                    case IN_TEXT_BLOCK -> {
                        if (c == '\\') i++;
                        else if (c == '"' && line.startsWith("\"\"\"", i)) {
                            s = State.CODE;
                            i += 2;
                        }
                    }
                    case IN_STRING -> {
                        if (c == '\\') i++;
                        else if (c == '"') s = State.CODE;
                    }
                }
            }
            if (s == State.IN_STRING) s = State.CODE; // a string cannot span lines: javac reports it, not us
        }
        return new JavaLines(starts, s, opened);
    }

    /** The state at the start of line {@code line} (0-based). */
    State startOf(int line) {
        return starts[line];
    }

    /** The state after the last line: {@link State#CODE} unless a comment or text block is still open. */
    State end() {
        return end;
    }

    /** The 0-based line where what is still open at the end was opened, or -1. */
    int endOpenedAt() {
        return end == State.CODE ? -1 : endOpenedAt;
    }

    int lines() {
        return starts.length;
    }
}
