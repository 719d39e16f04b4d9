package jinn.repl.command;

import java.util.List;
import jinn.repl.EvalResult;
import jinn.repl.Outcome;

/**
 * {@code /time <snippet>}: the snippet is compiled once into a lambda inside the session, so the
 * runs measure execution, not javac, and Ctrl-C still stops them.
 */
final class TimeCommand implements Command {

    static final String VAR = "$time";

    @Override
    public String name() {
        return "time";
    }

    /** IPython's %timeit, which also runs a statement many times and reports the spread. */
    @Override
    public List<String> aliases() {
        return List.of("timeit");
    }

    @Override
    public String usage() {
        return "/time <snippet>";
    }

    @Override
    public String help() {
        return "run a snippet repeatedly (about 2 s) and show the median wall time";
    }

    @Override
    public void run(String args, Session session) {
        String body = args.strip();
        while (body.endsWith(";")) body = body.substring(0, body.length() - 1).strip();
        if (body.isEmpty()) throw new IllegalArgumentException("what should be timed?");
        var engine = session.engine();
        String decl = "jinn.repl.Timing " + VAR + " = jinn.repl.Timing.measure(";
        // An expression is consumed so the JIT cannot drop it; a statement (void call, assignment) runs as is.
        EvalResult r = engine.eval(decl + "() -> jinn.repl.Timing.consume(" + body + "));");
        if (r.failed() && !r.interrupted() && isCompileError(r)) {
            r = engine.eval(decl + "() -> { " + body + "; });");
        }
        try {
            if (r.failed()) {
                session.out().println(r.text());
                return;
            }
            session.out().println(engine.valueOf(VAR).map(Object::toString).orElse("no timing recorded"));
        } finally {
            engine.drop(VAR);
        }
    }

    private static boolean isCompileError(EvalResult r) {
        return r.outcomes().stream().anyMatch(o -> o.kind() == Outcome.Kind.ERROR && o.display().startsWith("error:"));
    }
}
