package jinn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpdateThrottleTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> sent = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private static JsonObject content(String v) {
        JsonObject o = new JsonObject();
        o.addProperty("v", v);
        return o;
    }

    @Test
    void aBurstOfUpdatesSendsTheFirstAndTheNewest() throws Exception {
        // The burst happens at one instant of the throttle's clock, however slow the machine; the timer's 50 ms
        // are real, so the burst also holds the throttle's lock, which the timer's flush waits for: on a CI
        // machine a cold JVM once took 50 ms for 62 of these updates, and the flush sent step 62 among them.
        UpdateThrottle throttle = new UpdateThrottle(c -> sent.add(c.get("v").getAsString()), timer, () -> 0L);
        synchronized (throttle) {
            for (int i = 0; i < 500; i++) throttle.update("progress", content("step " + i));
            assertEquals(List.of("step 0"), sent);
        }
        Thread.sleep(300);
        assertEquals(List.of("step 0", "step 499"), sent, "the newest arrives within 50 ms, the ones between never");
    }

    @Test
    void flushSendsWhatWaitsForEveryIdOnce() {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        UpdateThrottle throttle = new UpdateThrottle(c -> sent.add(c.get("v").getAsString()), timer, now::get);
        throttle.update("a", content("a1"));
        throttle.update("b", content("b1"));
        now.addAndGet(10_000_000); // 10 ms later: both wait
        throttle.update("a", content("a2"));
        throttle.update("b", content("b2"));
        assertEquals(List.of("a1", "b1"), sent);
        throttle.flush();
        throttle.flush();
        assertEquals(List.of("a1", "b1", "a2", "b2"), sent);
    }
}
