package jinn.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Where MNIST may be, in the order {@link Mnist#load()} looks, and where it downloads to. The
 * environment, system properties and directories are passed in so tests can stage any situation.
 */
final class MnistLocator {

    /** A directory to look in, and why it is on the list (for the not-found message). */
    record Place(Path dir, String why) {}

    private final Path explicit;
    private final UnaryOperator<String> env;
    private final UnaryOperator<String> properties;
    private final Path workingDir;
    private final Path home;

    MnistLocator(Path explicit, UnaryOperator<String> env, UnaryOperator<String> properties, Path workingDir, Path home) {
        this.explicit = explicit;
        this.env = env;
        this.properties = properties;
        this.workingDir = workingDir;
        this.home = home;
    }

    static MnistLocator ofSystem(Path explicit) {
        return new MnistLocator(explicit, System::getenv, System::getProperty,
                Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")));
    }

    Path explicit() { return explicit; }

    /** The places to look, in order; an explicit path is the only place when given. */
    List<Place> places() {
        List<Place> places = new ArrayList<>();
        if (explicit != null) {
            Path dir = explicit.toAbsolutePath().normalize();
            // A path to one of the files means the directory holding it.
            if (java.nio.file.Files.isRegularFile(dir)) dir = dir.getParent();
            places.add(new Place(dir, "the path given"));
            return places;
        }
        String property = properties.apply("jinn.data");
        if (notBlank(property)) addDataRoot(places, Path.of(property), "system property jinn.data");
        String data = env.apply("JINN_DATA");
        if (notBlank(data)) addDataRoot(places, Path.of(data), "JINN_DATA");
        places.add(new Place(cacheDir(), "per-user cache"));
        String root = properties.apply("jinn.root");
        if (notBlank(root)) {
            places.add(new Place(Path.of(root).toAbsolutePath().resolve("../shared/data/mnist").normalize(),
                    "beside the checkout (jinn.root)"));
        }
        places.add(new Place(workingDir.resolve("../shared/data/mnist").normalize(), "beside the working directory"));
        places.add(new Place(workingDir.resolve("../../shared/data/mnist").normalize(), "beside the working directory's parent"));
        return dedupe(places);
    }

    private static void addDataRoot(List<Place> places, Path root, String why) {
        // JINN_DATA names a data root holding mnist/ (and, later, other sets), or the MNIST directory itself.
        places.add(new Place(root.toAbsolutePath().resolve("mnist").normalize(), why + "/mnist"));
        places.add(new Place(root.toAbsolutePath().normalize(), why));
    }

    private static List<Place> dedupe(List<Place> places) {
        List<Place> out = new ArrayList<>();
        for (Place p : places) {
            if (out.stream().noneMatch(q -> q.dir().equals(p.dir()))) out.add(p);
        }
        return out;
    }

    /** {@code $XDG_CACHE_HOME/jinn/mnist}, else {@code ~/.cache/jinn/mnist}. */
    Path cacheDir() {
        String xdg = env.apply("XDG_CACHE_HOME");
        Path base = notBlank(xdg) ? Path.of(xdg) : home.resolve(".cache");
        return base.toAbsolutePath().resolve("jinn").resolve("mnist").normalize();
    }

    /** Mirror base URLs: system property {@code jinn.mnist.mirrors}, env {@code JINN_MNIST_MIRRORS} (comma-separated), else the defaults. */
    List<String> mirrors() {
        String configured = properties.apply("jinn.mnist.mirrors");
        if (!notBlank(configured)) configured = env.apply("JINN_MNIST_MIRRORS");
        if (!notBlank(configured)) return Mnist.MIRRORS;
        return Arrays.stream(configured.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Why downloading is switched off, or null when it is allowed. */
    String offlineReason() {
        if ("true".equalsIgnoreCase(properties.apply("jinn.offline"))) return "system property jinn.offline=true";
        String e = env.apply("JINN_OFFLINE");
        if (notBlank(e) && !e.equals("0") && !e.equalsIgnoreCase("false")) return "JINN_OFFLINE=" + e;
        return null;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
