package jinn.repl.command;

final class ImportsCommand implements Command {

    @Override
    public String name() {
        return "imports";
    }

    @Override
    public String usage() {
        return "/imports";
    }

    @Override
    public String help() {
        return "list the imports in effect (jinn's defaults first)";
    }

    @Override
    public void run(String args, Session session) {
        session.engine().imports().forEach(i -> session.out().println("  " + i));
        for (String skipped : session.engine().skippedImports()) {
            session.out().println("  (skipped, not on the class path: " + skipped + ")");
        }
    }
}
