package jinn.repl.command;

final class DropCommand implements Command {

    @Override
    public String name() {
        return "drop";
    }

    @Override
    public String usage() {
        return "/drop <name>";
    }

    @Override
    public String help() {
        return "remove a variable, method or type";
    }

    @Override
    public void run(String args, Session session) {
        if (args.isEmpty()) throw new IllegalArgumentException("which name?");
        boolean dropped = session.engine().drop(args);
        if (dropped) session.log().dropped(args);
        session.out().println(dropped ? "dropped " + args : "nothing named " + args);
    }
}
