package jinn.kernel;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * A minimal Jupyter front end over real ZeroMQ sockets (JeroMQ as the client), for tests: signs
 * its requests with the connection key, and reads replies and IOPub messages with timeouts.
 */
final class TestClient implements AutoCloseable {

    final ConnectionInfo info;
    final WireCodec codec;
    private final ZMQ.Context context = ZMQ.context(1);
    final ZMQ.Socket shell, control, stdin, iopub, hb;

    TestClient(ConnectionInfo info) {
        this.info = info;
        this.codec = new WireCodec(info.key());
        byte[] identity = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        shell = connect(SocketType.DEALER, info.shellPort(), identity);
        control = connect(SocketType.DEALER, info.controlPort(), identity);
        stdin = connect(SocketType.DEALER, info.stdinPort(), identity);
        iopub = connect(SocketType.SUB, info.iopubPort(), null);
        iopub.subscribe(new byte[0]);
        hb = connect(SocketType.REQ, info.hbPort(), null);
    }

    private ZMQ.Socket connect(SocketType type, int port, byte[] identity) {
        ZMQ.Socket s = context.socket(type);
        s.setLinger(0);
        if (identity != null) s.setIdentity(identity);
        s.connect(info.endpoint(port));
        return s;
    }

    /** A connection on free loopback ports with a random key. */
    static ConnectionInfo freeConnection() throws IOException {
        return ConnectionInfo.onFreeLocalPorts(UUID.randomUUID().toString());
    }

    Message send(ZMQ.Socket socket, String type, JsonObject content) {
        Message m = codec.create(type, null, content, List.of());
        sendFrames(socket, codec.encode(m));
        return m;
    }

    void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        KernelSockets.send(socket, frames);
    }

    /** The next message on {@code socket}, or null after {@code millis}. */
    Message receive(ZMQ.Socket socket, int millis) {
        socket.setReceiveTimeOut(millis);
        byte[] first = socket.recv(0);
        if (first == null) return null;
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) frames.add(socket.recv(0));
        try {
            return codec.decode(frames);
        } catch (WireCodec.Rejected e) {
            throw new AssertionError("the kernel sent a message the client refuses: " + e.getMessage());
        }
    }

    /** Every IOPub message whose parent is {@code request}, up to and including its idle status. */
    List<Message> iopubUntilIdle(Message request, int millis) {
        List<Message> got = new ArrayList<>();
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            Message m = receive(iopub, (int) Math.max(1, end - System.currentTimeMillis()));
            if (m == null) break;
            if (!request.id().equals(m.parentHeader().has("msg_id") ? m.parentHeader().get("msg_id").getAsString() : "")) continue;
            got.add(m);
            if (m.type().equals("status") && m.content().get("execution_state").getAsString().equals("idle")) return got;
        }
        throw new AssertionError("no idle status for " + request.type() + " within " + millis + " ms; got " + types(got));
    }

    static List<String> types(List<Message> messages) {
        return messages.stream().map(m -> m.type().equals("status") ? "status:" + m.content().get("execution_state").getAsString() : m.type()).toList();
    }

    /**
     * Waits until IOPub delivers: a SUB socket misses what is published before its subscription
     * reaches the kernel, so ask for kernel_info until its busy status arrives (as jupyter_client does).
     */
    void awaitIopub() {
        for (int i = 0; i < 50; i++) {
            Message req = send(shell, "kernel_info_request", new JsonObject());
            if (receive(shell, 5000) == null) throw new AssertionError("no kernel_info_reply within 5 s");
            Message m;
            while ((m = receive(iopub, 100)) != null) {
                if (m.parentHeader().has("msg_id") && m.parentHeader().get("msg_id").getAsString().equals(req.id())) {
                    if (!m.content().get("execution_state").getAsString().equals("idle")) iopubUntilIdle(req, 2000);
                    return;
                }
            }
        }
        throw new AssertionError("IOPub delivered nothing");
    }

    /** An execute request with the usual flags. */
    Message execute(String code) {
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        c.addProperty("silent", false);
        c.addProperty("store_history", true);
        c.addProperty("allow_stdin", true);
        c.addProperty("stop_on_error", true);
        c.add("user_expressions", new JsonObject());
        return send(shell, "execute_request", c);
    }

    @Override
    public void close() {
        for (ZMQ.Socket s : List.of(shell, control, stdin, iopub, hb)) s.close();
        context.term();
    }
}
