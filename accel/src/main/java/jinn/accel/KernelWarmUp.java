package jinn.accel;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gets C2 to compile the CPU backend's kernels on a background thread before a first training run
 * needs them. Vector API code runs hundreds of times slower until C2 has compiled it (the
 * interpreter and C1 box every vector), and compiling it takes C2 a second or more of CPU: a
 * learner's first MNIST epoch took 2.6 s against 1.0 s for the second. Started when the CPU
 * backend is first created (the REPL creates it while the person types; a script, while it loads
 * its data), on one thread at low priority, for a bounded amount of work, touching nobody's data.
 * {@code -Djinn.warmUp=false} turns it off.
 */
final class KernelWarmUp {

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static volatile Thread thread;

    private KernelWarmUp() {}

    static void start() {
        if (!Boolean.parseBoolean(System.getProperty("jinn.warmUp", "true")) || !STARTED.compareAndSet(false, true)) return;
        Thread t = new Thread(KernelWarmUp::run, "jinn-kernel-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        thread = t;
        t.start();
    }

    /** The warm-up thread, once started (tests wait for it). */
    static Thread thread() { return thread; }

    /** Rounds of every kernel a training step calls, on shapes that take each path of the GEMM. */
    static final int ROUNDS = 300;

    private static void run() {
        // One thread: the warm-up must not occupy the pool the user's first call will want.
        CpuBackend cpu = new CpuBackend(1);
        int m = 36, n = 40, k = 72;
        float[] a = new float[k * k], b = new float[k * k], c = new float[k * k], d = new float[k * k];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i % 7) * 0.25f - 0.75f;
            b[i] = (i % 5) * 0.5f - 1f;
        }
        int[] labels = new int[m];
        for (int i = 0; i < m; i++) labels[i] = i % n;
        for (int round = 0; round < ROUNDS; round++) {
            cpu.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
            cpu.gemm(true, false, k, n, m, -0.1f, a, 0, k, c, 0, n, 1f, b, 0, n);
            cpu.gemm(false, true, m, k, n, 1f, c, 0, n, b, 0, n, 0f, d, 0, k);
            cpu.map(UnaryOp.RELU, 0f, c, 0, d, 0, m * n);
            cpu.mapBackward(UnaryOp.RELU, 0f, c, 0, d, 0, c, 0, a, 0, m * n);
            cpu.softmaxCrossEntropy(d, 0, m, n, labels, c, 0, 1f / m);
            cpu.reduce(ReduceOp.SUM, c, 0, 1, m, n, d, 0);
            // Keep the values bounded: the kernels' speed does not depend on them, overflow might.
            for (int i = 0; i < b.length; i++) if (!(Math.abs(b[i]) < 4f)) b[i] = 0.5f;
            for (int i = 0; i < a.length; i++) if (!(Math.abs(a[i]) < 4f)) a[i] = -0.5f;
        }
    }
}
