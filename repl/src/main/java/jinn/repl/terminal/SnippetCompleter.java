package jinn.repl.terminal;

import java.util.List;
import java.util.function.Supplier;
import jinn.repl.Engine;
import jinn.repl.command.Command;
import jinn.repl.command.Commands;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Tab completion from JShell's analysis (Java and jinn names, methods of the value left of a dot) and of /commands. */
final class SnippetCompleter implements Completer {

    private final Supplier<Engine> engine;
    private final Commands commands;
    /** The line and cursor where Tab last showed signatures: a second Tab there lists names instead. */
    private String signaturesShownFor;

    SnippetCompleter(Supplier<Engine> engine, Commands commands) {
        this.engine = engine;
        this.commands = commands;
    }

    @Override
    public void complete(LineReader reader, ParsedLine parsed, List<Candidate> candidates) {
        String line = parsed.line();
        int cursor = parsed.cursor();
        if (line.startsWith("/") && !line.substring(0, cursor).contains(" ")) {
            for (Command c : commands.all()) {
                candidates.add(new Candidate("/" + c.name(), "/" + c.name(), null, c.help(), null, null, true));
            }
            return;
        }
        int wordStart = SnippetParser.wordStart(line, cursor);
        if (wordStart == cursor && showSignatures(reader, line, cursor)) return;
        signaturesShownFor = null;
        Engine.Completions found = engine.get().complete(line, cursor);
        if (found.anchor() < wordStart) return; // JShell would replace more than JLine's word; rare, skip
        String lead = line.substring(wordStart, found.anchor());
        for (Engine.Suggestion s : found.suggestions()) {
            String value = lead + s.text();
            String display = s.text();
            // No space after a completed Java name: "dense(" or "java.util." continue right there.
            candidates.add(new Candidate(value, display, s.matchesType() ? "matching type" : null, null, null, null, false));
        }
    }

    /**
     * Tab right after {@code model.fit(} or a comma in its arguments: the method's signatures, as
     * jshell shows them, rather than every name in scope; Tab again lists the names.
     */
    private boolean showSignatures(LineReader reader, String line, int cursor) {
        String at = cursor + ":" + line;
        if (at.equals(signaturesShownFor)) {
            signaturesShownFor = null;
            return false;
        }
        List<String> signatures = engine.get().signatures(line, cursor);
        if (signatures.isEmpty()) return false;
        signaturesShownFor = at;
        StringBuilder text = new StringBuilder("Signatures:");
        for (String sig : signatures) text.append("\n  ").append(jinn.repl.ShortNames.of(sig));
        text.append("\n(Tab again lists the names that fit here)");
        reader.printAbove(text.toString());
        return true;
    }
}
