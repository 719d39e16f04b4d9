package jinn.data;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The real MNIST files in ../shared/data/mnist, found the way {@link Mnist#load()} finds them. */
class MnistTest {

    private static Mnist mnist;

    @BeforeAll
    static void load() {
        String root = System.getProperty("jinn.root");
        assertNotNull(root, "system property jinn.root (the checkout) is not set; Maven's surefire sets it");
        Path shared = Path.of(root).resolve("../shared/data/mnist").normalize();
        assertTrue(Files.isDirectory(shared), "the real MNIST files are expected in " + shared);
        mnist = Mnist.load();
    }

    @AfterAll
    static void release() {
        mnist = null; // 220 MB; the next test class may load its own
    }

    @Test
    void aSecondLoadOfTheSameFilesIsFree() {
        assertSame(mnist, Mnist.load());
        assertSame(mnist, Mnist.load(mnist.directory().resolve(Mnist.TRAIN_IMAGES + ".gz")), "a file path means its directory");
    }

    @Test
    void sizesAndShapes() {
        assertEquals(60_000, mnist.train().size());
        assertEquals(10_000, mnist.test().size());
        assertEquals(784, mnist.train().featureCount());
        assertEquals(784, mnist.test().featureCount());
        assertEquals(10, mnist.train().classCount());
        assertEquals("Dataset mnist-train: 60000 rows x 784 features, 10 classes [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]",
                mnist.train().toString());
    }

    @Test
    void firstLabelsAndClassCountsAreTheStandardOnes() {
        int[] train = mnist.train().labels();
        int[] test = mnist.test().labels();
        assertArrayEquals(new int[]{5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, java.util.Arrays.copyOf(train, 10));
        assertArrayEquals(new int[]{7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, java.util.Arrays.copyOf(test, 10));
        assertArrayEquals(new int[]{5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, mnist.train().classCounts());
        assertArrayEquals(new int[]{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, mnist.test().classCounts());
    }

    @Test
    void pixelsAreScaledToTheUnitInterval() {
        float[] x = mnist.train().features();
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        double sum = 0;
        for (float v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
        assertEquals(0.1307, sum / x.length, 1e-4, "the well-known MNIST pixel mean");
        // Image 0 (a 5): row 14 of the 28 x 28 grid has ink; the top-left corner has none.
        assertEquals(0f, mnist.train().feature(0, 0));
        assertTrue(mnist.train().feature(0, 14 * 28 + 14) >= 0f);
        float rowInk = 0;
        for (int c = 0; c < 28; c++) rowInk += mnist.train().feature(0, 14 * 28 + c);
        assertTrue(rowInk > 1, "ink in the middle row of the first digit: " + rowInk);
    }

    @Test
    void standardisationUsesTheTrainingImages() {
        Mnist s = mnist.standardized();
        double sum = 0;
        float[] x = s.train().features();
        int pixel = 14 * 28 + 14;
        for (int i = 0; i < 60_000; i++) sum += x[i * 784 + pixel];
        assertEquals(0, sum / 60_000, 1e-4);
        assertEquals(0f, s.train().feature(0, 0), "constant border pixels stay at 0");
        Standardizer fitted = mnist.train().standardizer();
        float expected = (mnist.test().feature(0, pixel) - fitted.mean()[pixel]) / fitted.std()[pixel];
        assertEquals(expected, s.test().feature(0, pixel), 1e-6f);
        assertArrayEquals(mnist.test().labels(), s.test().labels());
    }
}
