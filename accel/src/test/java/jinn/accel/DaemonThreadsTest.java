package jinn.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * jinn's daemons stay out of the group of the thread that made them: JShell joins every thread of a
 * cell's group that it finds as the cell starts, and a pool worker found there made a cell wait forever.
 */
class DaemonThreadsTest {

    /** The threads of group g and its subgroups, as JShell's LocalExecutionControl lists them. */
    private static List<Thread> threadsOf(ThreadGroup g) {
        Thread[] all = new Thread[g.activeCount() + 16];
        int n = g.enumerate(all, true);
        return Arrays.asList(all).subList(0, n);
    }

    @Test
    void aDaemonMadeInsideACellsGroupIsNotOneOfItsThreads() throws Exception {
        ThreadGroup cell = new ThreadGroup("a cell, as JShell makes one");
        AtomicReference<Thread> made = new AtomicReference<>();
        CountDownLatch release = new CountDownLatch(1), listed = new CountDownLatch(1);
        AtomicReference<List<Thread>> seen = new AtomicReference<>();
        Thread snippet = new Thread(cell, () -> {
            made.set(DaemonThreads.start("jinn-test-daemon", () -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            seen.set(threadsOf(cell));
            listed.countDown();
        });
        snippet.start();
        listed.await();
        snippet.join();
        try {
            Thread daemon = made.get();
            assertTrue(daemon.isDaemon());
            assertTrue(daemon.isAlive());
            assertFalse(seen.get().contains(daemon), "the daemon is listed among the cell's threads: " + seen.get());
            assertNull(daemon.getThreadGroup().getParent(), "not in the top group: " + daemon.getThreadGroup());
        } finally {
            release.countDown();
        }
    }

    @Test
    void thePoolsWorkersAndTheWarmUpAreInTheTopGroup() throws Exception {
        ThreadGroup cell = new ThreadGroup("a cell");
        // The pool is made by whichever thread first uses it; in this JVM perhaps earlier, so the
        // check is on where its workers are, wherever they were made.
        Thread user = new Thread(cell, () -> CpuPool.run(CpuPool.CORES, 8, i -> {}));
        user.start();
        user.join();
        List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("jinn-cpu-")).toList();
        assertEquals(Math.max(0, CpuPool.CORES - 1), workers.size(), "workers: " + workers);
        for (Thread w : workers) assertNull(w.getThreadGroup().getParent(), w + " is in " + w.getThreadGroup());
        Thread warmUp = KernelWarmUp.thread();
        if (warmUp != null && warmUp.isAlive()) assertNull(warmUp.getThreadGroup().getParent());
    }
}
