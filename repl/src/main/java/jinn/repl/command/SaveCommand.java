package jinn.repl.command;

import java.nio.file.Path;

final class SaveCommand implements Command {

    @Override
    public String name() {
        return "save";
    }

    @Override
    public String usage() {
        return "/save FILE.jsh";
    }

    @Override
    public String help() {
        return "write the snippets in effect to a file (/load or jinn run replays it)";
    }

    @Override
    public void run(String args, Session session) throws Exception {
        if (args.isEmpty()) throw new IllegalArgumentException("which file?");
        Path file = Path.of(args);
        session.engine().save(file);
        session.out().println("saved " + session.engine().snippets().size() + " snippets to " + file);
    }
}
