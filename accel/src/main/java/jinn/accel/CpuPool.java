package jinn.accel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;

/**
 * The one pool of worker threads the CPU kernels share. Daemon threads, so an idle pool never keeps
 * a script or the REPL alive; one pool for the whole JVM, so two backends never oversubscribe cores.
 */
final class CpuPool {

    static final int CORES = Runtime.getRuntime().availableProcessors();

    private static final ForkJoinPool POOL = new ForkJoinPool(CORES, pool -> {
        var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        t.setDaemon(true);
        t.setName("jinn-cpu-" + t.getPoolIndex());
        return t;
    }, null, false);

    private CpuPool() {}

    /**
     * Runs body(0) ... body(tasks - 1), task 0 on the calling thread, and returns when all are done.
     * A failure in any task is rethrown here.
     */
    static void run(int tasks, IntConsumer body) {
        if (tasks <= 1) {
            body.accept(0);
            return;
        }
        ForkJoinTask<?>[] forked = new ForkJoinTask<?>[tasks - 1];
        for (int t = 1; t < tasks; t++) {
            int task = t;
            forked[t - 1] = POOL.submit(() -> body.accept(task));
        }
        RuntimeException failure = null;
        try {
            body.accept(0);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (ForkJoinTask<?> f : forked) {
            try {
                f.join();
            } catch (RuntimeException e) {
                if (failure == null) failure = e; else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }
}
