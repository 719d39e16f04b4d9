package jinn.accel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Busy threads, one per core, for the garbage probes: C2 compiles the kernels differently while every
 * core is taken by other work (how a loaded CI machine compiles them), and a kernel that boxes its
 * vectors only when compiled so must be caught here. {@link #close} stops them and waits.
 */
public final class CoreLoad implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> burners = new ArrayList<>();

    /** Starts {@code threads} busy threads (daemons, so a failed probe still exits). */
    public CoreLoad(int threads) {
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                double x = 1;
                while (!stop.get()) x = x * 1.0000001 + 1e-9;
                if (x == 42) System.out.print(""); // uses x, so the loop is not optimised away
            }, "burner-" + i);
            t.setDaemon(true);
            t.start();
            burners.add(t);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread t : burners) t.join();
    }
}
