package jinn.bench;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated so far by the calling thread and jinn's CPU pool workers together: which of them
 * runs a share of a batch depends on how busy the machine is (a worker slow to wake leaves its share
 * to the caller), so the caller's count alone moved with the load and missed what the workers made.
 */
final class Allocated {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocated() {}

    static long now() {
        long sum = THREADS.getCurrentThreadAllocatedBytes();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("jinn-cpu-")) sum += Math.max(0, THREADS.getThreadAllocatedBytes(t.threadId()));
        }
        return sum;
    }
}
