package jinn.repl.command;

final class ListCommand implements Command {

    @Override
    public String name() {
        return "list";
    }

    @Override
    public String usage() {
        return "/list";
    }

    @Override
    public String help() {
        return "list the snippets in effect, with their ids";
    }

    @Override
    public void run(String args, Session session) {
        var list = session.engine().snippets();
        if (list.isEmpty()) session.out().println("nothing typed yet");
        for (String s : list) session.out().println("  " + s.replace("\n", "\n      "));
    }
}
