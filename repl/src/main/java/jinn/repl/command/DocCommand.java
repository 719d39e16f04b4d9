package jinn.repl.command;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinn.repl.Engine;
import jinn.repl.ShortNames;

/**
 * {@code /doc NAME}: signatures and javadoc. Beyond what JShell's documentation finds by itself, it
 * understands {@code Type.method} for an instance method ({@code /doc Tensor.allClose}: JShell
 * answers only for static members there), and for a variable ({@code /doc mnist} after
 * {@code var mnist = mnist()}) it shows the variable's type and that type's documentation rather than
 * JShell's bare {@code mnist:Mnist}. Type names are shown as they are written.
 */
final class DocCommand implements Command {

    /** {@code Type.member} or {@code pkg.Type.member}: a capitalised name, a dot, a lower-case name. */
    private static final Pattern TYPE_MEMBER = Pattern.compile("((?:[a-z_]\\w*\\.)*\\p{Lu}[\\w.]*)\\.([a-z_$][\\w$]*)\\(?");
    /** What JShell says of a variable: {@code name:Type}. */
    private static final Pattern VARIABLE = Pattern.compile("([\\w$]+):(\\S.*)");

    @Override
    public String name() {
        return "doc";
    }

    /** IPython's %pinfo and %pdoc. */
    @Override
    public List<String> aliases() {
        return List.of("pinfo", "pdoc");
    }

    @Override
    public String usage() {
        return "/doc <name or expression>";
    }

    @Override
    public String help() {
        return "show signatures and documentation, e.g. /doc Tensor.matmul, /doc Math.max or /doc net().dense";
    }

    @Override
    public void run(String args, Session session) {
        if (args.isEmpty()) {
            session.out().println("usage: " + usage());
            return;
        }
        List<String> docs = lookUp(session.engine(), args.strip());
        if (docs.isEmpty()) {
            session.out().println("no documentation found for " + args);
            return;
        }
        for (String d : docs) session.out().println(ShortNames.of(d));
    }

    static List<String> lookUp(Engine engine, String name) {
        List<String> docs = engine.documentation(name, name.length());
        Matcher tm = TYPE_MEMBER.matcher(name);
        if (docs.isEmpty() && tm.matches()) {
            // Tensor.allClose: JShell documents members of a type only when they are static; asking about
            // the member of a value of that type finds the instance methods as well.
            String probe = "((" + tm.group(1) + ") null)." + tm.group(2);
            docs = engine.documentation(probe, probe.length());
        }
        List<String> out = new ArrayList<>();
        for (String d : docs) {
            Matcher v = VARIABLE.matcher(d.strip());
            if (!v.matches()) {
                out.add(d);
                continue;
            }
            // A variable: say so, then document its type and any method of the same name (mnist()).
            String type = v.group(2);
            out.add(v.group(1) + " is a variable of type " + type);
            String simple = type.replaceAll("<.*", "");
            out.addAll(engine.documentation(simple, simple.length()).stream()
                    .filter(t -> !VARIABLE.matcher(t.strip()).matches()).toList());
            String call = v.group(1) + "(";
            out.addAll(engine.documentation(call, call.length()).stream()
                    .filter(t -> !VARIABLE.matcher(t.strip()).matches() && !out.contains(t)).toList());
        }
        return out;
    }
}
