package jinn.repl.command;

final class TypesCommand implements Command {

    @Override
    public String name() {
        return "types";
    }

    @Override
    public String usage() {
        return "/types";
    }

    @Override
    public String help() {
        return "list the classes, interfaces, records and enums declared in this session";
    }

    @Override
    public void run(String args, Session session) {
        var list = session.engine().types();
        if (list.isEmpty()) session.out().println("no types declared");
        list.forEach(t -> session.out().println("  " + t));
    }
}
