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
}
