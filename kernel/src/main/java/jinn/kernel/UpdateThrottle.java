package jinn.kernel;

import com.google.gson.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Passes on update_display_data at most every 50 ms per display id, keeping only the newest
 * content in between: a progress bar updated after every batch would otherwise send hundreds of
 * messages a second, each redrawn by the front end and, under nbclient, written into the notebook.
 * {@link #flush} sends what waits, so the final state always arrives.
 */
final class UpdateThrottle {

    static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Consumer<JsonObject> sink;
    private final ScheduledExecutorService timer;
    private final Map<String, Long> lastSent = new HashMap<>();
    private final Map<String, JsonObject> waiting = new LinkedHashMap<>();
    private ScheduledFuture<?> scheduled;

    UpdateThrottle(Consumer<JsonObject> sink, ScheduledExecutorService timer) {
        this.sink = sink;
        this.timer = timer;
    }

    synchronized void update(String displayId, JsonObject content) {
        long now = System.nanoTime();
        Long last = lastSent.get(displayId);
        if (last == null || now - last >= INTERVAL_NANOS) {
            waiting.remove(displayId);
            lastSent.put(displayId, now);
            sink.accept(content);
            return;
        }
        waiting.put(displayId, content);
        if (scheduled == null) scheduled = timer.schedule(this::flush, INTERVAL_NANOS - (now - last), TimeUnit.NANOSECONDS);
    }

    /** Sends the newest waiting update of every id. */
    synchronized void flush() {
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
        long now = System.nanoTime();
        waiting.forEach((id, content) -> {
            lastSent.put(id, now);
            sink.accept(content);
        });
        waiting.clear();
    }
}
