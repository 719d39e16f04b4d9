package jinn.accel;

import java.util.List;

/**
 * A whole training step of a {@link DenseChain} set up once and run again for every batch, with
 * the parameters (and momentum) kept where the step runs: per step only the batch goes in and the
 * loss comes out. The host copies are stale between {@link #read} calls. A device offers one
 * through {@link CompilesTrainingSteps}; the dsl's host step runs any backend's kernels this way.
 *
 * <p>Lists of parameters follow {@link DenseChain#parameterSizes()}: each layer's weight [in, out]
 * row-major, then its bias if it has one. Velocities (momentum) have the same shapes.
 */
public interface TrainingStep extends AutoCloseable {

    /** What one step reports: the mean loss over the batch and how many rows the logits classed right. */
    record Result(float loss, int correct) {}

    /**
     * Hands the step its starting parameters and velocities (null: zero velocity), before the first
     * {@link #step}. The arrays are copied.
     */
    void write(List<float[]> parameters, List<float[]> velocities);

    /**
     * Forward, loss, backward and update for rows × width inputs {@code x} (row-major) and their
     * labels. Throws {@link Failed} when the device failed, after the backend said so once.
     */
    Result step(float[] x, int[] labels, int rows);

    /** Copies rows [from, to) of a batch's inputs into dst at dstOff, row-major. */
    @FunctionalInterface
    interface Rows {
        void copy(int from, int to, float[] dst, int dstOff);
    }

    /**
     * The same step, the batch's inputs still to be gathered by {@code rows} into {@code x}: a step
     * that splits the batch among threads has each gather its own rows. By default all are gathered
     * first. Either way x holds the batch afterwards.
     */
    default Result step(Rows rows, float[] x, int[] labels, int count) {
        rows.copy(0, count, x, 0);
        return step(x, labels, count);
    }

    /** Copies the current parameters and velocities (null: not wanted) into the given arrays. */
    void read(List<float[]> parameters, List<float[]> velocities);

    /** Frees what the step holds on its device. */
    @Override void close();

    /**
     * The device could not compile or run the step. The backend has printed one notice saying why;
     * the caller trains on without the compiled step.
     */
    final class Failed extends RuntimeException {
        public Failed(String message, Throwable cause) { super(message, cause); }
    }
}
