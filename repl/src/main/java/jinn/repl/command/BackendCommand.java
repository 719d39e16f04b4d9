package jinn.repl.command;

import jinn.accel.Backend;
import jinn.accel.Backends;

import java.lang.reflect.InvocationTargetException;
import java.util.List;

final class BackendCommand implements Command {

    /** The TornadoVM backend, present only in builds made with its SDK: reached by name, not linked. */
    static final String TORNADO = "jinn.accel.tornado.TornadoBackend";

    @Override
    public String name() {
        return "backend";
    }

    @Override
    public String usage() {
        return "/backend [name | tornado:device]";
    }

    @Override
    public String help() {
        return "show the compute backend, the available ones and TornadoVM's devices, or switch (e.g. /backend cpu, /backend tornado:gpu)";
    }

    @Override
    public void run(String args, Session session) {
        var out = session.out();
        if (!args.isEmpty()) {
            if (args.startsWith("tornado:")) {
                String chosen = (String) callTornado("useDevice", args.substring("tornado:".length()));
                out.println("TornadoVM device: " + chosen);
                args = "tornado";
            }
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
        if (tornadoPresent()) {
            @SuppressWarnings("unchecked")
            List<String> devices = (List<String>) callTornado("devices");
            out.println("TornadoVM devices" + (devices.isEmpty() ? ": none found" : " (first is the default):"));
            for (String d : devices) out.println("    " + d);
            out.println("switch device with /backend tornado:ID (e.g. tornado:0:1, tornado:gpu)");
        }
        out.println("switch with /backend NAME, or start with -Djinn.backend=NAME / JINN_BACKEND=NAME");
    }

    static boolean tornadoPresent() {
        try {
            Class.forName(TORNADO, false, BackendCommand.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Object callTornado(String method, String... args) {
        if (!tornadoPresent()) {
            throw new IllegalArgumentException("the TornadoVM backend is not part of this build: install the TornadoVM SDK, "
                    + "set TORNADOVM_HOME and rebuild (see accel-tornado/README.md)");
        }
        try {
            Class<?> c = Class.forName(TORNADO, true, BackendCommand.class.getClassLoader());
            return args.length == 0 ? c.getMethod(method).invoke(null) : c.getMethod(method, String.class).invoke(null, args[0]);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("TornadoVM backend: " + e);
        }
    }
}
