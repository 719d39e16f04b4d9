package jinn.repl.command;

import jinn.accel.Backend;
import jinn.accel.Backends;

final class BackendCommand implements Command {

    @Override
    public String name() {
        return "backend";
    }

    @Override
    public String usage() {
        return "/backend [name]";
    }

    @Override
    public String help() {
        return "show the compute backend and the available ones, or switch to another";
    }

    @Override
    public void run(String args, Session session) {
        var out = session.out();
        if (!args.isEmpty()) {
            Backend b = Backends.use(args);
            out.println("now using " + b.name() + ": " + b.description());
            return;
        }
        Backend current = Backends.current();
        out.println("backend: " + current.name() + " (" + current.description() + ")");
        out.println("  " + Backends.selectionReason());
        for (Backend b : Backends.all()) {
            String mark = b.name().equals(current.name()) ? "*" : " ";
            String state = b.isAvailable() ? "" : "   (cannot run here)";
            out.println("  " + mark + " " + b.name() + " - " + b.description() + state);
        }
        out.println("switch with /backend NAME, or start with -Djinn.backend=NAME / JINN_BACKEND=NAME");
    }
}
