package jinn.data;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static jinn.data.IdxWriter.*;
import static org.junit.jupiter.api.Assertions.*;

/** Where {@link Mnist#load()} looks, what it downloads, and what it says when it finds nothing. */
class MnistLookupTest {

    @TempDir Path tmp;

    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> props = new HashMap<>();

    /** jinn as unpacked from its archive: bin/jinn and lib/ with the jars, in tmp/opt/jinn-0.1.0. */
    private Path installedJar() {
        Path root = tmp.resolve("opt/jinn-0.1.0");
        try {
            Files.createDirectories(root.resolve("bin"));
            Files.createDirectories(root.resolve("lib"));
            if (!Files.exists(root.resolve("bin/jinn"))) Files.writeString(root.resolve("bin/jinn"), "#!/bin/sh\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return root.resolve("lib/jinn-dsl-0.1.0.jar");
    }

    private MnistLocator locator(Path explicit) {
        return new MnistLocator(explicit, env::get, props::get, installedJar(), tmp.resolve("home"));
    }

    private static Path realMnist() {
        Path dir = Path.of(System.getProperty("jinn.root", ".")).resolve("../shared/data/mnist").normalize();
        assertTrue(Files.isDirectory(dir), "the real MNIST files are expected in " + dir);
        return dir;
    }

    @Test
    void searchOrder() {
        env.put("JINN_DATA", "/data");
        props.put("jinn.data", "/props");
        props.put("jinn.root", "/repo/main");
        List<MnistLocator.Place> places = locator(null).places();
        assertEquals(List.of(
                Path.of("/props/mnist"), Path.of("/props"), Path.of("/data/mnist"), Path.of("/data"),
                tmp.resolve("home/.cache/jinn/mnist"), Path.of("/repo/shared/data/mnist"),
                tmp.resolve("opt/shared/data/mnist")),
                places.stream().map(MnistLocator.Place::dir).toList());
        env.put("XDG_CACHE_HOME", "/xdg");
        assertEquals(Path.of("/xdg/jinn/mnist"), locator(null).cacheDir());
        assertEquals(List.of(Path.of("/given")), locator(Path.of("/given")).places().stream().map(MnistLocator.Place::dir).toList());
    }

    @Test
    void findsFilesUnderJinnDataGzippedOrNot() {
        Path data = tmp.resolve("data");
        fakeMnist(data.resolve("mnist"));
        env.put("JINN_DATA", data.toString());
        Mnist m = Mnist.load(locator(null));
        assertEquals(data.resolve("mnist"), m.directory());
        assertEquals(3, m.train().size());
        assertEquals(4, m.train().featureCount());
        assertArrayEquals(new int[]{5, 0, 4}, m.train().labels());
        assertArrayEquals(new int[]{7, 2}, m.test().labels());
        assertEquals(37 / 255f, m.train().feature(0, 1), 1e-7f);
    }

    @Test
    void cacheComesBeforeTheCheckout() {
        fakeMnist(tmp.resolve("home/.cache/jinn/mnist"));
        props.put("jinn.root", tmp.resolve("repo/main").toString());
        fakeMnist(tmp.resolve("repo/shared/data/mnist"));
        assertEquals(tmp.resolve("home/.cache/jinn/mnist"), Mnist.load(locator(null)).directory());
    }

    @Test
    void explicitDirectoryIsTheOnlyPlaceLooked() {
        fakeMnist(tmp.resolve("home/.cache/jinn/mnist"));
        Path given = tmp.resolve("given");
        write(given.resolve(Mnist.TRAIN_IMAGES), images(1, 2, 2));
        var e = assertThrows(DataFileException.class, () -> Mnist.load(locator(given)));
        assertEquals("MNIST not found: looked for train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,"
                + " t10k-labels-idx1-ubyte (each as is or gzipped as .gz) in\n"
                + "  " + given + " (the path given): missing train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte\n"
                + "Put the four files into " + given + ", or call mnist() (Mnist.load()) without a path to search the usual places.",
                e.getMessage());
    }

    @Test
    void offlineAndAbsentSaysWhatWasTriedAndWhereToPutTheFiles() {
        env.put("JINN_DATA", tmp.resolve("nowhere").toString());
        props.put("jinn.mnist.mirrors", "http://127.0.0.1:1/mnist/");
        Path cache = tmp.resolve("home/.cache/jinn/mnist");
        var e = assertThrows(DataFileException.class, () -> Mnist.load(locator(null)));
        String message = e.getMessage();
        assertTrue(message.startsWith("MNIST not found: looked for train-images-idx3-ubyte, train-labels-idx1-ubyte,"
                + " t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (each as is or gzipped as .gz) in\n"
                + "  " + tmp.resolve("nowhere/mnist") + " (JINN_DATA/mnist): no such directory\n"
                + "  " + tmp.resolve("nowhere") + " (JINN_DATA): no such directory\n"
                + "  " + cache + " (per-user cache): no such directory\n"
                + "  " + tmp.resolve("opt/shared/data/mnist") + " (beside jinn's installation " + tmp.resolve("opt/jinn-0.1.0")
                + "): no such directory\n"
                + "Download into " + cache + " failed:\n"
                + "  http://127.0.0.1:1/mnist/train-images-idx3-ubyte.gz: cannot connect ("), message);
        assertTrue(message.endsWith("\nPut the four files into " + cache
                + " (or into a directory named by JINN_DATA), or pass their directory: mnist(\"...\") (Mnist.load(Path.of(\"...\")))."), message);
    }

    @Test
    void downloadsCanBeSwitchedOff() {
        env.put("JINN_OFFLINE", "1");
        var e = assertThrows(DataFileException.class, () -> Mnist.load(locator(null)));
        assertTrue(e.getMessage().contains("\ndownloads are off (JINN_OFFLINE=1)\nPut the four files into "), e.getMessage());
    }

    @Test
    void downloadsVerifiesAndCachesFromTheFirstMirrorThatWorks() throws IOException {
        Path real = realMnist();
        HttpServer server = serve(real, Map.of());
        try {
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/mnist";
            props.put("jinn.mnist.mirrors", "http://127.0.0.1:1/dead/, " + mirror);
            Mnist m = Mnist.load(locator(null));
            Path cache = tmp.resolve("home/.cache/jinn/mnist");
            assertEquals(cache, m.directory());
            assertEquals(60_000, m.train().size());
            assertEquals(10_000, m.test().size());
            for (String name : Mnist.FILES) {
                assertArrayEquals(Files.readAllBytes(real.resolve(name + ".gz")), Files.readAllBytes(cache.resolve(name + ".gz")));
            }
            try (var files = Files.list(cache)) {
                assertEquals(4, files.count(), "no temporary files left");
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void checksumMismatchIsRejectedAndNothingIsCached() throws IOException {
        Path real = realMnist();
        Path cache = tmp.resolve("home/.cache/jinn/mnist");
        Files.createDirectories(cache);
        for (String name : List.of(Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS, Mnist.TEST_IMAGES)) {
            Files.copy(real.resolve(name + ".gz"), cache.resolve(name + ".gz"));
        }
        byte[] labels = new java.util.zip.GZIPInputStream(Files.newInputStream(real.resolve(Mnist.TEST_LABELS + ".gz"))).readAllBytes();
        labels[8] = 9; // the first test label is 7; a one-byte change must be caught
        HttpServer server = serve(real, Map.of(Mnist.TEST_LABELS + ".gz", gzip(labels)));
        try {
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/";
            props.put("jinn.mnist.mirrors", mirror);
            var e = assertThrows(DataFileException.class, () -> Mnist.load(locator(null)));
            assertTrue(e.getMessage().contains("Download into " + cache + " failed:\n  " + mirror
                    + "t10k-labels-idx1-ubyte.gz: checksum mismatch: uncompressed content has 10008 bytes with SHA-256 "), e.getMessage());
            assertTrue(e.getMessage().contains(", expected 10008 bytes with SHA-256 "
                    + "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2\n"), e.getMessage());
            assertFalse(Files.exists(cache.resolve(Mnist.TEST_LABELS + ".gz")));
            assertFalse(Files.exists(cache.resolve(Mnist.TEST_LABELS)));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void missingOnTheMirrorIsReported() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        try {
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            props.put("jinn.mnist.mirrors", mirror);
            var e = assertThrows(DataFileException.class, () -> Mnist.load(locator(null)));
            assertTrue(e.getMessage().contains("failed:\n  " + mirror + "train-images-idx3-ubyte.gz: IOException: HTTP 404\n"),
                    e.getMessage());
        } finally {
            server.stop(0);
        }
    }

    /** Serves {@code dir}'s files under /mnist/ (and any path), with some names answered by {@code overrides}. */
    private static HttpServer serve(Path dir, Map<String, byte[]> overrides) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            String name = path.substring(path.lastIndexOf('/') + 1);
            byte[] body = overrides.containsKey(name) ? overrides.get(name)
                    : Files.isRegularFile(dir.resolve(name)) ? Files.readAllBytes(dir.resolve(name)) : null;
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
        return server;
    }

    @Test
    void looksBesideJinnsOwnCheckoutOrInstallationWhereverItRunsFrom() throws IOException {
        // a checkout: classes in checkout/dsl/target/classes, the data in a shared/ beside the checkout
        Path checkout = tmp.resolve("src/jinn");
        Files.createDirectories(checkout.resolve("dsl/target/classes"));
        Files.writeString(checkout.resolve("pom.xml"), "<project/>");
        fakeMnist(tmp.resolve("src/shared/data/mnist"));
        var fromCheckout = new MnistLocator(null, env::get, props::get, checkout.resolve("dsl/target/classes"), tmp.resolve("home"));
        assertEquals(tmp.resolve("src/shared/data/mnist"), Mnist.load(fromCheckout).directory());
        // an installation: bin/jinn and lib/ in opt/jinn-0.1.0, the data in opt/shared
        fakeMnist(tmp.resolve("opt/shared/data/mnist"));
        assertEquals(tmp.resolve("opt/shared/data/mnist"), Mnist.load(locator(null)).directory());
        // the per-user cache follows $HOME, as the launcher's ~/.jinn does
        assertEquals(Path.of("/somewhere/else"), MnistLocator.home(Map.of("HOME", "/somewhere/else")::get));
        assertEquals(Path.of(System.getProperty("user.home")), MnistLocator.home(name -> null));
    }
}
