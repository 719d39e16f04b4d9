package jinn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamBufferTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final StreamBuffer buffer = new StreamBuffer(sent::add, timer);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aWholeLineLeavesAtOnceAndAPartialOneWithin50Ms() throws Exception {
        buffer.write("epoch 1\nepo");
        assertEquals(List.of("epoch 1\n"), sent);
        Thread.sleep(300);
        assertEquals(List.of("epoch 1\n", "epo"), sent, "the partial line waits at most 50 ms");
    }

    @Test
    void aBurstOfLinesBecomesFewMessages() {
        for (int i = 0; i < 1000; i++) buffer.write("line " + i + "\n");
        buffer.flush();
        String all = String.join("", sent);
        assertEquals(1000, all.lines().count());
        assertEquals("line 999", all.lines().reduce((a, b) -> b).orElseThrow());
        // The first line leaves at once, the rest within 50 ms of it: far fewer messages than lines.
        org.junit.jupiter.api.Assertions.assertTrue(sent.size() < 50, sent.size() + " messages for 1000 lines");
    }

    @Test
    void flushSendsWhatWaitsAndNothingTwice() {
        buffer.write("a");
        buffer.flush();
        buffer.flush();
        assertEquals(List.of("a"), sent);
    }
}
