package jinn.accel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Finds the backends on the class path and chooses one, once, at run time.
 *
 * <p>Order of choice: {@code -Djinn.backend=NAME}, then the environment variable
 * {@code JINN_BACKEND}, then the available backend with the highest priority. The CPU backend is
 * always there; TornadoVM registers itself when its runtime is present. {@link #use(String)}
 * switches later (the REPL's {@code /backend} does that).
 */
public final class Backends {

    private static volatile Backend current;
    private static volatile String selectionReason = "";

    private Backends() {}

    /** Every backend found, available or not, best first. */
    public static List<Backend> all() {
        List<Backend> found = new ArrayList<>();
        for (Backend b : ServiceLoader.load(Backend.class, Backends.class.getClassLoader())) found.add(b);
        found.sort(Comparator.comparingInt(Backend::priority).reversed());
        return found;
    }

    /** The backends that can run here, best first. */
    public static List<Backend> available() {
        return all().stream().filter(Backend::isAvailable).toList();
    }

    /** The backend in use, chosen on first call. */
    public static Backend current() {
        Backend b = current;
        if (b == null) {
            synchronized (Backends.class) {
                if (current == null) choose();
                b = current;
            }
        }
        return b;
    }

    /** Whether a backend has been chosen yet; asking does not choose one (unlike {@link #current()}). */
    public static boolean chosen() {
        return current != null;
    }

    /** Why the current backend was chosen, for people (the REPL's /backend prints it). */
    public static String selectionReason() {
        current();
        return selectionReason;
    }

    /** Switches to the named backend; unknown or unavailable names are an error that lists the choices. */
    public static Backend use(String name) {
        Backend b = find(name);
        synchronized (Backends.class) {
            current = b;
            selectionReason = "chosen with Backends.use(\"" + name + "\")";
        }
        return b;
    }

    /** Makes {@code b} current (tests and wrappers such as a fallback backend use this). */
    public static void use(Backend b) {
        synchronized (Backends.class) {
            current = b;
            selectionReason = "set directly";
        }
    }

    /** The named backend if it can run here, else an error listing the names that can. */
    public static Backend find(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        List<Backend> all = all();
        for (Backend b : all) {
            if (b.name().equals(wanted)) {
                if (!b.isAvailable()) {
                    throw new IllegalArgumentException("backend '" + wanted + "' is installed but cannot run here: "
                            + b.description() + ". Available: " + names(available()));
                }
                return b;
            }
        }
        throw new IllegalArgumentException("no backend named '" + wanted + "'" + absentBecause(wanted)
                + ". Available: " + names(available()));
    }

    /** The names of the TornadoVM backend and what people call the devices it reaches. */
    private static final List<String> TORNADO_NAMES = List.of("tornado", "tornadovm", "gpu", "cuda", "opencl", "ptx", "spirv");

    /**
     * Why a backend a person may expect is not there: TornadoVM's is built only with its SDK
     * ({@code -Ptornado}, {@code TORNADOVM_HOME}), so a plain build has none.
     */
    private static String absentBecause(String wanted) {
        if (!TORNADO_NAMES.contains(wanted)) return "";
        return (wanted.startsWith("tornado") ? "" : " (GPUs and OpenCL devices are reached through the 'tornado' backend)")
                + ": TornadoVM is not installed in this build of jinn. To use it, install the TornadoVM SDK, set"
                + " TORNADOVM_HOME and rebuild; README.md (\"Choosing a backend\") and accel-tornado/README.md say how";
    }

    private static String names(List<Backend> list) {
        return String.join(", ", list.stream().map(Backend::name).toList());
    }

    private static void choose() {
        String prop = System.getProperty("jinn.backend");
        String env = System.getenv("JINN_BACKEND");
        if (prop != null && !prop.isBlank()) {
            current = find(prop);
            selectionReason = "chosen by -Djinn.backend=" + prop;
        } else if (env != null && !env.isBlank()) {
            current = find(env);
            selectionReason = "chosen by JINN_BACKEND=" + env;
        } else {
            List<Backend> ok = available();
            current = ok.isEmpty() ? new ScalarBackend() : ok.get(0);
            selectionReason = "the fastest available (override with -Djinn.backend= or JINN_BACKEND)";
        }
    }
}
