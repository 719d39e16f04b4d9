package jinn.repl.command;

import java.util.List;
import jinn.repl.Engine;

final class VarsCommand implements Command {

    @Override
    public String name() {
        return "vars";
    }

    /** IPython's names (%who, %whos), which Jupyter users type. */
    @Override
    public List<String> aliases() {
        return List.of("who", "whos");
    }

    @Override
    public String usage() {
        return "/vars";
    }

    @Override
    public String help() {
        return "list the variables: name, type, value";
    }

    @Override
    public void run(String args, Session session) {
        var vars = session.engine().variables();
        if (vars.isEmpty()) {
            session.out().println("no variables yet");
            return;
        }
        int nameWidth = vars.stream().mapToInt(v -> v.name().length()).max().orElse(4);
        int typeWidth = vars.stream().mapToInt(v -> v.type().length()).max().orElse(4);
        for (Engine.Variable v : vars) {
            session.out().printf("  %-" + nameWidth + "s  %-" + typeWidth + "s  %s%n", v.name(), v.type(), v.preview());
        }
    }
}
