package jinn.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Writes and removes jinn's kernelspec ({@code kernels/NAME/kernel.json} and two logos) in a
 * Jupyter data directory, as {@code jupyter kernelspec install} would, without Python.
 */
final class KernelSpecInstaller {

    static final String DISPLAY_NAME = "Java (jinn)";
    /** Jupyter's rule for kernel names (jupyter_client's kernelspec._is_valid_kernel_name). */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9._-]+");

    private KernelSpecInstaller() {}

    /** Where kernelspecs go: {@code --user}, {@code --sys-prefix} or {@code --prefix DIR}, each ending in {@code kernels/}. */
    static Path kernelsDir(String scope, String prefix, Map<String, String> env, String os, Path home) {
        return switch (scope) {
            case "--prefix" -> Path.of(prefix).toAbsolutePath().resolve("share/jupyter/kernels");
            case "--sys-prefix" -> {
                // sys.prefix is Python's; without Python, the active conda or virtual environment, else /usr/local.
                String p = nonBlank(env.get("CONDA_PREFIX"), nonBlank(env.get("VIRTUAL_ENV"), "/usr/local"));
                yield Path.of(p).resolve("share/jupyter/kernels");
            }
            default -> userDataDir(env, os, home).resolve("kernels");
        };
    }

    /** jupyter_core's user data directory: JUPYTER_DATA_DIR, else the platform's place. */
    static Path userDataDir(Map<String, String> env, String os, Path home) {
        String explicit = env.get("JUPYTER_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        String lower = os.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("mac")) return home.resolve("Library/Jupyter");
        if (lower.startsWith("windows")) return Path.of(nonBlank(env.get("APPDATA"), home.resolve("AppData/Roaming").toString()), "jupyter");
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg == null || xdg.isBlank() ? home.resolve(".local/share") : Path.of(xdg)).resolve("jupyter");
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a kernel name may hold only ASCII letters, digits, '.', '_' and '-', got '" + name + "'");
        }
    }

    /** Writes {@code kernelsDir/NAME/}: kernel.json naming {@code launcher}, and the logos. Returns that folder. */
    static Path install(Path kernelsDir, String name, Path launcher) throws IOException {
        checkName(name);
        if (!launcher.isAbsolute()) throw new IllegalArgumentException("expected an absolute launcher path, got " + launcher);
        Path dir = kernelsDir.resolve(name.toLowerCase(java.util.Locale.ROOT));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kernel.json"), WireCodec.GSON.newBuilder().setPrettyPrinting().create()
                .toJson(spec(launcher)) + "\n", StandardCharsets.UTF_8);
        for (int size : new int[] {32, 64}) ImageIO.write(logo(size), "png", dir.resolve("logo-" + size + "x" + size + ".png").toFile());
        return dir;
    }

    static JsonObject spec(Path launcher) {
        JsonObject o = new JsonObject();
        JsonArray argv = new JsonArray();
        argv.add(launcher.toString());
        argv.add("kernel");
        argv.add("{connection_file}");
        o.add("argv", argv);
        o.addProperty("display_name", DISPLAY_NAME);
        o.addProperty("language", "java");
        // interrupt_request, not SIGINT: a message reaches the kernel wherever it runs and whatever started it.
        o.addProperty("interrupt_mode", "message");
        JsonObject metadata = new JsonObject();
        metadata.addProperty("debugger", false);
        o.add("metadata", metadata);
        return o;
    }

    /** Removes {@code kernelsDir/NAME}; false when it was not there. */
    static boolean uninstall(Path kernelsDir, String name) throws IOException {
        checkName(name);
        Path dir = kernelsDir.resolve(name.toLowerCase(java.util.Locale.ROOT));
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
        return true;
    }

    /** jinn's logo, drawn rather than shipped: three layers of a small network in a rounded square. */
    static BufferedImage logo(int size) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            float s = size;
            g.setColor(new Color(0x2B, 0x59, 0xC3));
            g.fill(new RoundRectangle2D.Float(0, 0, s, s, s / 4, s / 4));
            float[][] layers = {{0.3f, 0.5f, 0.7f}, {0.38f, 0.62f}, {0.5f}};
            float[] xs = {0.22f, 0.5f, 0.78f};
            g.setStroke(new BasicStroke(Math.max(1f, s / 32)));
            g.setColor(new Color(255, 255, 255, 170));
            for (int l = 0; l + 1 < layers.length; l++) {
                for (float y0 : layers[l]) {
                    for (float y1 : layers[l + 1]) g.draw(new Line2D.Float(xs[l] * s, y0 * s, xs[l + 1] * s, y1 * s));
                }
            }
            g.setColor(new Color(0xF8, 0x9A, 0x1C));
            float r = s / 9;
            for (int l = 0; l < layers.length; l++) {
                for (float y : layers[l]) g.fill(new Ellipse2D.Float(xs[l] * s - r, y * s - r, 2 * r, 2 * r));
            }
        } finally {
            g.dispose();
        }
        return img;
    }
}
