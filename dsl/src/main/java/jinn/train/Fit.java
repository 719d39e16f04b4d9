package jinn.train;

import jinn.data.Dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * How to train: epochs, batch size, optimizer, loss, validation data, callbacks. Built fluently
 * and handed to {@code fit}:
 *
 * <pre>{@code
 * net.fit(mnist.train(), epochs(5).batchSize(128).optimizer(sgd(0.1f)).validation(mnist.test()));
 * }</pre>
 */
public final class Fit {
    int epochs = 1;
    int batchSize = 32;
    Optimizer optimizer;
    Loss loss = Loss.AUTO;
    boolean shuffle = true;
    Long seed;
    Dataset validation;
    int patience = -1;
    double minDelta = 0;
    boolean restoreBest = true;
    ProgressBar.Mode progress;
    java.io.PrintStream out;
    boolean recordBatches = true;
    final List<Consumer<History.Epoch>> epochCallbacks = new ArrayList<>();
    final List<Consumer<History.Batch>> batchCallbacks = new ArrayList<>();
    final List<Consumer<History>> endCallbacks = new ArrayList<>();

    private Fit() {}

    /** Starts a configuration with the number of passes over the data. */
    public static Fit epochs(int n) {
        return new Fit().withEpochs(n);
    }

    /** Defaults: 1 epoch, batch 32, Adam(0.001) unless an optimizer is set, loss chosen automatically. */
    public static Fit defaults() { return new Fit(); }

    /** Changes the number of passes over the training data: {@code epochs(5).withEpochs(10)}. */
    public Fit withEpochs(int n) {
        if (n <= 0) throw new IllegalArgumentException("fit: epochs must be positive, got " + n);
        epochs = n;
        return this;
    }

    /**
     * How many rows each gradient step looks at (default 32): larger batches run faster per row and
     * step less often; 128 suits MNIST.
     */
    public Fit batchSize(int n) {
        if (n <= 0) throw new IllegalArgumentException("fit: batch size must be positive, got " + n);
        batchSize = n;
        return this;
    }

    /**
     * How weights move after each batch: {@code sgd(0.1)}, {@code sgd(0.1, 0.9)} (momentum),
     * {@code sgd(0.1, 0.9, 5e-4)} (and weight decay), {@code adam(0.001)} (the default),
     * {@code adamw(0.001)} or {@code rmsprop(0.001)}.
     */
    public Fit optimizer(Optimizer o) { optimizer = o; return this; }

    /** Short for optimizer(sgd(lr)). */
    public Fit sgd(float lr) { return optimizer(Optimizer.sgd(lr)); }

    /** Short for optimizer(adam(lr)). */
    public Fit adam(float lr) { return optimizer(Optimizer.adam(lr)); }

    /** Short for optimizer(adamw(lr)): AdamW with weight decay 0.01. */
    public Fit adamw(float lr) { return optimizer(Optimizer.adamw(lr)); }

    /** Short for optimizer(rmsprop(lr)). */
    public Fit rmsprop(float lr) { return optimizer(Optimizer.rmsprop(lr)); }

    /**
     * What training minimises. By default fit picks softmax cross-entropy for a network that ends
     * in softmax and mean squared error otherwise (and says so); name one to choose: {@code
     * loss(Loss.CROSS_ENTROPY)}.
     */
    public Fit loss(Loss l) { loss = l; return this; }

    /** Reshuffle the training data each epoch (default true). */
    public Fit shuffle(boolean on) { shuffle = on; return this; }

    /** Seed for shuffling, so runs repeat exactly. */
    public Fit seed(long s) { seed = s; return this; }

    /** Data scored after every epoch (val_loss, val_accuracy); never trained on. */
    public Fit validation(Dataset d) { validation = d; return this; }

    /**
     * Stop when the monitored loss (val_loss if there is validation data, else loss) has not
     * improved for {@code patience} epochs, and restore the best weights.
     */
    public Fit earlyStopping(int patience) {
        if (patience < 1) throw new IllegalArgumentException("fit: early-stopping patience must be at least 1, got " + patience);
        this.patience = patience;
        return this;
    }

    /** An improvement smaller than this does not count for early stopping. */
    public Fit minDelta(double d) { minDelta = d; return this; }

    /**
     * How progress is shown: {@code ProgressBar.Mode.BAR} (redrawn in place), {@code LINES} (one
     * per epoch) or {@code NONE}; by default a bar on a terminal, lines elsewhere.
     */
    public Fit progress(ProgressBar.Mode m) { progress = m; return this; }

    /** Quiet: no progress output. */
    public Fit quiet() { return progress(ProgressBar.Mode.NONE); }

    /** Where progress goes (default System.out). */
    public Fit output(java.io.PrintStream o) { out = o; return this; }

    /** Keep per-batch figures in the history (default true). */
    public Fit recordBatches(boolean on) { recordBatches = on; return this; }

    /**
     * Calls {@code c} after every epoch with its figures: {@code onEpoch(e ->
     * System.out.println(e.loss()))}.
     */
    public Fit onEpoch(Consumer<History.Epoch> c) { epochCallbacks.add(c); return this; }

    /** Calls {@code c} after every batch with its loss. */
    public Fit onBatch(Consumer<History.Batch> c) { batchCallbacks.add(c); return this; }

    /** Called once when training ends for any reason (last epoch, early stop, interruption, divergence). */
    public Fit onEnd(Consumer<History> c) { endCallbacks.add(c); return this; }

    /** The number of epochs set. */
    public int epochs() { return epochs; }

    /** The batch size set (32 unless changed). */
    public int batchSize() { return batchSize; }

    /** The settings in one line: epochs, batch size, optimizer, loss. */
    @Override public String toString() {
        return "fit(epochs=" + epochs + ", batchSize=" + batchSize + ", optimizer="
                + (optimizer == null ? "adam(lr=0.001)" : optimizer.describe()) + ", loss=" + loss + ")";
    }
}
