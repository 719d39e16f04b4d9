package jinn.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One long session, as a day at the REPL would be: definitions, redefinitions, methods, errors,
 * exceptions, interrupted loops, charts and values, a thousand and more snippets. What a snippet
 * costs at the end must stay close to what it cost at the start, and the heap must not keep what
 * the session no longer holds.
 */
class SessionSoakTest {

    static final int SNIPPETS = 800;

    @Test
    void aThousandSnippetsLaterASnippetCostsWhatItDidAndTheHeapHasNotGrown() throws Exception {
        try (Engine engine = Engine.start()) {
            long[] nanos = new long[SNIPPETS];
            int failed = 0, stopped = 0;
            long heapAtStart = 0;
            for (int i = 0; i < SNIPPETS; i++) {
                if (i == 100) heapAtStart = usedHeapAfterGc();
                String cell = cell(i);
                Thread stopper = null;
                if (cell.startsWith("while")) {
                    stopper = new Thread(() -> {
                        try {
                            Thread.sleep(30);
                        } catch (InterruptedException e) {
                            return;
                        }
                        engine.stop();
                    });
                    stopper.start();
                }
                long t0 = System.nanoTime();
                EvalResult r = engine.eval(cell);
                nanos[i] = System.nanoTime() - t0;
                if (stopper != null) {
                    stopper.join();
                    assertTrue(r.interrupted(), "the loop was stopped: " + r.text());
                    stopped++;
                } else if (r.failed()) {
                    failed++;
                    assertTrue(cell.contains("undefinedName") || cell.contains("parseInt"), "unexpected failure of " + cell + ":\n" + r.text());
                }
            }
            long heapAtEnd = usedHeapAfterGc();
            int lastR = SNIPPETS - 1;
            while (!cell(lastR).startsWith("int r")) lastR--;

            // Compare like with like: the one-line statements, early against late (interrupts and charts vary).
            double early = median(nanos, 100, 300, SessionSoakTest::isStatement);
            double late = median(nanos, SNIPPETS - 200, SNIPPETS, SessionSoakTest::isStatement);
            String figures = String.format("one-line statement: median %.1f ms early, %.1f ms late; heap %d MB -> %d MB",
                    early / 1e6, late / 1e6, heapAtStart >> 20, heapAtEnd >> 20);
            System.out.println("soak: " + figures);
            assertTrue(stopped >= 5 && failed >= 100, "the mix ran: " + stopped + " stopped, " + failed + " failed");
            assertEquals("r ==> " + lastR, engine.eval("r").outcomes().get(0).display(), "the session's state is intact");
            assertTrue(late <= 2.5 * early + 15e6, "a snippet got slower as the session grew: " + figures);
            assertTrue(heapAtEnd - heapAtStart < 96L << 20, "the heap grew with the session: " + figures);
            assertFalse(engine.isRunning());
        }
    }

    /** The mix: mostly redefinitions and statements, some errors, exceptions, charts, values and stopped loops. */
    static String cell(int i) {
        if (i % 100 == 50) return "while (true) { }";
        if (i % 10 == 3) return "int s" + i + " = undefinedName + 1;";
        if (i % 10 == 7) return "Integer.parseInt(\"not a number " + i + "\");";
        if (i % 40 == 5) return "plot(new double[] {1, 4, " + i + "})";
        if (i % 20 == 9) return "double f(double x) { return x * " + i + "; }";
        if (i % 20 == 11) return "r + f(2)";
        if (i % 4 == 1) return "int r = " + i + ";";
        return "System.setProperty(\"jinn.soak\", \"" + i + "\");";
    }

    static boolean isStatement(int i) {
        return cell(i).startsWith("System.setProperty");
    }

    private static double median(long[] nanos, int from, int to, java.util.function.IntPredicate which) {
        List<Long> picked = new ArrayList<>();
        for (int i = from; i < to; i++) if (which.test(i)) picked.add(nanos[i]);
        long[] a = picked.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a[a.length / 2];
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int k = 0; k < 3; k++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
