package jinn.accel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelWarmUpTest {

    @Test
    void creatingTheCpuBackendWarmsItsKernelsOnOneDaemonThreadThatEnds() throws InterruptedException {
        new CpuBackend();
        Thread t = KernelWarmUp.thread();
        assertNotNull(t, "no warm-up thread was started");
        assertTrue(t.isDaemon(), "the warm-up must not keep the JVM alive");
        new CpuBackend(); // a second backend starts no second warm-up
        assertTrue(t == KernelWarmUp.thread());
        t.join(120_000);
        assertFalse(t.isAlive(), "the warm-up is bounded work, yet still runs after 2 minutes");
    }
}
