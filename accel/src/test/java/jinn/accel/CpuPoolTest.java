package jinn.accel;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CpuPoolTest {

    @Test
    void everyChunkRunsExactlyOnce() {
        for (int chunks : new int[] {0, 1, 2, 3, 17, 1000}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(1, chunks));
            CpuPool.run(4, chunks, runs::incrementAndGet);
            for (int i = 0; i < chunks; i++) assertEquals(1, runs.get(i), "chunk " + i + " of " + chunks);
        }
    }

    @Test
    void workersTakePartWhenThereAreCores() {
        var threads = ConcurrentHashMap.<String>newKeySet();
        // Enough chunks, each slow enough, that a spinning or woken worker claims some.
        for (int round = 0; round < 20 && threads.size() < 2; round++) {
            CpuPool.run(CpuPool.CORES, 64, i -> {
                threads.add(Thread.currentThread().getName());
                long end = System.nanoTime() + 200_000;
                while (System.nanoTime() < end) Thread.onSpinWait();
            });
        }
        if (CpuPool.CORES > 1) {
            assertTrue(threads.stream().anyMatch(n -> n.startsWith("jinn-cpu-")), "no worker ran a chunk: " + threads);
        } else {
            assertEquals(1, threads.size(), "one core: the caller alone");
        }
    }

    @Test
    void aFailingChunkIsRethrownToTheCallerWithTheOthersSuppressed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CpuPool.run(2, 8, i -> { throw new IllegalStateException("chunk " + i); }));
        assertTrue(e.getMessage().startsWith("chunk "), e.getMessage());
        // The pool is still usable afterwards.
        AtomicIntegerArray runs = new AtomicIntegerArray(5);
        CpuPool.run(2, 5, runs::incrementAndGet);
        for (int i = 0; i < 5; i++) assertEquals(1, runs.get(i));
    }

    @Test
    void nestedAndConcurrentCallsDoNotDeadlock() throws Exception {
        int callers = 4;
        CountDownLatch done = new CountDownLatch(callers);
        AtomicIntegerArray inner = new AtomicIntegerArray(callers * 8 * 8);
        for (int c = 0; c < callers; c++) {
            int caller = c;
            Thread t = new Thread(() -> {
                CpuPool.run(2, 8, i -> CpuPool.run(2, 8, j -> inner.incrementAndGet((caller * 8 + i) * 8 + j)));
                done.countDown();
            });
            t.start();
        }
        assertTrue(done.await(30, TimeUnit.SECONDS), "nested calls did not finish");
        for (int i = 0; i < inner.length(); i++) assertEquals(1, inner.get(i), "inner chunk " + i);
    }

    @Test
    void idleWorkersParkInsteadOfSpinning() throws Exception {
        CpuPool.run(CpuPool.CORES, 16, i -> { });
        Thread.sleep(50);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.getName().startsWith("jinn-cpu-")) continue;
            assertTrue(t.isDaemon(), t.getName() + " must not keep the JVM alive");
            for (int tries = 0; tries < 100 && t.getState() == Thread.State.RUNNABLE; tries++) Thread.sleep(10);
            Thread.State state = t.getState();
            assertTrue(state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING, t.getName() + " still busy when idle: " + state);
        }
    }
}
