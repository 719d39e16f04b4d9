package jinn.accel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
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
     * Runs body(0) ... body(chunks - 1) on the calling thread and up to {@code threads - 1} pool
     * workers, and returns when every chunk is done; a failure in any chunk is rethrown here.
     *
     * <p>Chunks are claimed one at a time, and the caller works too: when a worker is slow to wake
     * or busy elsewhere (other programs share these cores), the caller simply claims its chunks
     * instead of waiting for it. The caller waits only for chunks already being worked on.
     */
    static void run(int threads, int chunks, IntConsumer body) {
        if (threads <= 1 || chunks <= 1) {
            for (int i = 0; i < chunks; i++) body.accept(i);
            return;
        }
        Job job = new Job(chunks, body, Thread.currentThread());
        for (int w = 1; w < Math.min(threads, chunks); w++) POOL.execute(job::work);
        job.work();
        job.awaitDone();
    }

    private static final class Job {
        private final int chunks;
        private final IntConsumer body;
        private final Thread caller;
        private final AtomicInteger next = new AtomicInteger(), done = new AtomicInteger();
        private volatile Throwable failure;

        Job(int chunks, IntConsumer body, Thread caller) {
            this.chunks = chunks;
            this.body = body;
            this.caller = caller;
        }

        void work() {
            for (int i; (i = next.getAndIncrement()) < chunks; ) {
                try {
                    if (failure == null) body.accept(i);
                } catch (RuntimeException | Error e) {
                    record(e);
                } finally {
                    if (done.incrementAndGet() == chunks) LockSupport.unpark(caller);
                }
            }
        }

        private synchronized void record(Throwable e) {
            if (failure == null) failure = e; else failure.addSuppressed(e);
        }

        void awaitDone() {
            for (int spins = 0; done.get() < chunks; spins++) {
                if (spins < 1000) Thread.onSpinWait(); else LockSupport.park(this);
            }
            Throwable f = failure;
            if (f instanceof RuntimeException r) throw r;
            if (f instanceof Error e) throw e;
        }
    }
}
