package jinn.tensor;

/**
 * A scope in which operations build no graph: {@code try (var g = Tensor.noGrad()) { ... }}.
 * Closing restores the mode of the enclosing scope; closing twice is harmless.
 */
public final class NoGrad implements AutoCloseable {
    private final int[] depth;
    private boolean closed;

    NoGrad(int[] depth) { this.depth = depth; }

    @Override public void close() {
        if (!closed) {
            closed = true;
            depth[0]--;
        }
    }
}
