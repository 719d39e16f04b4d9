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
    private final UpdateThrottle throttle = new UpdateThrottle(c -> sent.add(c.get("v").getAsString()), timer);

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
        for (int i = 0; i < 500; i++) throttle.update("progress", content("step " + i));
        assertEquals(List.of("step 0"), sent);
        Thread.sleep(300);
        assertEquals(List.of("step 0", "step 499"), sent, "the newest arrives within 50 ms, the ones between never");
    }

    @Test
    void flushSendsWhatWaitsForEveryIdOnce() {
        throttle.update("a", content("a1"));
        throttle.update("b", content("b1"));
        throttle.update("a", content("a2"));
        throttle.update("b", content("b2"));
        throttle.flush();
        throttle.flush();
        assertEquals(List.of("a1", "b1", "a2", "b2"), sent);
    }
}
