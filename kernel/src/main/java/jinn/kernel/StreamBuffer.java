package jinn.kernel;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Collects what a cell prints to one stream and hands it on as stream messages: whole lines at
 * once, unless the last message left less than 50 ms ago; anything else (a partial line, a burst
 * of lines) at most 50 ms later. A loop printing thousands of lines sends 20 messages a second,
 * not thousands, and a prompt without a newline still shows.
 */
final class StreamBuffer {

    static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Consumer<String> sink;
    private final ScheduledExecutorService timer;
    private final StringBuilder pending = new StringBuilder();
    private ScheduledFuture<?> scheduled;
    private long lastSent = System.nanoTime() - INTERVAL_NANOS;

    StreamBuffer(Consumer<String> sink, ScheduledExecutorService timer) {
        this.sink = sink;
        this.timer = timer;
    }

    synchronized void write(String text) {
        if (text.isEmpty()) return;
        pending.append(text);
        int newline = pending.lastIndexOf("\n");
        if (newline >= 0 && System.nanoTime() - lastSent >= INTERVAL_NANOS) {
            send(newline + 1);
        }
        if (!pending.isEmpty() && scheduled == null) {
            scheduled = timer.schedule(this::flush, INTERVAL_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    /** Hands on everything collected; the kernel calls it before a cell's result and its idle status. */
    synchronized void flush() {
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
        if (!pending.isEmpty()) send(pending.length());
    }

    private void send(int end) {
        String text = pending.substring(0, end);
        pending.delete(0, end);
        lastSent = System.nanoTime();
        sink.accept(text);
    }
}
