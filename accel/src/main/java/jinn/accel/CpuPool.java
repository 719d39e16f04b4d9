package jinn.accel;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The one set of worker threads the CPU kernels share: daemon threads, so an idle pool never keeps
 * a script or the REPL alive; one set for the whole JVM, so two backends never oversubscribe cores.
 *
 * <p>Workers spin for a short while after each job before they park. A training step issues its
 * GEMMs a few tens of microseconds apart, and waking a parked thread costs about as much (a futex
 * call, then the scheduler): a worker that parked between two calls of one step arrived late to
 * the second, and two threads ran barely faster than one. {@link #wake} lets a caller start the
 * workers before the serial part of its call (packing), so they are spinning when the job comes.
 * The spin is bounded ({@link #SPIN_NANOS}), so an idle pool costs no CPU.
 */
final class CpuPool {

    static final int CORES = Runtime.getRuntime().availableProcessors();

    /** How long an idle worker keeps looking for work before it parks. */
    static final long SPIN_NANOS = 200_000;

    private static final ConcurrentLinkedQueue<Job> QUEUE = new ConcurrentLinkedQueue<>();
    private static final Worker[] WORKERS = new Worker[Math.max(0, CORES - 1)];

    private CpuPool() {}

    /**
     * Runs body(0) ... body(chunks - 1) on the calling thread and up to {@code threads - 1} pool
     * workers, and returns when every chunk is done; a failure in any chunk is rethrown here.
     *
     * <p>Chunks are claimed one at a time, and the caller works too: when a worker is slow to wake
     * or busy elsewhere (other programs share these cores, or it runs another caller's job), the
     * caller simply claims its chunks instead of waiting for it. The caller waits only for chunks
     * already being worked on, so nested and concurrent calls cannot deadlock.
     */
    static void run(int threads, int chunks, IntConsumer body) {
        int helpers = Math.min(Math.min(threads, chunks) - 1, WORKERS.length);
        if (helpers <= 0) {
            for (int i = 0; i < chunks; i++) body.accept(i);
            return;
        }
        Job job = new Job(chunks, body, Thread.currentThread());
        for (int w = 0; w < helpers; w++) QUEUE.offer(job);
        wake(helpers);
        job.work();
        job.awaitDone();
    }

    /** Gets up to {@code helpers} workers running (spinning), ahead of a job about to come. */
    static void wake(int helpers) {
        for (int w = 0; w < Math.min(helpers, WORKERS.length); w++) worker(w).wake();
    }

    private static Worker worker(int w) {
        Worker worker = WORKERS[w];
        if (worker == null) {
            synchronized (WORKERS) {
                if ((worker = WORKERS[w]) == null) WORKERS[w] = worker = new Worker(w);
            }
        }
        return worker;
    }

    private static final class Worker extends Thread {
        private volatile boolean parked;

        Worker(int index) {
            super("jinn-cpu-" + index);
            setDaemon(true);
            start();
        }

        void wake() {
            if (parked) LockSupport.unpark(this);
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            for (;;) {
                Job job = QUEUE.poll();
                if (job != null) {
                    job.work();
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    // Announce the park, then look once more: a job offered in between either is
                    // seen here or its offerer sees parked and unparks (the permit is kept).
                    parked = true;
                    if (QUEUE.isEmpty()) LockSupport.park(this);
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
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
