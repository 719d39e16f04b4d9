package jinn.kernel;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.zeromq.ZMQ;

/**
 * Owns the stdin socket. A cell that reads System.in asks through {@link #readLine} from its own
 * thread; this thread sends the input_request to the front end that sent the execute request and
 * waits for its input_reply. The cell waits on a future, so stopping it leaves no socket broken.
 */
final class StdinChannel {

    private record Request(Message parent, String prompt, CompletableFuture<String> answer) {}

    private static final Request END = new Request(null, null, null);

    private final ZMQ.Socket socket;
    private final ZMQ.Poller poller;
    private final WireCodec codec;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final Thread thread;

    StdinChannel(KernelSockets sockets, WireCodec codec) {
        this.socket = sockets.stdin;
        this.codec = codec;
        this.poller = sockets.context.poller(1);
        poller.register(socket, ZMQ.Poller.POLLIN);
        thread = new Thread(this::run, "jinn-kernel-stdin");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Asks the front end that sent {@code parent} for a line; blocks the calling (cell) thread until it comes. */
    String readLine(Message parent, String prompt) throws IOException {
        var r = new Request(parent, prompt, new CompletableFuture<>());
        requests.add(r);
        try {
            return r.answer().get();
        } catch (InterruptedException e) {
            r.answer().cancel(false);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stopped while waiting for input");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    private void run() {
        try {
            for (Request r = requests.take(); r != END; r = requests.take()) {
                if (r.answer().isDone()) continue;
                JsonObject content = new JsonObject();
                content.addProperty("prompt", r.prompt());
                content.addProperty("password", false);
                KernelSockets.send(socket, codec.encode(codec.create("input_request", r.parent(), content, r.parent().identities())));
                awaitReply(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            KernelLog.line("stdin stopped: " + e);
        } finally {
            poller.close();
            socket.close();
        }
    }

    /** Waits for the input_reply, checking every 100 ms whether the cell stopped waiting for it. */
    private void awaitReply(Request r) {
        while (!r.answer().isDone()) {
            if (poller.poll(100) <= 0 || !poller.pollin(0)) continue;
            List<byte[]> frames = KernelSockets.receive(socket, 0);
            if (frames == null) {
                r.answer().completeExceptionally(new IOException("the kernel is shutting down"));
                return;
            }
            try {
                Message m = codec.decode(frames);
                if ("input_reply".equals(m.type())) r.answer().complete(m.string("value", ""));
                else KernelLog.line("ignored a " + m.type() + " on the stdin channel");
            } catch (WireCodec.Rejected e) {
                KernelLog.line("refused a message on stdin: " + e.getMessage());
            }
        }
    }

    void close() {
        requests.add(END);
    }
}
