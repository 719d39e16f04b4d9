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
        Thread t = DaemonThreads.create("jinn-kernel-warm-up", KernelWarmUp::run);
        t.setPriority(Thread.MIN_PRIORITY);
        thread = t;
        t.start();
    }

    /** The warm-up thread, once started (tests wait for it). */
    static Thread thread() { return thread; }

    /** Set once a GEMM is called from another thread than the warm-up's: someone's real work has begun. */
    private static volatile boolean othersBegan;

    /** Called by every CPU GEMM: notes that real work has begun when it comes from another thread. */
    static void noteCall() {
        if (!othersBegan) {
            Thread t = thread;
            if (t != null && Thread.currentThread() != t) othersBegan = true;
        }
    }

    /** Rounds of every kernel a training step calls, on small shapes, while they still run interpreted. */
    static final int ROUNDS = 300;

    /**
     * Rounds more, once those have the kernels compiled, of everything again and of the GEMM's paths
     * the small shapes never take. In a fresh JVM timed through a first MNIST epoch (-XX:+PrintCompilation),
     * every kernel still had its first full C2 compilation during the epoch: the paths the 300 rounds
     * never ran (B packed 32 wide, as for more than 256 rows of C; several k blocks; the parallel GEMM's
     * shared packing and its pool) and the entry points they called too few times for C2 (600 calls and
     * 15,000 loop trips): Gemm.run, the tiles, the transposing packs, map, mapBackward, reduce and
     * softmaxCrossEntropy. A learner's first epoch then ran while one C2 thread compiled them one by one.
     * The second phase also runs zip, which training op by op (any network but a plain MLP) calls.
     */
    static final int MORE_ROUNDS = 700;

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
            smallStep(cpu, m, n, k, a, b, c, d, labels);
            bound(a, b);
        }
        // Second phase (MORE_ROUNDS): 264 rows of C (B packed, not read in place), 264 deep (two k
        // blocks), each transpose; and on two threads (the pool's job, the shared packed operand) a
        // GEMM split by columns and one split by rows, each just over Gemm.PARALLEL_MIN_MACS. About
        // 0.3 ms a round once compiled. Two threads only if the machine has them; a user's call
        // meanwhile finds the pool's worker busy and works on its own thread, as with any other job.
        CpuBackend two = new CpuBackend(2);
        int big = 264, wide = 40;
        float[] p = new float[big * big], q = new float[big * big], r = new float[big * big];
        for (int i = 0; i < p.length; i++) {
            p[i] = (i % 11) * 0.125f - 0.6f;
            q[i] = (i % 13) * 0.0625f - 0.4f;
        }
        // Only ahead of the user's own work: once their GEMMs run (a fit that began before the warm-up
        // got this far, on a busy machine), their calls get the rest compiled, and the warm-up's would
        // only take a core from them.
        for (int round = 0; round < MORE_ROUNDS && !othersBegan; round++) {
            smallStep(cpu, m, n, k, a, b, c, d, labels);
            cpu.gemm(false, false, big, wide, big, 1f, p, 0, big, q, 0, wide, round % 2, r, 0, wide);
            cpu.gemm(true, false, big, wide, big, 1f, p, 0, big, q, 0, wide, 0f, r, 0, wide);
            cpu.gemm(false, true, big, wide, big, 1f, p, 0, big, q, 0, big, 0f, r, 0, wide);
            two.gemm(false, false, 64, 128, 128, 1f, p, 0, 128, q, 0, 128, 0f, r, 0, 128);
            two.gemm(true, false, 128, 64, 128, 1f, p, 0, 128, q, 0, 64, 1f, r, 0, 64);
            // What training op by op adds (autograd's elementwise ops: a bias broadcast over rows and
            // the like), each way of pairing operands.
            cpu.zip(BinaryOp.ADD, m * n, c, 0, 1, d, 0, 1, a, 0);
            cpu.zip(BinaryOp.MUL, m * n, c, 0, 1, d, 0, 0, a, 0);
            cpu.zip(BinaryOp.SUB, m * n, c, 0, 0, d, 0, 1, a, 0);
            bound(a, b);
            if (round % 16 == 15) java.util.Arrays.fill(r, 0f);
        }
    }

    /**
     * One round of what a training step calls, on the small m×k·k×n shapes: the forward GEMM, the
     * weight and input gradients' (transposed) GEMMs, an activation and its derivative, the loss and
     * a bias gradient's sum.
     */
    private static void smallStep(CpuBackend cpu, int m, int n, int k, float[] a, float[] b, float[] c, float[] d, int[] labels) {
        cpu.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        cpu.gemm(true, false, k, n, m, -0.1f, a, 0, k, c, 0, n, 1f, b, 0, n);
        cpu.gemm(false, true, m, k, n, 1f, c, 0, n, b, 0, n, 0f, d, 0, k);
        cpu.map(UnaryOp.RELU, 0f, c, 0, d, 0, m * n);
        cpu.mapBackward(UnaryOp.RELU, 0f, c, 0, d, 0, c, 0, a, 0, m * n);
        cpu.softmaxCrossEntropy(d, 0, m, n, labels, c, 0, 1f / m);
        cpu.reduce(ReduceOp.SUM, c, 0, 1, m, n, d, 0);
    }

    /** Keeps the values bounded after a round: the kernels' speed does not depend on them, overflow might. */
    private static void bound(float[] a, float[] b) {
        for (int i = 0; i < b.length; i++) if (!(Math.abs(b[i]) < 4f)) b[i] = 0.5f;
        for (int i = 0; i < a.length; i++) if (!(Math.abs(a[i]) < 4f)) a[i] = -0.5f;
    }
}
