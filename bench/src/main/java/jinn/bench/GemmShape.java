package jinn.bench;

import java.util.List;
import java.util.Random;

/**
 * One GEMM workload: C[m×n] = op(A)·op(B), with A and B stored as their transposes where the flags
 * say so, exactly as a training step calls it.
 */
record GemmShape(String name, boolean transA, boolean transB, int m, int n, int k) {

    /**
     * The MNIST MLP's matmuls (batch 128, 784-256-128-10) forward and backward, then square ones.
     * Backward of Y = X·W computes dW = Xᵀ·dY (TN) and dX = dY·Wᵀ (NT).
     */
    static final List<GemmShape> TRAINING = List.of(
            new GemmShape("128x784 * 784x256", false, false, 128, 256, 784),
            new GemmShape("  dW: 784x128 * 128x256 (TN)", true, false, 784, 256, 128),
            new GemmShape("  dX: 128x256 * 256x784 (NT)", false, true, 128, 784, 256),
            new GemmShape("128x256 * 256x128", false, false, 128, 128, 256),
            new GemmShape("  dW: 256x128 * 128x128 (TN)", true, false, 256, 128, 128),
            new GemmShape("  dX: 128x128 * 128x256 (NT)", false, true, 128, 256, 128),
            new GemmShape("256^3", false, false, 256, 256, 256),
            new GemmShape("1024^3", false, false, 1024, 1024, 1024));

    static GemmShape parse(String spec) {
        // "NN:128x256x784" = transposes, then m x n x k
        String[] parts = spec.split(":");
        String[] dims = parts[1].split("x");
        return new GemmShape(spec, parts[0].charAt(0) == 'T', parts[0].charAt(1) == 'T',
                Integer.parseInt(dims[0]), Integer.parseInt(dims[1]), Integer.parseInt(dims[2]));
    }

    String spec() {
        return (transA ? "T" : "N") + (transB ? "T" : "N") + ":" + m + "x" + n + "x" + k;
    }

    int lda() { return transA ? m : k; }
    int ldb() { return transB ? k : n; }

    double flops() { return 2.0 * m * n * k; }

    /** Operands with values in [-1, 1), the same for every library. */
    float[][] operands(long seed) {
        Random r = new Random(seed);
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() * 2 - 1;
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat() * 2 - 1;
        return new float[][] {a, b, c};
    }
}
