package jinn.accel;

import java.util.concurrent.ThreadFactory;

/**
 * jinn's own background threads (the CPU pool's workers, warm-ups, the live plot's drawer), made as
 * daemons in the JVM's top thread group, whatever thread asks for them.
 *
 * <p>Why the group: JShell runs each cell on a new thread of a new thread group, and as the cell
 * starts it joins every thread it then finds in that group, its subgroups included. A daemon made by
 * the cell in its first moments (the CPU pool, whose workers start on the first parallel op) fell in
 * that list, and since a worker never ends, the cell never returned: a Jupyter run of tutorial 02
 * hung in CI that way, when the machine was busy enough to delay JShell between starting the cell
 * and listing its group. Threads of the top group are in no cell's group.
 */
public final class DaemonThreads {
    private DaemonThreads() {}

    private static final ThreadGroup TOP = top();

    private static ThreadGroup top() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) g = g.getParent();
        return g;
    }

    /** A daemon thread named {@code name} in the top group, not yet started. */
    public static Thread create(String name, Runnable body) {
        return Thread.ofPlatform().group(TOP).name(name).daemon(true).unstarted(body);
    }

    /** Starts {@link #create}'s thread and returns it. */
    public static Thread start(String name, Runnable body) {
        Thread t = create(name, body);
        t.start();
        return t;
    }

    /** A factory of such threads, each named {@code name}, for an executor. */
    public static ThreadFactory factory(String name) {
        return r -> create(name, r);
    }
}
