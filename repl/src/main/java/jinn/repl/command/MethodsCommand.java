package jinn.repl.command;

final class MethodsCommand implements Command {

    @Override
    public String name() {
        return "methods";
    }

    @Override
    public String usage() {
        return "/methods";
    }

    @Override
    public String help() {
        return "list the methods declared in this session";
    }

    @Override
    public void run(String args, Session session) {
        var list = session.engine().methods();
        if (list.isEmpty()) session.out().println("no methods declared");
        list.forEach(m -> session.out().println("  " + m));
    }
}
