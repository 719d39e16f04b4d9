package jinn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSpecInstallerTest {

    @TempDir
    Path tmp;

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void dataDirectoriesFollowJupyterCore() {
        assertEquals(Path.of("/home/ada/.local/share/jupyter/kernels"), KernelSpecInstaller.kernelsDir("--user", null, Map.of(), "Linux", HOME));
        assertEquals(Path.of("/j/kernels"), KernelSpecInstaller.kernelsDir("--user", null, Map.of("JUPYTER_DATA_DIR", "/j"), "Linux", HOME));
        assertEquals(Path.of("/home/ada/Library/Jupyter/kernels"), KernelSpecInstaller.kernelsDir("--user", null, Map.of(), "Mac OS X", HOME));
        assertEquals(Path.of("/usr/local/share/jupyter/kernels"), KernelSpecInstaller.kernelsDir("--sys-prefix", null, Map.of(), "Linux", HOME));
        assertEquals(Path.of("/venv/share/jupyter/kernels"),
                KernelSpecInstaller.kernelsDir("--sys-prefix", null, Map.of("VIRTUAL_ENV", "/venv"), "Linux", HOME));
        assertEquals(Path.of("/conda/share/jupyter/kernels"),
                KernelSpecInstaller.kernelsDir("--sys-prefix", null, Map.of("VIRTUAL_ENV", "/venv", "CONDA_PREFIX", "/conda"), "Linux", HOME));
        assertEquals(Path.of("/p/share/jupyter/kernels"), KernelSpecInstaller.kernelsDir("--prefix", "/p", Map.of(), "Linux", HOME));
    }

    @Test
    void installWritesKernelJsonAndLogosAndUninstallRemovesThem() throws Exception {
        Path kernels = tmp.resolve("share/jupyter/kernels");
        Path dir = KernelSpecInstaller.install(kernels, "jinn", Path.of("/opt/jinn/bin/jinn"));
        assertEquals(kernels.resolve("jinn"), dir);
        JsonObject spec = JsonParser.parseString(Files.readString(dir.resolve("kernel.json"))).getAsJsonObject();
        assertEquals("[\"/opt/jinn/bin/jinn\",\"kernel\",\"{connection_file}\"]", spec.get("argv").toString());
        assertEquals("Java (jinn)", spec.get("display_name").getAsString());
        assertEquals("java", spec.get("language").getAsString());
        assertEquals("message", spec.get("interrupt_mode").getAsString());
        for (int size : new int[] {32, 64}) {
            BufferedImage logo = ImageIO.read(dir.resolve("logo-" + size + "x" + size + ".png").toFile());
            assertEquals(size, logo.getWidth());
            assertEquals(size, logo.getHeight());
            assertTrue(logo.getRGB(0, 0) >>> 24 < 128, "the corner is rounded off (transparent)");
            assertTrue(distinctColours(logo) > 3, "the logo is drawn, not blank");
        }
        assertTrue(KernelSpecInstaller.uninstall(kernels, "jinn"));
        assertFalse(Files.exists(dir));
        assertFalse(KernelSpecInstaller.uninstall(kernels, "jinn"));
    }

    private static long distinctColours(BufferedImage img) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) colours.add(img.getRGB(x, y));
        return colours.size();
    }

    @Test
    void badNamesAndRelativeLaunchersAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> KernelSpecInstaller.install(tmp, "../evil", Path.of("/bin/jinn")));
        assertEquals("a kernel name may hold only ASCII letters, digits, '.', '_' and '-', got '../evil'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KernelSpecInstaller.install(tmp, "jinn", Path.of("bin/jinn")));
        assertEquals("expected an absolute launcher path, got bin/jinn", e.getMessage());
    }

    @Test
    void theCommandInstallsUnderPrefixWithTheLaunchersPathAndSaysWhere() throws Exception {
        String before = System.getProperty("jinn.launcher");
        System.setProperty("jinn.launcher", "/opt/jinn/bin/jinn");
        var out = new java.io.ByteArrayOutputStream();
        var saved = System.out;
        try {
            System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(0, new KernelCommand().run(java.util.List.of("install", "--prefix", tmp.toString(), "--name", "jinn-test")));
            assertEquals(0, new KernelCommand().run(java.util.List.of("uninstall", "--prefix", tmp.toString(), "--name", "jinn-test")));
            assertEquals(2, new KernelCommand().run(java.util.List.of("install", "--user", "--prefix", tmp.toString())));
        } finally {
            System.setOut(saved);
            if (before == null) System.clearProperty("jinn.launcher");
            else System.setProperty("jinn.launcher", before);
        }
        Path dir = tmp.resolve("share/jupyter/kernels/jinn-test");
        assertEquals("installed the kernelspec 'jinn-test' (Java (jinn)) in " + dir + "\n"
                + "removed the kernelspec 'jinn-test' from " + dir.getParent() + "\n", out.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
}
