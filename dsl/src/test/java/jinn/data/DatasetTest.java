package jinn.data;

import jinn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class DatasetTest {

    /** Ten rows whose first feature is the row number, so moved rows can be recognised. */
    private static Dataset numbered() {
        float[][] x = new float[10][];
        int[] y = new int[10];
        for (int i = 0; i < 10; i++) {
            x[i] = new float[]{i, 10 * i};
            y[i] = i % 3;
        }
        return Dataset.of(x, y, "a", "b", "c").named("numbered");
    }

    @Test
    void holdsRowsLabelsAndClasses() {
        Dataset d = numbered();
        assertEquals(10, d.size());
        assertEquals(2, d.featureCount());
        assertEquals(3, d.classCount());
        assertEquals(List.of("a", "b", "c"), d.classNames());
        assertEquals(List.of("x0", "x1"), d.featureNames());
        assertArrayEquals(new float[]{7, 70}, d.row(7));
        assertEquals(70f, d.feature(7, 1));
        assertEquals(1, d.label(7));
        assertEquals("b", d.className(7));
        assertArrayEquals(new int[]{4, 3, 3}, d.classCounts());
        assertEquals("Dataset numbered: 10 rows x 2 features, 3 classes [a, b, c]", d.toString());
    }

    @Test
    void anEmptyDataSetSaysSoInsteadOfZeroFeatures() {
        assertEquals("Dataset data: empty (0 rows), 2 classes [no, yes]",
                Dataset.of(new float[0][2], new int[0], "no", "yes").toString());
        assertEquals("Dataset data: empty (0 rows), 1 target", Dataset.of(new float[0][2], new float[0]).toString());
        assertEquals("Dataset data: 1 row x 2 features, 1 target", Dataset.of(new float[][]{{1, 2}}, new float[]{3}).toString());
    }

    @Test
    void tensorsWrapTheFeaturesAndOneHotTheLabels() {
        Dataset d = Dataset.of(new float[][]{{1, 2}, {3, 4}, {5, 6}}, new int[]{2, 0, 1});
        Tensor x = d.x();
        assertArrayEquals(new int[]{3, 2}, x.shape());
        assertEquals(6f, x.get(2, 1));
        assertEquals(List.of("0", "1", "2"), d.classNames(), "class names default to the label numbers");
        assertArrayEquals(new float[]{0, 0, 1, 1, 0, 0, 0, 1, 0}, d.oneHot().toArray());
        assertArrayEquals(d.oneHot().toArray(), d.y().toArray());
        assertArrayEquals(new int[]{3, 3}, d.y().shape());
    }

    @Test
    void fromTensors() {
        Tensor x = Tensor.of(new float[]{0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
        Dataset xor = Dataset.of(x, new int[]{0, 1, 1, 0});
        assertArrayEquals(x.toArray(), xor.featureArray());
        assertEquals(List.of("0", "1"), xor.classNames());
        Dataset reg = Dataset.of(x, Tensor.of(new float[]{1, 2, 3, 4, 5, 6, 7, 8}, 4, 2));
        assertEquals(2, reg.targetWidth());
        assertArrayEquals(new float[]{5, 6}, reg.select(new int[]{2}).targets());
        var e = assertThrows(IllegalArgumentException.class, () -> Dataset.of(x, Tensor.of(new float[3], 3)));
        assertEquals("Dataset.of: expected targets of shape [4] or [4, k], got [3]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Dataset.of(Tensor.of(new float[4], 4), new int[4]));
        assertEquals("Dataset.of: expected features of shape [rows, features], got [4]", e.getMessage());
    }

    @Test
    void regressionHoldsTargets() {
        Dataset d = Dataset.of(new float[][]{{1}, {2}, {3}}, new float[]{2, 4, 6});
        assertFalse(d.isClassification());
        assertEquals(0, d.classCount());
        assertEquals(1, d.targetWidth());
        assertArrayEquals(new float[]{2, 4, 6}, d.targets());
        assertArrayEquals(new int[]{3, 1}, d.y().shape());
        assertEquals("Dataset data: 3 rows x 1 feature, 1 target", d.toString());
        var e = assertThrows(IllegalStateException.class, d::labels);
        assertEquals("data is a regression data set (targets, no class labels): labels() needs labels", e.getMessage());
        assertEquals(4f, d.select(new int[]{1}).targets()[0]);
    }

    @Test
    void badInputIsNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new float[][]{{0, 0}, {1, 1}}, new int[]{0, 3}, "no", "yes"));
        assertEquals("data: label 3 at row 1 is out of range: expected 0..1 for the classes [no, yes]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new float[][]{{0, 0}, {1, Float.NaN}}, new int[]{0, 1}));
        assertEquals("data: feature 1 of row 1 is NaN; values must be finite numbers", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new float[][]{{0, 0}, {1}}, new int[]{0, 1}));
        assertEquals("Dataset.of: row 1 has 1 values, expected 2 like row 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification("d", new float[6], 3, 2, new int[2], List.of("a")));
        assertEquals("d: 3 feature rows but 2 labels", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification("d", new float[5], 3, 2, new int[3], List.of("a")));
        assertEquals("d: expected 3 x 2 = 6 feature values, got 5", e.getMessage());
    }

    @Test
    void copiesRowsIntoReusedBuffers() {
        Dataset d = numbered();
        int[] order = {9, 3, 5, 0};
        float[] x = new float[3 * 2];
        int[] y = new int[3];
        float[] hot = new float[3 * 3];
        Arrays.fill(hot, 7f);
        d.copyRows(order, 1, 3, x);
        d.copyLabels(order, 1, 3, y);
        d.copyOneHot(order, 1, 3, hot);
        assertArrayEquals(new float[]{3, 30, 5, 50, 0, 0}, x);
        assertArrayEquals(new int[]{0, 2, 0}, y);
        assertArrayEquals(new float[]{1, 0, 0, 0, 0, 1, 1, 0, 0}, hot);
        var e = assertThrows(IllegalArgumentException.class, () -> d.copyRows(order, 0, 4, x));
        assertEquals("numbered.copyRows: 4 rows need 8 values, the buffer holds 6", e.getMessage());
        var e2 = assertThrows(IndexOutOfBoundsException.class, () -> d.copyLabels(order, 2, 3, new int[3]));
        assertEquals("numbered.copyLabels: rows 2..5 outside the order array of 4", e2.getMessage());
    }

    @Test
    void copiesRowsAtAnOffsetForAShareOfABatch() {
        Dataset d = numbered();
        int[] order = {9, 3, 5, 0};
        float[] x = new float[7];
        Arrays.fill(x, -1f);
        d.copyRows(order, 2, 2, x, 3);
        assertArrayEquals(new float[]{-1, -1, -1, 5, 50, 0, 0}, x);
        var e = assertThrows(IllegalArgumentException.class, () -> d.copyRows(order, 0, 2, new float[5], 2));
        assertEquals("numbered.copyRows: 2 rows need 4 values, the buffer holds 3 past offset 2", e.getMessage());
        var e2 = assertThrows(IndexOutOfBoundsException.class, () -> d.copyRows(order, 0, 1, x, -1));
        assertEquals("numbered.copyRows: offset -1 outside the buffer of 7", e2.getMessage());
    }

    @Test
    void batchesCoverEveryRowOncePerPassAndReshuffle() {
        Dataset d = numbered();
        Batches batches = d.batches(4, 42);
        assertEquals(3, batches.count());
        List<List<Integer>> passes = new ArrayList<>();
        Set<Batch> buffers = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int pass = 0; pass < 3; pass++) {
            List<Integer> seen = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            for (Batch b : batches) {
                buffers.add(b);
                sizes.add(b.size());
                assertEquals(b.size() * 2, b.features().length);
                for (int k = 0; k < b.size(); k++) {
                    int row = (int) b.features()[2 * k];
                    assertEquals(row, b.rows()[k]);
                    assertEquals(row % 3, b.labels()[k], "label travels with its row");
                    assertEquals(1f, b.y().get(k, row % 3));
                    seen.add(row);
                }
            }
            assertEquals(List.of(4, 4, 2), sizes);
            assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), new HashSet<>(seen));
            assertEquals(10, seen.size());
            passes.add(seen);
        }
        assertEquals(2, buffers.size(), "one buffer for full batches, one for the short last batch");
        assertNotEquals(passes.get(0), passes.get(1), "each pass draws a new order");

        List<Integer> again = new ArrayList<>();
        for (Batch b : d.batches(4, 42)) for (int r : b.rows()) again.add(r);
        assertEquals(passes.get(0), again, "the same seed gives the same first pass");

        List<Integer> inOrder = new ArrayList<>();
        for (Batch b : d.batches(3)) for (int r : b.rows()) inOrder.add(r);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), inOrder);
        var e = assertThrows(IllegalArgumentException.class, () -> d.batches(0));
        assertEquals("numbered.batches: batch size must be >= 1, got 0", e.getMessage());
    }

    @Test
    void shuffleHeadSelectAndRows() {
        Dataset d = numbered();
        Dataset s = d.shuffle(3);
        assertEquals(d.shuffle(3).labels().length, 10);
        assertArrayEquals(d.shuffle(3).featureArray(), s.featureArray(), "same seed, same order");
        assertFalse(Arrays.equals(d.featureArray(), s.featureArray()));
        for (int i = 0; i < s.size(); i++) assertEquals((int) s.feature(i, 0) % 3, s.label(i));
        assertEquals(3, d.head(3).size());
        assertArrayEquals(new float[]{2, 20}, d.head(3).row(2));
        assertEquals(10, d.head(50).size());
        assertArrayEquals(new int[]{2, 0}, d.select(new int[]{5, 3}).labels());
        assertArrayEquals(new float[]{4, 40, 5, 50}, d.rows(4, 6).featureArray());
        assertTrue(d.head(0).isEmpty());
    }

    @Test
    void splitIsDisjointCompleteStratifiedAndSeeded() {
        Dataset dice = Synthetic.dice();
        Dataset.Split split = dice.split(0.25, 42);
        assertEquals(54, split.test().size());
        assertEquals(162, split.train().size());
        assertArrayEquals(new int[]{27, 27}, split.test().classCounts(), "both classes keep their share");
        assertEquals("dice-train", split.train().name());
        Set<String> all = new HashSet<>();
        for (Dataset part : List.of(split.train(), split.test())) {
            for (int i = 0; i < part.size(); i++) all.add(Arrays.toString(part.row(i)));
        }
        assertEquals(216, all.size(), "every roll lands in exactly one part");
        assertArrayEquals(split.test().featureArray(), dice.split(0.25, 42).test().featureArray());
        assertFalse(Arrays.equals(split.test().featureArray(), dice.split(0.25, 43).test().featureArray()));

        Dataset reg = Dataset.of(new float[][]{{1}, {2}, {3}, {4}}, new float[]{1, 2, 3, 4});
        assertEquals(1, reg.split(0.25, 1).test().size());
        var e = assertThrows(IllegalArgumentException.class, () -> dice.split(1.0, 1));
        assertEquals("dice.split: testFraction must be between 0 and 1 (exclusive), got 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Synthetic.xor().split(0.1, 1));
        assertEquals("xor.split: 4 rows with testFraction 0.1 leave the test part empty", e.getMessage());
    }

    @Test
    void standardizerIsFittedOnTrainAndAppliedToTest() {
        Dataset train = Dataset.of(new float[][]{{1, 5, 100}, {3, 5, 200}, {5, 5, 300}}, new int[]{0, 1, 0});
        Dataset test = Dataset.of(new float[][]{{7, 6, 200}}, new int[]{1});
        Standardizer s = train.standardizer();
        assertArrayEquals(new float[]{3, 5, 200}, s.mean());
        float sd0 = (float) Math.sqrt(8.0 / 3), sd2 = (float) Math.sqrt(20000.0 / 3);
        assertArrayEquals(new float[]{sd0, 1, sd2}, s.std(), 1e-4f, "a constant feature divides by 1");
        Dataset t = s.apply(train);
        double sum = 0, sq = 0;
        for (int i = 0; i < 3; i++) {
            sum += t.feature(i, 0);
            sq += t.feature(i, 0) * t.feature(i, 0);
        }
        assertEquals(0, sum, 1e-5);
        assertEquals(3, sq, 1e-4);
        assertArrayEquals(new float[]{4 / sd0, 1, 0}, s.apply(test).row(0), 1e-5f, "test uses the training statistics");
        assertArrayEquals(train.labels(), t.labels());
        assertArrayEquals(new float[]{1, 5, 100}, train.row(0), "the original is unchanged");
        var e = assertThrows(IllegalArgumentException.class, () -> s.apply(Synthetic.xor()));
        assertEquals("Standardizer: fitted on 3 features, xor has 2", e.getMessage());
    }

    @Test
    void orderIsAPermutation() {
        int[] order = numbered().order(new Random(5));
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted);
    }

    @Test
    void negativeLabelsAreNamedAsSuch() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new float[][]{{1}, {2}}, new int[]{0, -1}));
        org.junit.jupiter.api.Assertions.assertEquals(
                "data: label -1 at row 1 is negative; class labels count from 0 (0, 1, 2, ...)", e.getMessage());
    }

    @Test
    void aMillionFeaturesCostNoMillionNames() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        float[] x = new float[2_000_000];
        long before = threads.getCurrentThreadAllocatedBytes();
        Dataset d = Dataset.classification("wide", x, 1, x.length, new int[]{0}, List.of("a"));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1_000_000, "building a data set of 2,000,000 features allocated " + allocated + " bytes");
        assertEquals(2_000_000, d.featureNames().size());
        assertEquals("x1999999", d.featureNames().get(1_999_999));
        assertEquals(List.of("x0", "x1"), d.featureNames().subList(0, 2));
    }
}
