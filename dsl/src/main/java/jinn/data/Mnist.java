package jinn.data;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MNIST digits: 60,000 training and 10,000 test images of 28 x 28 pixels, as data sets of
 * 784 features in [0, 1] with labels 0..9.
 *
 * <pre>{@code
 * var mnist = Mnist.load();                  // finds, or downloads once, the four IDX files
 * mnist.train()                              // Dataset mnist-train: 60000 rows x 784 features, 10 classes
 * var scaled = mnist.standardized();         // per-pixel, fitted on the training images
 * }</pre>
 *
 * <p>{@link #load()} looks, in order, in: the system property {@code jinn.data} and the
 * environment variable {@code JINN_DATA} (each as {@code <dir>/mnist} and {@code <dir>}), the
 * per-user cache {@code $XDG_CACHE_HOME/jinn/mnist} or {@code ~/.cache/jinn/mnist}, and
 * a {@code shared/data/mnist} folder beside jinn's own checkout or installation (found from where
 * jinn's classes are, whatever the working directory; also beside {@code -Djinn.root}). A
 * directory counts when it holds all four files, each gzipped ({@code .gz}) or not. Failing that it downloads them into the cache from {@link #MIRRORS} (override with the
 * comma-separated system property {@code jinn.mnist.mirrors} or {@code JINN_MNIST_MIRRORS}; switch
 * off with {@code jinn.offline=true} or {@code JINN_OFFLINE=1}), keeping only files whose
 * uncompressed SHA-256 matches the published one.
 */
public final class Mnist {

    /** Public mirrors of the original files, tried in order. */
    public static final List<String> MIRRORS = List.of(
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
            "https://storage.googleapis.com/cvdf-datasets/mnist/");

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** The four file names without {@code .gz}. */
    public static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    /** SHA-256 of the uncompressed standard files. */
    static final Map<String, String> SHA256 = Map.of(
            TRAIN_IMAGES, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            TRAIN_LABELS, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            TEST_IMAGES, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            TEST_LABELS, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    /** Lengths in bytes of the uncompressed standard files. */
    static final Map<String, Long> LENGTHS = Map.of(
            TRAIN_IMAGES, 47_040_016L, TRAIN_LABELS, 60_008L, TEST_IMAGES, 7_840_016L, TEST_LABELS, 10_008L);

    public static final List<String> CLASS_NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** The most pixels an image may have: each is a feature, and a forged header must not mean a billion of them. */
    static final long MAX_PIXELS = 4096L * 4096;

    private final Dataset train;
    private final Dataset test;
    private final Path directory;

    private Mnist(Dataset train, Dataset test, Path directory) {
        this.train = train;
        this.test = test;
        this.directory = directory;
    }

    /** Finds MNIST (see the class comment), downloading it into the cache when it is nowhere. */
    public static Mnist load() {
        return load(MnistLocator.ofSystem(null));
    }

    /** Reads MNIST from {@code dir} and nowhere else. */
    public static Mnist load(Path dir) {
        return load(MnistLocator.ofSystem(dir));
    }

    /** Reads MNIST from the directory {@code dir} and nowhere else. */
    public static Mnist load(String dir) {
        return load(Path.of(dir));
    }

    static Mnist load(MnistLocator locator) {
        List<String> searched = new ArrayList<>();
        for (MnistLocator.Place place : locator.places()) {
            Map<String, Path> found = find(place.dir());
            if (found.size() == FILES.size()) return read(found, place.dir());
            searched.add(place.dir() + " (" + place.why() + "): " + missingText(place.dir(), found));
        }
        if (locator.explicit() != null) throw notFound(searched, null, List.of(), locator);
        Path cache = locator.cacheDir();
        String offline = locator.offlineReason();
        if (offline != null) throw notFound(searched, "downloads are off (" + offline + ")", List.of(), locator);
        MnistDownload download = new MnistDownload(locator.mirrors());
        Map<String, Path> present = find(cache);
        for (String name : FILES) {
            if (!present.containsKey(name) && !download.fetch(name, cache)) {
                throw notFound(searched, "Download into " + cache + " failed:", download.problems(), locator);
            }
        }
        return read(find(cache), cache);
    }

    /** The four files in {@code dir}, each found as {@code name} or {@code name.gz}. */
    static Map<String, Path> find(Path dir) {
        Map<String, Path> found = new LinkedHashMap<>();
        for (String name : FILES) {
            for (Path candidate : List.of(dir.resolve(name), dir.resolve(name + ".gz"))) {
                if (Files.isRegularFile(candidate)) {
                    found.put(name, candidate);
                    break;
                }
            }
        }
        return found;
    }

    private static String missingText(Path dir, Map<String, Path> found) {
        if (!Files.isDirectory(dir)) return "no such directory";
        if (found.isEmpty()) return "none of the four files";
        List<String> missing = new ArrayList<>(FILES);
        missing.removeAll(found.keySet());
        return "missing " + String.join(", ", missing);
    }

    private static DataFileException notFound(List<String> searched, String downloadHeading, List<String> problems,
                                              MnistLocator locator) {
        StringBuilder s = new StringBuilder("MNIST not found: looked for ")
                .append(String.join(", ", FILES)).append(" (each as is or gzipped as .gz) in\n");
        for (String line : searched) s.append("  ").append(line).append('\n');
        if (downloadHeading != null) {
            s.append(downloadHeading).append('\n');
            for (String p : problems) s.append("  ").append(p).append('\n');
        }
        if (locator.explicit() != null) {
            s.append("Put the four files into ").append(locator.explicit().toAbsolutePath().normalize())
                    .append(", or call mnist() (Mnist.load()) without a path to search the usual places.");
        } else {
            s.append("Put the four files into ").append(locator.cacheDir())
                    .append(" (or into a directory named by JINN_DATA), or pass their directory: mnist(\"...\") (Mnist.load(Path.of(\"...\"))).");
        }
        return new DataFileException(s.toString());
    }

    /**
     * What was read, by file identity: notebooks re-run their cells, and a second load of the same
     * unchanged files costs nothing. Soft, so the memory goes back when the heap runs short.
     */
    private static final Map<List<String>, SoftReference<Mnist>> LOADED = new ConcurrentHashMap<>();

    private static Mnist read(Map<String, Path> files, Path dir) {
        List<String> key = new ArrayList<>();
        try {
            for (Path file : files.values()) {
                key.add(file.toAbsolutePath() + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis());
            }
        } catch (IOException e) {
            throw new DataFileException(dir + ": cannot read: " + e, e);
        }
        SoftReference<Mnist> cached = LOADED.get(key);
        Mnist mnist = cached == null ? null : cached.get();
        if (mnist == null) {
            mnist = readFiles(files, dir);
            LOADED.put(List.copyOf(key), new SoftReference<>(mnist));
        }
        return mnist;
    }

    private static Mnist readFiles(Map<String, Path> files, Path dir) {
        Dataset train = dataset("mnist-train", files.get(TRAIN_IMAGES), files.get(TRAIN_LABELS));
        Dataset test = dataset("mnist-test", files.get(TEST_IMAGES), files.get(TEST_LABELS));
        return new Mnist(train, test, dir);
    }

    /** One part of MNIST from an images file and a labels file, checked against each other. */
    static Dataset dataset(String name, Path imagesFile, Path labelsFile) {
        IdxFile images = IdxFile.read(imagesFile, 3);
        IdxFile labels = IdxFile.read(labelsFile, 1);
        int n = images.dims()[0], h = images.dims()[1], w = images.dims()[2];
        if (n == 0 || (long) h * w == 0) {
            throw new DataFileException(imagesFile + ": holds no images (its header announces " + n + " images of "
                    + h + " x " + w + " pixels)");
        }
        if ((long) h * w > MAX_PIXELS) {
            throw new DataFileException(imagesFile + ": images of " + h + " x " + w + " pixels are more than the "
                    + MAX_PIXELS + " pixels (4096 x 4096) jinn reads as features");
        }
        if (labels.dims()[0] != n) {
            throw new DataFileException(imagesFile + " holds " + n + " images but " + labelsFile + " holds "
                    + labels.dims()[0] + " labels");
        }
        int width = h * w;
        float[] x = unitFloats(images.data());
        byte[] raw = labels.data();
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = raw[i] & 0xff;
            if (y[i] > 9) {
                throw new DataFileException(labelsFile + ": label " + y[i] + " at index " + i + " is not a digit 0..9");
            }
        }
        return Dataset.classification(name, x, n, width, y, CLASS_NAMES);
    }

    /**
     * Pixels 0..255 as floats 0..1. A method of its own so that the JIT, which compiles this loop while
     * the 47 million pixels load (on-stack replacement), compiles this loop alone: compiled inside
     * {@link #dataset}, with the file reading and checks around it, it took C2 234 ms, in the half
     * second before a first fit when C2 is needed for the kernels (the CPU backend's warm-up).
     */
    private static float[] unitFloats(byte[] pixels) {
        float[] x = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) x[i] = (pixels[i] & 0xff) * (1f / 255f);
        return x;
    }

    /** The 60,000 training images. */
    public Dataset train() { return train; }

    /** The 10,000 test images. */
    public Dataset test() { return test; }

    /** Where the files were read from. */
    public Path directory() { return directory; }

    /** Both parts standardised per pixel with the mean and deviation of the training images. */
    public Mnist standardized() {
        Standardizer s = train.standardizer();
        return new Mnist(s.apply(train), s.apply(test), directory);
    }

    @Override
    public String toString() {
        return "MNIST from " + directory + ": train " + train.size() + " x " + train.featureCount()
                + ", test " + test.size() + " x " + test.featureCount() + ", classes 0-9";
    }
}
