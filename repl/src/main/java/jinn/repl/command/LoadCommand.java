package jinn.repl.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jinn.repl.ClassPathLine;
import jinn.repl.EvalResult;
import jinn.repl.Outcome;

/**
 * {@code /load FILE.jsh}: replays a file in this session, cell by cell, as if typed. A notebook's
 * percent cells ({@code // %%}) are its cells and markdown cells are skipped; a file without markers
 * is read snippet by snippet. jshell commands in it ({@code /exit}, {@code /vars}) are not run. The
 * first failing cell stops the load and is named by the file's own line.
 */
final class LoadCommand implements Command {

    @Override
    public String name() {
        return "load";
    }

    @Override
    public List<String> aliases() {
        return List.of("open");
    }

    @Override
    public String usage() {
        return "/load FILE.jsh";
    }

    @Override
    public String help() {
        return "replay a .jsh file or notebook in this session, cell by cell; stops at the first error, naming its line";
    }

    /** A piece of the file to evaluate, with the file line its text starts on. */
    record Piece(String text, int line) {}

    @Override
    public void run(String args, Session session) throws Exception {
        if (args.isEmpty()) throw new IllegalArgumentException("which file?");
        Path file = Path.of(args);
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such file: " + file.toAbsolutePath());
        List<Piece> pieces = pieces(Files.readAllLines(file, StandardCharsets.UTF_8), session);
        Path folder = file.toAbsolutePath().getParent();
        for (Piece p : pieces) {
            Optional<List<Path>> added;
            try {
                added = session.engine().addClassPathLine(p.text(), folder);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " (" + file + ", line " + p.line() + ")", e);
            }
            if (added.isPresent()) {
                for (Path a : added.get()) session.out().println("added " + a);
                continue;
            }
            EvalResult r = session.evaluate(p.text());
            if (r.failed()) {
                int line = p.line() + lineWithin(p.text(), r);
                session.out().println("  (" + file + ", line " + line + ")");
                int rest = pieces.size() - pieces.indexOf(p) - 1;
                if (rest > 0) session.out().println("stopped loading " + file + ": " + rest + " more not run");
                return;
            }
        }
    }

    /**
     * The file in the pieces it is evaluated as: percent cells when it has markers, else complete
     * snippets as the engine sees them; comment-only pieces and jshell commands left out.
     */
    static List<Piece> pieces(List<String> lines, Session session) {
        boolean percent = lines.stream().anyMatch(l -> l.startsWith("// %%"));
        List<Piece> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int start = 1;
        boolean markdown = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNo = i + 1;
            if (percent && line.startsWith("// %%")) {
                add(out, cell, start, markdown);
                markdown = line.contains("[markdown]");
                start = lineNo + 1;
                continue;
            }
            if (cell.isEmpty() && ClassPathLine.args(line).isPresent()) {
                out.add(new Piece(line.strip(), lineNo)); // a library for the cells after it: run in order
                start = lineNo + 1;
                continue;
            }
            if (cell.isEmpty() && (line.isBlank() || isCommand(line))) {
                start = lineNo + 1;
                continue;
            }
            cell.append(line).append('\n');
            if (!percent && session.engine().isComplete(cell.toString())) {
                add(out, cell, start, false);
                start = lineNo + 1;
            }
        }
        add(out, cell, start, markdown);
        return out;
    }

    private static boolean isCommand(String line) {
        String s = line.stripLeading();
        return s.startsWith("/") && !s.startsWith("//") && !s.startsWith("/*");
    }

    private static void add(List<Piece> out, StringBuilder cell, int start, boolean markdown) {
        String text = cell.toString();
        cell.setLength(0);
        if (markdown || text.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("//"))) return;
        // Leading blank or comment lines count for the line number of what follows.
        int skipped = 0;
        List<String> ls = text.lines().toList();
        while (skipped < ls.size() && ls.get(skipped).isBlank()) skipped++;
        out.add(new Piece(String.join("\n", ls.subList(skipped, ls.size())), start + skipped));
    }

    /** Lines from a piece's start to the snippet that failed (0 when it cannot be told). */
    private static int lineWithin(String text, EvalResult r) {
        for (Outcome o : r.outcomes()) {
            if (o.kind() != Outcome.Kind.ERROR && o.kind() != Outcome.Kind.INTERRUPTED) continue;
            String src = o.source().strip();
            int at = src.isEmpty() ? -1 : text.indexOf(src.lines().findFirst().orElse(src));
            return at < 0 ? 0 : (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
        }
        return 0;
    }
}
