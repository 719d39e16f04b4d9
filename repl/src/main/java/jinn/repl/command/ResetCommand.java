package jinn.repl.command;

final class ResetCommand implements Command {

    @Override
    public String name() {
        return "reset";
    }

    @Override
    public String usage() {
        return "/reset";
    }

    @Override
    public String help() {
        return "forget all variables, methods and imports (the default imports come back)";
    }

    @Override
    public void run(String args, Session session) {
        session.engine().reset();
        session.log().reset();
        session.out().println("reset: variables, methods, types and your imports are gone");
    }
}
