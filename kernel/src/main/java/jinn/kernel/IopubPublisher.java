package jinn.kernel;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import org.zeromq.ZMQ;

/**
 * Owns the IOPub socket: any thread (shell, control, a cell printing from its own threads) hands
 * messages to {@link #publish}, and this one thread sends them in the order they came. A cell
 * thread that is interrupted while it publishes only leaves a queue, never a broken socket.
 */
final class IopubPublisher {

    private static final Message END = new Message(List.of(), null, null, null, null, List.of());

    /** Messages to send, an END, or a latch that {@link #flush} waits on. */
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final ZMQ.Socket socket;
    private final WireCodec codec;
    private final Thread thread;
    private final CountDownLatch ended = new CountDownLatch(1);

    IopubPublisher(ZMQ.Socket socket, WireCodec codec) {
        this.socket = socket;
        this.codec = codec;
        this.thread = new Thread(this::run, "jinn-kernel-iopub");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Sends {@code type} with {@code content} on IOPub as a child of {@code parent}; the topic is the type, as ipykernel's are. */
    void publish(String type, Message parent, com.google.gson.JsonObject content) {
        queue.add(codec.create(type, parent, content, List.of(type.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    void status(String state, Message parent) {
        var content = new com.google.gson.JsonObject();
        content.addProperty("execution_state", state);
        publish("status", parent, content);
    }

    private void run() {
        try {
            for (Object o = queue.take(); o != END; o = queue.take()) {
                if (o instanceof CountDownLatch sent) sent.countDown();
                else KernelSockets.send(socket, codec.encode((Message) o));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            KernelLog.line("IOPub stopped: " + e);
        } finally {
            socket.close();
            ended.countDown();
        }
    }

    /**
     * Waits (two seconds at most) until what is queued now has been sent: a reply on shell must
     * come after the outputs of its cell, as ipykernel sends them; the IOPub thread would
     * otherwise still be sending an execute_result when the execute_reply has arrived.
     */
    void flush() {
        CountDownLatch sent = new CountDownLatch(1);
        queue.add(sent);
        try {
            sent.await(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends what is queued, then closes the socket. */
    void close() {
        queue.add(END);
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
