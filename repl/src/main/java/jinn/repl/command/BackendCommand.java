package jinn.repl.command;

import jinn.accel.Backend;
import jinn.accel.Backends;
import jinn.accel.SelectableDevices;

import java.util.List;

final class BackendCommand implements Command {

    @Override
    public String name() {
        return "backend";
    }

    @Override
    public String usage() {
        return "/backend [name | name:device]";
    }

    @Override
    public String help() {
        return "show the compute backend, the available ones and TornadoVM's devices, or switch (e.g. /backend cpu, /backend tornado:gpu)";
    }

    @Override
    public void run(String args, Session session) {
        var out = session.out();
        if (!args.isEmpty()) {
            int colon = args.indexOf(':');
            if (colon > 0) {
                String name = args.substring(0, colon).trim();
                SelectableDevices devices = withDevices(name);
                out.println(name + " device: " + devices.useDevice(args.substring(colon + 1).trim()));
                args = name;
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
        for (Backend b : Backends.all()) {
            if (!(b instanceof SelectableDevices s)) continue;
            List<String> devices = s.devices();
            out.println(b.name() + " devices" + (devices.isEmpty() ? ": none found" : " (first is the default):"));
            for (String d : devices) out.println("    " + d);
            out.println("switch device with /backend " + b.name() + ":ID (e.g. " + b.name() + ":0:1, " + b.name() + ":gpu)");
        }
        out.println("switch with /backend NAME, or start with -Djinn.backend=NAME / JINN_BACKEND=NAME");
    }

    /**
     * The named backend's devices, found even while it cannot run (choosing another device may be the
     * cure); a name no backend has is Backends' error, which says how to install TornadoVM's.
     */
    static SelectableDevices withDevices(String name) {
        for (Backend b : Backends.all()) {
            if (b.name().equalsIgnoreCase(name)) {
                if (b instanceof SelectableDevices s) return s;
                throw new IllegalArgumentException("the " + b.name() + " backend has no devices to choose from");
            }
        }
        Backends.find(name);
        throw new IllegalArgumentException("no backend named '" + name + "'");
    }
}
