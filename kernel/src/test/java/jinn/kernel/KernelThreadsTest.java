package jinn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The kernel's executors make their threads outside the thread group of whoever first gives them work.
 * JShell runs each cell on a thread of a new group and, as the cell starts, joins every thread of that
 * group: the stream-flush timer's thread, started by a cell's first print, fell in that group, never
 * ended, and the cell never returned (the Jupyter suite hung so in CI).
 */
class KernelThreadsTest {

    @Test
    void aTimerFirstUsedFromACellsThreadGroupRunsOutsideIt() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Kernel.daemon("jinn-kernel-stream-flush"));
        try {
            ThreadGroup cell = new ThreadGroup("JShell process local execution");
            AtomicReference<Thread> worker = new AtomicReference<>();
            CompletableFuture<Void> ran = new CompletableFuture<>();
            // As a cell printing would: the schedule comes from a thread of the cell's group.
            Thread printer = new Thread(cell, () -> timer.schedule(() -> {
                worker.set(Thread.currentThread());
                ran.complete(null);
            }, 1, TimeUnit.MILLISECONDS));
            printer.start();
            printer.join();
            ran.get(10, TimeUnit.SECONDS);
            Thread t = worker.get();
            assertNotNull(t);
            assertEquals("jinn-kernel-stream-flush", t.getName());
            assertTrue(t.isDaemon(), "a daemon, so that it never holds the JVM open");
            assertNotSame(cell, t.getThreadGroup(), "the timer's thread must not be in the cell's group");
            assertEquals(0, cell.activeCount(), "no thread of the cell's group is left for JShell to join");
        } finally {
            timer.shutdownNow();
        }
    }
}
