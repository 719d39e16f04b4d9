package jinn.repl.command;

import java.util.List;

final class ExitCommand implements Command {

    @Override
    public String name() {
        return "exit";
    }

    @Override
    public List<String> aliases() {
        return List.of("quit");
    }

    @Override
    public String usage() {
        return "/exit";
    }

    @Override
    public String help() {
        return "leave jinn (Ctrl-D does the same)";
    }

    @Override
    public void run(String args, Session session) {
        session.exit();
    }
}
