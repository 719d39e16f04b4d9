package jinn.repl.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import jinn.repl.ClassPathLine;

/**
 * {@code /classpath lib/*.jar}: libraries beside jinn's for the cells that follow, as jshell's
 * {@code /env --class-path} and IJava's {@code %jars} give them ({@link ClassPathLine} reads the words).
 * {@code /save} writes the line again, and {@code /load} and {@code jinn run} replay it.
 */
final class ClasspathCommand implements Command {

    @Override
    public String name() {
        return "classpath";
    }

    /** IJava's name for it, which Jupyter users of Java kernels know. */
    @Override
    public List<String> aliases() {
        return List.of("jars");
    }

    @Override
    public String usage() {
        return "/classpath [jar or folder...]";
    }

    @Override
    public String help() {
        return "add jars or class folders for later cells (lib/*.jar works), or list what was added";
    }

    @Override
    public void run(String args, Session session) throws IOException {
        var engine = session.engine();
        if (args.isBlank()) {
            List<Path> added = engine.addedClassPath();
            if (added.isEmpty()) session.out().println("nothing added: jinn's libraries and the JDK's are always there");
            for (Path p : added) session.out().println("  " + p);
            return;
        }
        List<Path> entries = ClassPathLine.entries(args, Path.of("").toAbsolutePath());
        List<Path> fresh = engine.addToClassPath(entries);
        if (fresh.isEmpty()) session.out().println("already on the class path: " + String.join(", ", entries.stream().map(Path::toString).toList()));
        for (Path p : fresh) session.out().println("added " + p);
    }
}
