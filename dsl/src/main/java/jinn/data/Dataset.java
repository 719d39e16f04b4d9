package jinn.data;

import jinn.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Rows of float features with, per row, a class label (classification) or float targets
 * (regression). Immutable: every operation returns a new data set.
 *
 * <pre>{@code
 * var xor = Dataset.of(new float[][]{{0, 0}, {0, 1}, {1, 0}, {1, 1}}, new int[]{0, 1, 1, 0});
 * var parts = Synthetic.moons(400, 0.1, 7).split(0.25, 42);
 * var scaler = parts.train().standardizer();          // fitted on the training rows only
 * var train = scaler.apply(parts.train()), test = scaler.apply(parts.test());
 * for (var batch : train.batches(32, 1)) { ... batch.x() ... batch.labels() ... }
 * }</pre>
 *
 * <p>Features are stored row-major in one {@code float[]} of {@code size() * featureCount()}
 * values; {@link #x()} wraps it as a tensor without copying, and {@link #copyRows} gathers rows
 * into a caller's buffer so a training loop allocates nothing per batch.
 */
public final class Dataset {

    private final String name;
    private final float[] x;
    private final int rows;
    private final int width;
    private final List<String> featureNames;
    private final int[] labels;            // null for regression
    private final List<String> classNames; // empty for regression
    private final float[] targets;         // null for classification
    private final int targetWidth;

    private Dataset(String name, float[] x, int rows, int width, List<String> featureNames,
                    int[] labels, List<String> classNames, float[] targets, int targetWidth) {
        this.name = name;
        this.x = x;
        this.rows = rows;
        this.width = width;
        this.featureNames = featureNames;
        this.labels = labels;
        this.classNames = classNames;
        this.targets = targets;
        this.targetWidth = targetWidth;
    }

    // ------------------------------------------------------------------ creation

    /**
     * A classification data set over {@code features} (row-major, {@code rows x width}, not copied:
     * do not change it afterwards). Labels are class indices into {@code classNames}.
     */
    public static Dataset classification(String name, float[] features, int rows, int width,
                                         int[] labels, List<String> classNames) {
        checkFeatures(name, features, rows, width);
        if (labels.length != rows) {
            throw new IllegalArgumentException(name + ": " + rows + " feature rows but " + labels.length + " labels");
        }
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException(name + ": a classification data set needs at least one class name");
        }
        for (int i = 0; i < rows; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " at row " + i
                        + " is out of range: expected 0.." + (classNames.size() - 1) + " for the classes " + classNames);
            }
        }
        return new Dataset(name, features, rows, width, defaultFeatureNames(width),
                labels.clone(), List.copyOf(classNames), null, 0);
    }

    /** A regression data set: {@code targets} holds {@code rows x targetWidth} values, row-major. */
    public static Dataset regression(String name, float[] features, int rows, int width,
                                     float[] targets, int targetWidth) {
        checkFeatures(name, features, rows, width);
        if (targetWidth < 1 || (long) rows * targetWidth != targets.length) {
            throw new IllegalArgumentException(name + ": expected " + rows + " x " + targetWidth + " = "
                    + (long) rows * targetWidth + " targets, got " + targets.length);
        }
        checkFinite(name, "target", targets, targetWidth);
        return new Dataset(name, features, rows, width, defaultFeatureNames(width), null, List.of(),
                targets.clone(), targetWidth);
    }

    /** Classification from rows written out by hand; class names default to "0", "1", ... */
    public static Dataset of(float[][] features, int[] labels, String... classNames) {
        int width = features.length == 0 ? 0 : features[0].length;
        float[] flat = flatten("Dataset.of", features, width);
        List<String> names = classNames.length > 0 ? List.of(classNames) : numberedClasses(labels);
        return classification("data", flat, features.length, width, labels, names);
    }

    /** Regression from rows written out by hand, one target per row. */
    public static Dataset of(float[][] features, float[] targets) {
        int width = features.length == 0 ? 0 : features[0].length;
        return regression("data", flatten("Dataset.of", features, width), features.length, width, targets, 1);
    }

    /** Classification over the rows of a 2-D tensor; class names default to "0", "1", ... */
    public static Dataset of(Tensor features, int[] labels, String... classNames) {
        requireMatrix(features);
        List<String> names = classNames.length > 0 ? List.of(classNames) : numberedClasses(labels);
        return classification("data", features.toArray(), features.dim(0), features.dim(1), labels, names);
    }

    /** Regression over the rows of a 2-D tensor; targets is {@code [rows]} or {@code [rows, k]}. */
    public static Dataset of(Tensor features, Tensor targets) {
        requireMatrix(features);
        int rows = features.dim(0);
        if (targets.rank() < 1 || targets.rank() > 2 || targets.dim(0) != rows) {
            throw new IllegalArgumentException("Dataset.of: expected targets of shape [" + rows + "] or ["
                    + rows + ", k], got " + Arrays.toString(targets.shape()));
        }
        int width = targets.rank() == 1 ? 1 : targets.dim(1);
        return regression("data", features.toArray(), rows, features.dim(1), targets.toArray(), width);
    }

    private static void requireMatrix(Tensor t) {
        if (t.rank() != 2) {
            throw new IllegalArgumentException("Dataset.of: expected features of shape [rows, features], got "
                    + Arrays.toString(t.shape()));
        }
    }

    /** The same data under another name (shown in messages and {@link #toString()}). */
    public Dataset named(String newName) {
        return new Dataset(newName, x, rows, width, featureNames, labels, classNames, targets, targetWidth);
    }

    /** The same data with named feature columns. */
    public Dataset withFeatureNames(List<String> names) {
        if (names.size() != width) {
            throw new IllegalArgumentException(name + ": " + width + " features but " + names.size() + " names " + names);
        }
        return new Dataset(name, x, rows, width, List.copyOf(names), labels, classNames, targets, targetWidth);
    }

    /** The same labels and targets over other features (same row count), e.g. after scaling. */
    Dataset withFeatures(float[] newX, int newWidth, List<String> newNames) {
        return new Dataset(name, newX, rows, newWidth, newNames, labels, classNames, targets, targetWidth);
    }

    private static void checkFeatures(String name, float[] features, int rows, int width) {
        if (rows < 0 || width < 0 || (long) rows * width != features.length) {
            throw new IllegalArgumentException(name + ": expected " + rows + " x " + width + " = "
                    + (long) rows * width + " feature values, got " + features.length);
        }
        checkFinite(name, "feature", features, width);
    }

    private static void checkFinite(String name, String what, float[] values, int width) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(name + ": " + what + " " + (i % width) + " of row " + (i / width)
                        + " is " + values[i] + "; values must be finite numbers");
            }
        }
    }

    private static float[] flatten(String where, float[][] rows, int width) {
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new IllegalArgumentException(where + ": row " + i + " has " + rows[i].length
                        + " values, expected " + width + " like row 0");
            }
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        return flat;
    }

    private static List<String> numberedClasses(int[] labels) {
        int max = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("data: label " + labels[i] + " at row " + i
                        + " is negative; class labels count from 0 (0, 1, 2, ...)");
            }
            max = Math.max(max, labels[i]);
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c <= max; c++) names.add(Integer.toString(c));
        return names;
    }

    /** x0, x1, ...: made when asked for, so a million features cost no million strings. */
    private static List<String> defaultFeatureNames(int width) {
        return new DefaultNames(width);
    }

    private static final class DefaultNames extends java.util.AbstractList<String> implements java.util.RandomAccess {
        private final int size;

        DefaultNames(int size) { this.size = size; }

        @Override public String get(int j) {
            java.util.Objects.checkIndex(j, size);
            return "x" + j;
        }

        @Override public int size() { return size; }
    }

    // ------------------------------------------------------------------ shape and content

    /** The data set's name, as its summary shows it: "mnist-train", "xor", a CSV file's name. */
    public String name() { return name; }

    /** The number of rows. */
    public int size() { return rows; }

    /** True when it has no rows. */
    public boolean isEmpty() { return rows == 0; }

    /** The number of features per row. */
    public int featureCount() { return width; }

    /** The names of the feature columns (a CSV's headers; x0, x1, ... when made from arrays). */
    public List<String> featureNames() { return featureNames; }

    /** True when rows carry class labels (MNIST, XOR); false for real-valued targets (regression). */
    public boolean isClassification() { return labels != null; }

    /** The number of classes; 0 for regression. */
    public int classCount() { return classNames.size(); }

    /** Class names by index; empty for regression. */
    public List<String> classNames() { return classNames; }

    /** The number of targets per row: {@link #classCount()} for classification (one-hot). */
    public int targetWidth() { return labels != null ? classNames.size() : targetWidth; }

    /** The features as a {@code [size, featureCount]} tensor sharing this data set's storage. */
    public Tensor x() { return Tensor.of(x, rows, width); }

    /** Targets as a tensor: one-hot {@code [size, classCount]} for classification, else {@code [size, targetWidth]}. */
    public Tensor y() { return labels != null ? oneHot() : Tensor.of(targets.clone(), rows, targetWidth); }

    /** One-hot labels, {@code [size, classCount]}. */
    public Tensor oneHot() { return Tensor.of(oneHotArray(), rows, classNames.size()); }

    /** A copy of the features, row-major. */
    public float[] featureArray() { return x.clone(); }

    /** A copy of one row's features. */
    public float[] row(int i) {
        checkRow(i);
        return Arrays.copyOfRange(x, i * width, (i + 1) * width);
    }

    /**
     * One feature value: {@code mnist.train().feature(0, 350)} is a pixel of the first image, in
     * [0, 1].
     */
    public float feature(int row, int column) {
        checkRow(row);
        if (column < 0 || column >= width) {
            throw new IndexOutOfBoundsException(name + ": feature " + column + " out of range 0.." + (width - 1));
        }
        return x[row * width + column];
    }

    /** A copy of the class labels. */
    public int[] labels() { return requireLabels("labels()").clone(); }

    /** The class label of one row: {@code mnist.train().label(0)} is the digit the first image shows. */
    public int label(int row) {
        checkRow(row);
        return requireLabels("label(row)")[row];
    }

    /** The class name of a row's label. */
    public String className(int row) { return classNames.get(label(row)); }

    /** A copy of the regression targets, row-major {@code size x targetWidth}. */
    public float[] targets() {
        if (targets == null) {
            throw new IllegalStateException(name + " is a classification data set; use labels() or oneHot()");
        }
        return targets.clone();
    }

    /** One-hot labels, row-major {@code size x classCount}. */
    public float[] oneHotArray() {
        int k = classNames.size();
        int[] l = requireLabels("oneHot()");
        float[] out = new float[rows * k];
        for (int i = 0; i < rows; i++) out[i * k + l[i]] = 1f;
        return out;
    }

    /** How many rows each class has, by class index. */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (int l : requireLabels("classCounts()")) counts[l]++;
        return counts;
    }

    private int[] requireLabels(String what) {
        if (labels == null) {
            throw new IllegalStateException(name + " is a regression data set (targets, no class labels): "
                    + what + " needs labels");
        }
        return labels;
    }

    private void checkRow(int i) {
        if (i < 0 || i >= rows) {
            throw new IndexOutOfBoundsException(name + ": row " + i + " out of range 0.." + (rows - 1));
        }
    }

    // ------------------------------------------------------------------ gathering rows (no allocation)

    /**
     * Copies the feature rows {@code order[from .. from+count)} into {@code dst[0 .. count*featureCount)}.
     * The training loop calls this once per batch with one reused buffer.
     */
    public void copyRows(int[] order, int from, int count, float[] dst) {
        copyRows(order, from, count, dst, 0);
    }

    /**
     * The same into {@code dst[dstOff .. dstOff + count*featureCount)}: a training step that gathers
     * its batch a share of rows per thread has each share copy its own.
     */
    public void copyRows(int[] order, int from, int count, float[] dst, int dstOff) {
        checkGather(order, from, count, dst.length, dstOff, width, "copyRows");
        // A shuffled batch's rows come from memory one after another. Reading a float of every 1 KB of
        // each first, loads that do not wait for each other, starts them all at once, and the copies
        // then find them in cache or on their way: 128 rows of MNIST in 34-37 µs instead of 50-55 (a
        // probe over 60,000 shuffled rows, Zen 5). The sum goes to a field so the JIT keeps the reads.
        float touched = 0;
        for (int b = 0; b < count; b++) {
            int row = order[from + b] * width;
            for (int i = 0; i < width; i += TOUCH_STRIDE) touched += x[row + i];
        }
        touchedSum = touched;
        for (int b = 0; b < count; b++) {
            System.arraycopy(x, order[from + b] * width, dst, dstOff + b * width, width);
        }
    }

    /** Floats between the values copyRows reads ahead of its copies: 1 KB, beyond the prefetchers' reach of a line. */
    private static final int TOUCH_STRIDE = 256;
    /** Where copyRows leaves the sum of what it read ahead (its only use is being written). */
    @SuppressWarnings("unused")
    private static float touchedSum;

    /** Copies the labels of rows {@code order[from .. from+count)} into {@code dst[0 .. count)}. */
    public void copyLabels(int[] order, int from, int count, int[] dst) {
        int[] l = requireLabels("copyLabels");
        checkGather(order, from, count, dst.length, 0, 1, "copyLabels");
        for (int b = 0; b < count; b++) dst[b] = l[order[from + b]];
    }

    /** Writes one-hot rows for {@code order[from .. from+count)} into {@code dst[0 .. count*classCount)}. */
    public void copyOneHot(int[] order, int from, int count, float[] dst) {
        int[] l = requireLabels("copyOneHot");
        int k = classNames.size();
        checkGather(order, from, count, dst.length, 0, k, "copyOneHot");
        Arrays.fill(dst, 0, count * k, 0f);
        for (int b = 0; b < count; b++) dst[b * k + l[order[from + b]]] = 1f;
    }

    /** Copies regression targets of rows {@code order[from .. from+count)} into {@code dst}. */
    public void copyTargets(int[] order, int from, int count, float[] dst) {
        if (targets == null) {
            throw new IllegalStateException(name + " is a classification data set; use copyLabels or copyOneHot");
        }
        checkGather(order, from, count, dst.length, 0, targetWidth, "copyTargets");
        for (int b = 0; b < count; b++) {
            System.arraycopy(targets, order[from + b] * targetWidth, dst, b * targetWidth, targetWidth);
        }
    }

    private void checkGather(int[] order, int from, int count, int dstLength, int dstOff, int perRow, String op) {
        if (from < 0 || count < 0 || from + count > order.length) {
            throw new IndexOutOfBoundsException(name + "." + op + ": rows " + from + ".." + (from + count)
                    + " outside the order array of " + order.length);
        }
        if (dstOff < 0 || dstOff > dstLength) {
            throw new IndexOutOfBoundsException(name + "." + op + ": offset " + dstOff + " outside the buffer of " + dstLength);
        }
        if ((long) count * perRow > dstLength - dstOff) {
            throw new IllegalArgumentException(name + "." + op + ": " + count + " rows need " + (long) count * perRow
                    + " values, the buffer holds " + (dstLength - dstOff) + (dstOff > 0 ? " past offset " + dstOff : ""));
        }
    }

    /** The row indices 0..size-1 in a random order drawn from {@code random}. */
    public int[] order(Random random) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) order[i] = i;
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Batches in row order; see {@link Batches}. */
    public Batches batches(int batchSize) {
        return new Batches(this, batchSize, null);
    }

    /** Batches in a new random order on every pass, the orders drawn from one generator seeded with {@code seed}. */
    public Batches batches(int batchSize, long seed) {
        return new Batches(this, batchSize, new Random(seed));
    }

    // ------------------------------------------------------------------ new data sets

    /** The rows at the given indices, in that order (indices may repeat). */
    public Dataset select(int[] indices) {
        float[] nx = new float[indices.length * width];
        for (int i : indices) checkRow(i);
        copyRows(indices, 0, indices.length, nx);
        if (labels != null) {
            int[] nl = new int[indices.length];
            copyLabels(indices, 0, indices.length, nl);
            return new Dataset(name, nx, indices.length, width, featureNames, nl, classNames, null, 0);
        }
        float[] nt = new float[indices.length * targetWidth];
        copyTargets(indices, 0, indices.length, nt);
        return new Dataset(name, nx, indices.length, width, featureNames, null, classNames, nt, targetWidth);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
    public Dataset rows(int from, int to) {
        if (from < 0 || to > rows || from > to) {
            throw new IndexOutOfBoundsException(name + ": rows " + from + ".." + to + " outside 0.." + rows);
        }
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) idx[i] = from + i;
        return select(idx);
    }

    /** The first {@code n} rows (all of them if there are fewer). */
    public Dataset head(int n) {
        if (n < 0) throw new IllegalArgumentException(name + ".head: n must be >= 0, got " + n);
        return rows(0, Math.min(n, rows));
    }

    /** All rows in a random order determined by {@code seed}. */
    public Dataset shuffle(long seed) {
        return select(order(new Random(seed)));
    }

    /** A training and a test part. */
    public record Split(Dataset train, Dataset test) {}

    /**
     * Shuffles with {@code seed} and puts {@code round(size * testFraction)} rows into the test part.
     * Classification data sets are split per class (stratified), so both parts keep the class
     * proportions; this matters for small sets like the logic gates and the dice game.
     */
    public Split split(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException(name + ".split: testFraction must be between 0 and 1 (exclusive), got "
                    + testFraction);
        }
        int testSize = (int) Math.round(rows * testFraction);
        if (testSize == 0 || testSize == rows) {
            throw new IllegalArgumentException(name + ".split: " + rows + (rows == 1 ? " row" : " rows")
                    + " with testFraction " + testFraction + " leave the " + (testSize == 0 ? "test" : "training")
                    + " part empty");
        }
        Random random = new Random(seed);
        int[] order = order(random);
        int[] test;
        int[] train;
        if (labels == null) {
            test = Arrays.copyOfRange(order, 0, testSize);
            train = Arrays.copyOfRange(order, testSize, rows);
        } else {
            // Largest-remainder apportionment of the test rows over the classes, then each class's
            // first rows (in shuffled order) go to the test part.
            int k = classNames.size();
            int[] counts = classCounts();
            int[] quota = new int[k];
            double[] remainder = new double[k];
            int given = 0;
            for (int c = 0; c < k; c++) {
                double exact = (double) counts[c] * testSize / Math.max(rows, 1);
                quota[c] = (int) Math.floor(exact);
                remainder[c] = exact - quota[c];
                given += quota[c];
            }
            while (given < testSize) {
                int best = -1;
                for (int c = 0; c < k; c++) {
                    if (quota[c] < counts[c] && (best < 0 || remainder[c] > remainder[best])) best = c;
                }
                quota[best]++;
                remainder[best] = -1;
                given++;
            }
            test = new int[testSize];
            train = new int[rows - testSize];
            int t = 0, r = 0;
            int[] taken = new int[k];
            for (int i : order) {
                int c = labels[i];
                if (taken[c] < quota[c]) {
                    taken[c]++;
                    test[t++] = i;
                } else {
                    train[r++] = i;
                }
            }
        }
        return new Split(select(train).named(name + "-train"), select(test).named(name + "-test"));
    }

    /** A standardiser (per-feature mean and standard deviation) fitted on this data set's rows. */
    public Standardizer standardizer() {
        return Standardizer.fit(this);
    }

    /** Package access for {@link Standardizer}: the backing feature array (not copied). */
    float[] features() { return x; }

    /** One line: the name, rows, features and classes, as the REPL shows a data set. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Dataset ").append(name).append(": ");
        // Without rows the width is unknown (new float[0][2] keeps no row length): "0 features" would mislead.
        if (rows == 0) s.append("empty (0 rows)");
        else s.append(rows).append(rows == 1 ? " row x " : " rows x ")
                .append(width).append(width == 1 ? " feature" : " features");
        if (labels != null) {
            s.append(", ").append(classNames.size()).append(classNames.size() == 1 ? " class " : " classes ");
            s.append(classNames.size() <= 12 ? classNames.toString()
                    : classNames.subList(0, 10) + " ...");
        } else {
            s.append(", ").append(targetWidth).append(targetWidth == 1 ? " target" : " targets");
        }
        return s.toString();
    }
}
