package jinn.accel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The one pool of worker threads the CPU kernels share. Daemon threads, so an idle pool never keeps
 * a script or the REPL alive; one pool for the whole JVM, so two backends never oversubscribe cores.
 *
 * <p>A worker that finishes a job spins for {@link #SPIN_NANOS} before it parks. Parking idles its
 * core, and waking an idle core costs far more than the wait: on the virtual machines this runs on,
 * the host deschedules an idle vCPU, and getting it back took longer than a whole 128-row layer of
 * MNIST inference. With workers that parked between the two parallel GEMMs of every batch, two
 * threads inferred only 1.10× as fast as one, while PyTorch (whose OpenBLAS threads spin) got 1.46×.
 * The spin is short enough that an idle pool costs nothing measurable.
 */
final class CpuPool {

    static final int CORES = Runtime.getRuntime().availableProcessors();

    /** How long a worker waits, spinning, for the next job before it parks (0.2 ms, -Djinn.spinMicros). */
    static final long SPIN_NANOS = 1000L * Long.getLong("jinn.spinMicros", 200);

    /** How long a caller spins for the chunks still in work before it parks (1 ms: longer than most chunks). */
    private static final long AWAIT_SPIN_NANOS = 1_000_000L;

    private static final Worker[] WORKERS = new Worker[Math.max(0, CORES - 1)];

    static {
        for (int i = 0; i < WORKERS.length; i++) WORKERS[i] = new Worker(i);
    }

    private CpuPool() {}

    /**
     * Runs body(0) ... body(chunks - 1) on the calling thread and up to {@code threads - 1} pool
     * workers, and returns when every chunk is done; a failure in any chunk is rethrown here.
     *
     * <p>Chunks are claimed one at a time, and the caller works too: when a worker is slow to wake,
     * busy with another caller's job, or is the caller itself (a nested call), the caller simply
     * claims its chunks instead of waiting for it. The caller waits only for chunks already being
     * worked on.
     */
    static void run(int threads, int chunks, IntConsumer body) {
        if (threads <= 1 || chunks <= 1 || WORKERS.length == 0) {
            for (int i = 0; i < chunks; i++) body.accept(i);
            return;
        }
        Job job = new Job(chunks, body, Thread.currentThread());
        int helpers = Math.min(Math.min(threads, chunks) - 1, WORKERS.length);
        for (int w = 0; w < helpers; w++) WORKERS[w].offer(job);
        job.work();
        job.awaitDone();
    }

    /**
     * One daemon thread with a one-job mailbox. A job offered while the mailbox is full goes
     * without this worker (its caller works), so a busy worker never delays anyone.
     */
    private static final class Worker implements Runnable {
        private final AtomicReference<Job> mailbox = new AtomicReference<>();
        private final Thread thread;
        /** Set before the worker parks; an offer that sees it unparks the worker. */
        private volatile boolean parked;

        Worker(int index) {
            // Outside the group of whichever thread made the pool: see DaemonThreads.
            thread = DaemonThreads.start("jinn-cpu-" + index, this);
        }

        void offer(Job job) {
            if (Thread.currentThread() == thread || !mailbox.compareAndSet(null, job)) return;
            if (parked) LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (true) {
                Job job = mailbox.getAndSet(null);
                if (job != null) {
                    job.work();
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    // parked is written before the mailbox is read again and offer writes the mailbox
                    // before reading parked (both volatile): one of the two sees the other.
                    parked = true;
                    if (mailbox.get() == null) LockSupport.park(this);
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }

    /** One call's chunks: a single object per call (its counters are fields, not AtomicIntegers of their own). */
    private static final class Job {
        private static final VarHandle NEXT, DONE;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                NEXT = l.findVarHandle(Job.class, "next", int.class);
                DONE = l.findVarHandle(Job.class, "done", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final int chunks;
        private final IntConsumer body;
        private final Thread caller;
        @SuppressWarnings("unused") // through NEXT
        private volatile int next;
        private volatile int done;
        private volatile Throwable failure;

        Job(int chunks, IntConsumer body, Thread caller) {
            this.chunks = chunks;
            this.body = body;
            this.caller = caller;
        }

        void work() {
            for (int i; (i = (int) NEXT.getAndAdd(this, 1)) < chunks; ) {
                try {
                    if (failure == null) body.accept(i);
                } catch (RuntimeException | Error e) {
                    record(e);
                } finally {
                    if ((int) DONE.getAndAdd(this, 1) + 1 == chunks) LockSupport.unpark(caller);
                }
            }
        }

        private synchronized void record(Throwable e) {
            if (failure == null) failure = e; else failure.addSuppressed(e);
        }

        /**
         * Spins for up to {@link #AWAIT_SPIN_NANOS}, then parks: parking idles the caller's core, which
         * then takes as long to wake as a worker's (see {@link CpuPool}).
         */
        void awaitDone() {
            long start = System.nanoTime();
            while (done < chunks) {
                if (System.nanoTime() - start < AWAIT_SPIN_NANOS) Thread.onSpinWait(); else LockSupport.park(this);
            }
            Throwable f = failure;
            if (f instanceof RuntimeException r) throw r;
            if (f instanceof Error e) throw e;
        }
    }
}
