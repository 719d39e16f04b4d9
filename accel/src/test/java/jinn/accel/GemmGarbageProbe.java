package jinn.accel;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Run by {@link GemmGarbageTest} in a fresh JVM, so that C2 compiles the GEMM for the first time while
 * it runs: {@code load} keeps every core busy with other threads while the kernels are compiled,
 * {@code quiet} does not. It calls every shape in {@link #SHAPES} in turn at 1 thread and at all cores
 * (the order of first use decides what each compiled method has seen, which is how the TN weight
 * gradient came to allocate 164 KB per call), then, with no load, measures each again: the bytes its
 * calling thread and the pool's workers allocate per call. Prints one line per shape and thread count:
 * "SPEC THREADS BYTES_PER_CALL".
 */
final class GemmGarbageProbe {

    /**
     * {transA, transB, m, n, k, beta}, in the order bin/bench first calls them: its warm-up (100×200×600,
     * each transpose, beta 0 and 1: A packed 8 wide long before any B is packed 32 wide, the order that
     * made the AVX-512 packing allocate), then its GEMM rows (BenchTable's GemmShape.TRAINING: the MNIST
     * MLP 784-256-128-10 at batch 128 forward and backward, 256³ and 1024³), the MLP's 10-wide last layer
     * (forward, weight gradient with the SGD update folded in as beta 1, input gradient), its last,
     * 96-row batch of an epoch (60,000 = 468·128 + 96) and the 16-row last batch of inference (10,000),
     * then inference's own calls, which add to a prefilled bias; last the CNN's.
     */
    static final int[][] SHAPES = {
            {0, 0, 100, 200, 600, 0}, {0, 0, 100, 200, 600, 1}, {1, 0, 100, 200, 600, 0}, {1, 0, 100, 200, 600, 1},
            {0, 1, 100, 200, 600, 0}, {0, 1, 100, 200, 600, 1}, {1, 1, 100, 200, 600, 0}, {1, 1, 100, 200, 600, 1},
            {0, 0, 128, 256, 784, 0}, {1, 0, 784, 256, 128, 0}, {0, 1, 128, 784, 256, 0},
            {0, 0, 128, 128, 256, 0}, {1, 0, 256, 128, 128, 0}, {0, 1, 128, 256, 128, 0},
            {0, 0, 256, 256, 256, 0}, {0, 0, 1024, 1024, 1024, 0},
            {0, 0, 128, 10, 128, 0}, {1, 0, 128, 10, 128, 1}, {0, 1, 128, 128, 10, 0},
            {1, 0, 784, 256, 128, 1}, {1, 0, 256, 128, 128, 1},
            {0, 0, 96, 256, 784, 0}, {1, 0, 784, 256, 96, 1}, {0, 1, 96, 784, 256, 0}, {0, 0, 96, 10, 128, 0},
            {0, 0, 16, 256, 784, 0}, {0, 0, 16, 128, 256, 0}, {0, 0, 16, 10, 128, 0},
            // Inference (InferencePlan): bias prefilled, so beta 1; a 128-row batch whole at 1 thread,
            // in two 64-row shares at 2 (Backend.parallelRows), and the test set's 16-row last batch.
            {0, 0, 128, 256, 784, 1}, {0, 0, 128, 128, 256, 1}, {0, 0, 128, 10, 128, 1},
            {0, 0, 64, 256, 784, 1}, {0, 0, 64, 128, 256, 1}, {0, 0, 64, 10, 128, 1},
            {0, 0, 16, 256, 784, 1}, {0, 0, 16, 128, 256, 1}, {0, 0, 16, 10, 128, 1},
            // The bench's CNN at batch 64 (ImageOps): the first convolution's GEMM per chunk of 4 images and
            // its weight gradient (GemmDots), the second's per chunk of 2 images, its weight gradient (GemmDots
            // with B's rows outside, which boxed its sums once it had two callers) and input gradient per
            // chunk, then the dense layers on the 512 flattened features.
            {0, 0, 16, 2304, 25, 0}, {0, 1, 16, 25, 36864, 0}, {0, 0, 32, 128, 400, 0}, {0, 1, 32, 400, 4096, 0},
            {1, 0, 400, 128, 32, 0}, {0, 0, 64, 128, 512, 0}, {1, 0, 512, 128, 64, 0}, {0, 1, 64, 512, 128, 0},
    };

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws InterruptedException {
        boolean load = args.length > 0 && args[0].equals("load");
        int cores = CpuPool.CORES;
        CpuBackend one = new CpuBackend(1), all = new CpuBackend(cores);
        Thread warmUp = KernelWarmUp.thread();
        if (warmUp != null) warmUp.join(); // its allocations are not the GEMM's
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("jinn-cpu-")) workers.add(t.threadId());
        }
        CoreLoad burners = new CoreLoad(load ? cores : 0);
        List<Call> calls = new ArrayList<>();
        for (int[] s : SHAPES) {
            calls.add(new Call(one, s));
            if (cores > 1) calls.add(new Call(all, s));
        }
        // First use in this order, each until compiled (or 20 s), under load or not.
        for (Call c : calls) c.untilQuiet(20_000_000_000L);
        burners.close();
        // Then every shape again, after all the others have run.
        for (Call c : calls) c.untilQuiet(5_000_000_000L);
        for (Call c : calls) System.out.println(c.spec() + " " + c.bytesPerCall(3));
    }

    /** One GEMM shape on one backend, with its own operands. */
    private static final class Call {
        final CpuBackend cpu;
        final boolean ta, tb;
        final int m, n, k;
        final float beta;
        final float[] a, b, c;

        Call(CpuBackend cpu, int[] s) {
            this.cpu = cpu;
            ta = s[0] == 1;
            tb = s[1] == 1;
            m = s[2];
            n = s[3];
            k = s[4];
            beta = s[5];
            Random r = new Random(m * 31L + n * 7L + k);
            a = new float[m * k];
            b = new float[k * n];
            c = new float[m * n];
            for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() - 0.5f;
            for (int i = 0; i < b.length; i++) b[i] = r.nextFloat() - 0.5f;
        }

        void run() {
            cpu.gemm(ta, tb, m, n, k, 0.5f, a, 0, ta ? m : k, b, 0, tb ? k : n, beta, c, 0, n);
            if (beta != 0) java.util.Arrays.fill(c, 0f); // keep C bounded over many calls
        }

        String spec() {
            return (ta ? "T" : "N") + (tb ? "T" : "N") + ":" + m + "x" + n + "x" + k + (beta != 0 ? "+C" : "") + " " + cpu.threads();
        }

        /** Calls until three in a row allocate under 1 KB each (C2 has compiled what they run), or the time is up. */
        void untilQuiet(long nanos) {
            long t0 = System.nanoTime();
            int quiet = 0;
            while (quiet < 3 && System.nanoTime() - t0 < nanos) quiet = bytesPerCall(1) < 1024 ? quiet + 1 : 0;
        }

        /** Bytes per call allocated by the calling thread and the pool's workers, the least of five rounds. */
        long bytesPerCall(int callsPerRound) {
            long least = Long.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                long before = allocated();
                for (int i = 0; i < callsPerRound; i++) run();
                least = Math.min(least, (allocated() - before) / callsPerRound);
            }
            return least;
        }
    }

    /** The pool's worker threads (jinn-cpu-*), found once. */
    private static final List<Long> workers = new ArrayList<>();

    /** Bytes allocated so far by this thread and the pool's workers. */
    static long allocated() {
        long sum = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < workers.size(); i++) sum += Math.max(0, THREADS.getThreadAllocatedBytes(workers.get(i)));
        return sum;
    }
}
