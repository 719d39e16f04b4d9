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
    private final Path codeLocation;
    private final Path home;

    /**
     * @param codeLocation where jinn's classes are (a jar or a classes folder): the checkout or the
     *                     installation around it has {@code shared/data/mnist} beside it; null if unknown
     * @param home         the user's home, for the per-user cache
     */
    MnistLocator(Path explicit, UnaryOperator<String> env, UnaryOperator<String> properties, Path codeLocation, Path home) {
        this.explicit = explicit;
        this.env = env;
        this.properties = properties;
        this.codeLocation = codeLocation;
        this.home = home;
    }

    static MnistLocator ofSystem(Path explicit) {
        return new MnistLocator(explicit, System::getenv, System::getProperty, codeLocation(), home(System::getenv));
    }

    /**
     * {@code $HOME}, as the launcher uses for {@code ~/.jinn}, else Java's {@code user.home} (which on
     * Unix comes from the password database and ignores a changed {@code HOME}).
     */
    static Path home(UnaryOperator<String> env) {
        String h = env.apply("HOME");
        return notBlank(h) ? Path.of(h) : Path.of(System.getProperty("user.home"));
    }

    /** The jar or classes folder this class was loaded from; null when the JVM does not say. */
    private static Path codeLocation() {
        try {
            var source = MnistLocator.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The folders around jinn's code that a {@code shared/data/mnist} may sit beside: a checkout (a
     * folder with {@code pom.xml} and {@code dsl/}) and an installation (a folder with
     * {@code bin/jinn} and {@code lib/}), nearest first.
     */
    List<Place> besideJinn() {
        List<Place> out = new ArrayList<>();
        if (codeLocation == null) return out;
        for (Path p = codeLocation.toAbsolutePath().normalize(); p != null && p.getParent() != null; p = p.getParent()) {
            boolean checkout = java.nio.file.Files.isRegularFile(p.resolve("pom.xml")) && java.nio.file.Files.isDirectory(p.resolve("dsl"));
            boolean installation = java.nio.file.Files.isRegularFile(p.resolve("bin/jinn")) && java.nio.file.Files.isDirectory(p.resolve("lib"));
            if (checkout || installation) {
                out.add(new Place(p.resolveSibling("shared").resolve("data").resolve("mnist"),
                        checkout ? "beside jinn's checkout " + p : "beside jinn's installation " + p));
            }
        }
        return out;
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
        places.addAll(besideJinn());
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

    static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
