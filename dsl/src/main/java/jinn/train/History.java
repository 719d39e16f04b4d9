package jinn.train;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What {@code fit} learned, epoch by epoch (and batch by batch): loss, accuracy, validation
 * figures and time. Prints as a table; {@link #toTable()} gives a Tablesaw table for analysis,
 * CSV export and charts. Validation figures are NaN when no validation data was given.
 */
public final class History {

    /** One epoch's figures. */
    public record Epoch(int epoch, double loss, double accuracy, double valLoss, double valAccuracy,
                        double seconds, double samplesPerSecond) {
        @Override public String toString() {
            String s = "epoch " + epoch + ": loss " + Figures.of(loss) + (Double.isNaN(accuracy) ? "" : ", accuracy " + Figures.of(accuracy));
            if (!Double.isNaN(valLoss)) {
                s += ", val_loss " + Figures.of(valLoss) + (Double.isNaN(valAccuracy) ? "" : ", val_accuracy " + Figures.of(valAccuracy));
            }
            return s + String.format(Locale.ROOT, " (%.2fs, %.0f samples/s)", seconds, samplesPerSecond);
        }
    }

    /** One batch's figures (epoch and batch count from 1). */
    public record Batch(int epoch, int batch, double loss, double accuracy) {
        @Override public String toString() {
            return "epoch " + epoch + ", batch " + batch + ": loss " + Figures.of(loss)
                    + (Double.isNaN(accuracy) ? "" : ", accuracy " + Figures.of(accuracy));
        }
    }

    private final List<Epoch> epochs = new ArrayList<>();
    private final List<Batch> batches = new ArrayList<>();
    private String stopReason;

    void add(Epoch e) { epochs.add(e); }

    void add(Batch b) { batches.add(b); }

    void stopped(String reason) { this.stopReason = reason; }

    public List<Epoch> epochs() { return Collections.unmodifiableList(epochs); }

    public List<Batch> batches() { return Collections.unmodifiableList(batches); }

    /** Why training ended before its last epoch (early stopping, interruption), or null. */
    public String stopReason() { return stopReason; }

    public boolean stoppedEarly() { return stopReason != null; }

    public double[] loss() { return epochs.stream().mapToDouble(Epoch::loss).toArray(); }

    public double[] accuracy() { return epochs.stream().mapToDouble(Epoch::accuracy).toArray(); }

    public double[] valLoss() { return epochs.stream().mapToDouble(Epoch::valLoss).toArray(); }

    public double[] valAccuracy() { return epochs.stream().mapToDouble(Epoch::valAccuracy).toArray(); }

    public boolean hasValidation() { return !epochs.isEmpty() && !Double.isNaN(epochs.get(0).valLoss()); }

    /** The last epoch, or null before the first one ended. */
    public Epoch last() { return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1); }

    /** One row per epoch: epoch, loss, accuracy, val_loss, val_accuracy, seconds, samples_per_s. */
    public Table toTable() {
        Table t = Table.create("history",
                IntColumn.create("epoch", epochs.stream().mapToInt(Epoch::epoch).toArray()),
                DoubleColumn.create("loss", loss()),
                DoubleColumn.create("accuracy", accuracy()));
        if (hasValidation()) {
            t.addColumns(DoubleColumn.create("val_loss", valLoss()), DoubleColumn.create("val_accuracy", valAccuracy()));
        }
        t.addColumns(DoubleColumn.create("seconds", epochs.stream().mapToDouble(Epoch::seconds).toArray()),
                DoubleColumn.create("samples_per_s", epochs.stream().mapToDouble(Epoch::samplesPerSecond).toArray()));
        return t;
    }

    /** One row per batch: epoch, batch, loss, accuracy. */
    public Table batchTable() {
        return Table.create("batches",
                IntColumn.create("epoch", batches.stream().mapToInt(Batch::epoch).toArray()),
                IntColumn.create("batch", batches.stream().mapToInt(Batch::batch).toArray()),
                DoubleColumn.create("loss", batches.stream().mapToDouble(Batch::loss).toArray()),
                DoubleColumn.create("accuracy", batches.stream().mapToDouble(Batch::accuracy).toArray()));
    }

    /** Writes {@link #toTable()} as CSV. */
    public void toCsv(Path file) {
        toTable().write().csv(file.toFile());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        boolean val = hasValidation();
        boolean acc = epochs.stream().anyMatch(e -> !Double.isNaN(e.accuracy()));
        sb.append(String.format(Locale.ROOT, "%6s%10s", "epoch", "loss"));
        if (acc) sb.append(String.format(Locale.ROOT, "%10s", "accuracy"));
        if (val) sb.append(String.format(Locale.ROOT, "%10s", "val_loss")).append(acc ? String.format(Locale.ROOT, "%9s", "val_acc") : "");
        sb.append(String.format(Locale.ROOT, "%10s%n", "seconds"));
        for (Epoch e : epochs) {
            sb.append(String.format(Locale.ROOT, "%6d%10s", e.epoch(), Figures.of(e.loss())));
            if (acc) sb.append(String.format(Locale.ROOT, "%10s", Figures.of(e.accuracy())));
            if (val) sb.append(String.format(Locale.ROOT, "%10s", Figures.of(e.valLoss())))
                    .append(acc ? String.format(Locale.ROOT, "%9s", Figures.of(e.valAccuracy())) : "");
            sb.append(String.format(Locale.ROOT, "%10.2f%n", e.seconds()));
        }
        if (stopReason != null) sb.append("stopped: ").append(stopReason).append('\n');
        return sb.toString();
    }
}
