package jinn.tensor;

/**
 * Whether operations record the graph for backward. Off inside {@link Tensor#noGrad()}, so that
 * inference and optimizer updates neither build graphs nor keep activations alive.
 */
final class GradMode {
    private static final ThreadLocal<int[]> DISABLED = ThreadLocal.withInitial(() -> new int[1]);

    private GradMode() {}

    static boolean enabled() {
        return DISABLED.get()[0] == 0;
    }

    static NoGrad disable() {
        int[] depth = DISABLED.get();
        depth[0]++;
        return new NoGrad(depth);
    }

}
