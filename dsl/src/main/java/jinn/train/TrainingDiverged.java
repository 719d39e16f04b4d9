package jinn.train;

/**
 * Training stopped because the loss stopped being a number. Names the epoch and batch, and keeps
 * the history up to that point; the network keeps the last weights.
 */
public final class TrainingDiverged extends RuntimeException {
    private final transient History history;

    TrainingDiverged(String message, History history) {
        super(message);
        this.history = history;
    }

    public History history() { return history; }
}
