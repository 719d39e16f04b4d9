package jinn.repl.terminal;

import java.util.List;
import java.util.function.Predicate;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import jinn.repl.command.Commands;

/**
 * Tells JLine when the input is a whole snippet, using the engine's completeness analysis: Enter
 * inside an open method, class, string or after a trailing dot of a builder chain continues on
 * a new line instead of evaluating. For completion, the word is the identifier before the cursor.
 */
final class SnippetParser implements Parser {

    private final Predicate<String> isComplete;

    /** @param isComplete the engine's {@code isComplete}; called only when Enter is pressed */
    SnippetParser(Predicate<String> isComplete) {
        this.isComplete = isComplete;
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !line.isBlank() && !Commands.isCommand(line)
                && !isComplete.test(line)) {
            throw new EOFError(-1, cursor, "incomplete snippet", "...");
        }
        int start = wordStart(line, cursor);
        return new Line(line, cursor, start);
    }

    /** The start of the identifier (or /command) that ends at {@code cursor}. */
    static int wordStart(String line, int cursor) {
        int i = Math.min(cursor, line.length());
        while (i > 0 && Character.isJavaIdentifierPart(line.charAt(i - 1))) i--;
        if (i == 1 && line.charAt(0) == '/') i = 0;
        return i;
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }

    /**
     * The whole input as one "word" list entry plus the word being completed. Java needs no shell
     * quoting, so candidates are inserted as they are.
     */
    record Line(String line, int cursor, int wordStart) implements CompletingParsedLine {
        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor();
        }

        @Override
        public int rawWordLength() {
            return word().length();
        }

        @Override
        public String word() {
            return line.substring(wordStart, Math.min(cursor, line.length()));
        }

        @Override
        public int wordCursor() {
            return cursor - wordStart;
        }

        @Override
        public int wordIndex() {
            return 0;
        }

        @Override
        public List<String> words() {
            return List.of(word());
        }
    }
}
