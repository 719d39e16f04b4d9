package jinn.repl.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jinn.repl.ClassPathLine;

/**
 * {@code /save FILE.jsh}: a notebook of percent cells ({@code // %%}) that rebuilds this session's
 * state when {@code /load} or {@code jinn run} replays it (what is left out, and why, is
 * {@link SessionLog}'s to decide); {@code /save --all FILE} keeps every cell as typed, failures too.
 */
final class SaveCommand implements Command {

    @Override
    public String name() {
        return "save";
    }

    @Override
    public String usage() {
        return "/save [--all] FILE.jsh";
    }

    @Override
    public String help() {
        return "write a notebook that rebuilds this session (/load or jinn run replays it); --all keeps every cell as typed";
    }

    @Override
    public void run(String args, Session session) throws Exception {
        boolean all = args.startsWith("--all");
        String name = all ? args.substring("--all".length()).strip() : args;
        if (name.isEmpty()) throw new IllegalArgumentException("which file? e.g. /save session.jsh");
        Path file = Path.of(name);
        SessionLog log = session.log();
        List<String> cells = all ? log.typed() : log.replayable().stream().map(c -> String.join("\n", c)).toList();
        StringBuilder text = new StringBuilder("// %% [markdown]\n// A jinn session saved with /save" + (all ? " --all" : "")
                + (all ? ": every cell as typed.\n" : ": what rebuilds its variables, methods and classes, in order.\n")
                + "// Replay it with /load " + file.getFileName() + " in jinn, or bin/jinn run " + file.getFileName() + ".\n");
        List<Path> classPath = session.engine().addedClassPath();
        if (!classPath.isEmpty()) text.append("\n// %%\n").append(ClassPathLine.of(classPath)).append('\n');
        for (String c : cells) text.append("\n// %%\n").append(c).append('\n');
        Files.writeString(file, text, StandardCharsets.UTF_8);
        int left = log.cellCount() - cells.size();
        session.out().println("saved " + cells.size() + (cells.size() == 1 ? " cell" : " cells") + " to " + file
                + (!all && left > 0 ? " (" + left + " left out: failed, stopped, or using names dropped since; /save --all keeps them)" : ""));
    }
}
