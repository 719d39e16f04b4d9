package jinn.repl.command;

final class DocCommand implements Command {

    @Override
    public String name() {
        return "doc";
    }

    @Override
    public String usage() {
        return "/doc <name or expression>";
    }

    @Override
    public String help() {
        return "show signatures and documentation, e.g. /doc Math.max or /doc net().dense";
    }

    @Override
    public void run(String args, Session session) {
        if (args.isEmpty()) {
            session.out().println("usage: " + usage());
            return;
        }
        var docs = session.engine().documentation(args, args.length());
        if (docs.isEmpty()) {
            session.out().println("no documentation found for " + args);
            return;
        }
        for (String d : docs) session.out().println(d);
    }
}
