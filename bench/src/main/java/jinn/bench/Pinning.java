package jinn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jinn.accel.CpuBackend;

/**
 * One-thread rows on one CPU: jinn's measuring thread, and each PyTorch child while it runs one
 * thread, are pinned to the same CPU, so the two sides take turns on one core. Unpinned, each
 * process kept to the vCPU it last ran on, and a VM's vCPUs slow down one at a time (another guest
 * on the physical core): on the Zen 5 VM of the README, a probe's one-thread MNIST inference ratio,
 * 21 passes taking turns, read 0.93–1.46 over six rounds unpinned and 1.26–1.28 over six pinned
 * (three on each vCPU). Rows of more threads run on every CPU the bench was given.
 *
 * <p>The thread is pinned with util-linux's {@code taskset -p} on its own task id; PyTorch's scripts
 * pin themselves ({@code jinn_torch.set_threads}) to the CPU in {@link #ENV}. Where taskset is missing
 * or the bench has a single CPU, nothing is pinned and the header says so (where taskset fails, a
 * warning does).
 */
final class Pinning {

    /** The variable naming the CPU for a PyTorch child's one-thread runs ({@code ENV + "S"}: the CPUs for more). */
    static final String ENV = "JINN_BENCH_CPU";

    private static final Path TASKSET = Path.of("/usr/bin/taskset");

    /** The CPUs the bench may run on, as the kernel lists them ("0-1"), or null where unknown. */
    private static final String ALLOWED = allowedCpus();

    /** The CPU one-thread rows run on, the last one allowed, or -1 where nothing is pinned. */
    static final int CPU = ALLOWED == null || !Files.isExecutable(TASKSET) || Runtime.getRuntime().availableProcessors() < 2
            ? -1 : lastCpu(ALLOWED);

    /** Why pinning was given up (taskset failed), or null: the rows then run unpinned, and the header says so. */
    private static String failed;

    static {
        // jinn's pool starts its workers once, and a thread inherits the CPUs of the thread that starts it:
        // started from a pinned thread, every two-thread row after would have run on one CPU. Starting it
        // here, before this class pins anything, keeps its workers on every CPU.
        new CpuBackend();
    }

    private Pinning() {}

    /** Pins the calling thread to {@link #CPU} for one thread, else lets it run on every allowed CPU. */
    static void forThreads(int threads) {
        if (CPU < 0 || failed != null) return;
        String tid;
        try {
            tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        String cpus = threads == 1 ? Integer.toString(CPU) : ALLOWED;
        try {
            Process p = new ProcessBuilder(TASKSET.toString(), "-p", "-c", cpus, tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) giveUp("taskset -p -c " + cpus + " " + tid + " failed");
        } catch (IOException e) {
            giveUp("taskset -p -c " + cpus + " " + tid + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void giveUp(String why) {
        failed = why;
        System.err.println("bench: " + why + "; one-thread rows from here on run unpinned");
    }

    /** Lets the calling thread run on every allowed CPU again (children it starts inherit that). */
    static void release() {
        forThreads(Integer.MAX_VALUE);
    }

    /** Tells a PyTorch child where its one-thread runs go, and which CPUs its others may use. */
    static void environment(Map<String, String> env) {
        if (CPU < 0 || failed != null) return;
        env.put(ENV, Integer.toString(CPU));
        env.put(ENV + "S", ALLOWED);
    }

    /** The header's line. */
    static String describe() {
        return CPU < 0 || failed != null
                ? "one-thread rows unpinned (" + (failed != null ? failed : Files.isExecutable(TASKSET) ? "one CPU" : "no " + TASKSET) + ")"
                : "one-thread rows pinned to CPU " + CPU + ", jinn's thread and PyTorch's process alike, taking turns; "
                        + "more threads on CPUs " + ALLOWED;
    }

    private static String allowedCpus() {
        try {
            List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
            for (String line : status) {
                if (line.startsWith("Cpus_allowed_list:")) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return null;
    }

    /** The highest CPU of a kernel CPU list such as "0-3,6". */
    static int lastCpu(String list) {
        int last = -1;
        for (String part : list.split(",")) {
            String[] range = part.trim().split("-");
            last = Math.max(last, Integer.parseInt(range[range.length - 1].trim()));
        }
        return last;
    }
}
