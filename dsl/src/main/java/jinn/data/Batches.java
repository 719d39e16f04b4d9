package jinn.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Passes over a data set in batches. Each {@link #iterator()} is one pass (epoch): with a seed,
 * every pass draws a new order from the same generator, so epoch k of two runs with the same seed
 * sees the same rows. The batch buffers are allocated once per {@code Batches} and refilled on every
 * step, so a {@link Batch} is only valid until the iterator moves on; copy what you keep. Not for
 * use from two threads at once.
 *
 * <pre>{@code
 * var batches = train.batches(64, 42);
 * for (int epoch = 0; epoch < 5; epoch++)
 *     for (Batch b : batches) net.step(b.x(), b.labels());
 * }</pre>
 */
public final class Batches implements Iterable<Batch> {

    private final Dataset data;
    private final int batchSize;
    private final Random random; // null: row order
    private Batch full;
    private Batch tail;

    Batches(Dataset data, int batchSize, Random random) {
        if (batchSize < 1) {
            throw new IllegalArgumentException(data.name() + ".batches: batch size must be >= 1, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.random = random;
    }

    public int batchSize() { return batchSize; }

    /** Batches per pass: the last one may be smaller. */
    public int count() { return (data.size() + batchSize - 1) / batchSize; }

    public Dataset data() { return data; }

    @Override
    public Iterator<Batch> iterator() {
        int n = data.size();
        int[] order;
        if (random != null) {
            order = data.order(random);
        } else {
            order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
        }
        return new Iterator<>() {
            private int next;
            private int index;

            @Override
            public boolean hasNext() { return next < n; }

            @Override
            public Batch next() {
                if (next >= n) throw new NoSuchElementException(data.name() + ": no batch left in this pass");
                int count = Math.min(batchSize, n - next);
                Batch b = buffer(count);
                b.fill(order, next, index++);
                next += count;
                return b;
            }
        };
    }

    private Batch buffer(int count) {
        if (count == batchSize) {
            if (full == null) full = new Batch(data, count);
            return full;
        }
        // Only the last batch of a pass is short, and always by the same amount: one more buffer.
        if (tail == null) tail = new Batch(data, count);
        return tail;
    }
}
