package jinn.repl;

/**
 * Start-up milestones on stderr, for measuring where jinn's first second goes:
 * {@code JINN_JAVA_OPTS=-Djinn.trace.startup=true bin/jinn}. Times count from the launcher's
 * start when it exported {@code JINN_LAUNCH_NS} (nanoseconds of {@code date +%s%N}), else from
 * the JVM's start. Off by default: then each mark is one boolean test.
 */
public final class StartupTrace {

    private static final boolean ON = Boolean.getBoolean("jinn.trace.startup");
    private static final long ORIGIN_MS = ON ? origin() : 0;
    private static boolean firstResultSeen;

    private StartupTrace() {}

    /** Prints "[startup] +N ms what" when tracing is on. */
    public static void mark(String what) {
        if (!ON) return;
        long ms = System.currentTimeMillis() - ORIGIN_MS;
        System.err.println("[startup] +" + ms + " ms " + what + " (" + Thread.currentThread().getName() + ")");
    }

    /** Marks the first evaluated result only. */
    public static synchronized void firstResult() {
        if (!ON || firstResultSeen) return;
        firstResultSeen = true;
        mark("first result shown");
    }

    private static long origin() {
        String launch = System.getenv("JINN_LAUNCH_NS");
        if (launch != null && launch.matches("\\d{10,}")) return Long.parseLong(launch) / 1_000_000;
        return ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli())
                .orElse(System.currentTimeMillis());
    }
}
