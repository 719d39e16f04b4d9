package jinn.repl.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        return "evaluate the snippets of a file in this session";
    }

    @Override
    public void run(String args, Session session) throws Exception {
        if (args.isEmpty()) throw new IllegalArgumentException("which file?");
        Path file = Path.of(args);
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such file: " + file.toAbsolutePath());
        session.show(session.engine().load(file));
    }
}
