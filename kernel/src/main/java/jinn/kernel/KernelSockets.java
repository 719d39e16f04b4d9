package jinn.kernel;

import java.util.ArrayList;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The five sockets of a kernel, bound to the connection file's address and nothing else. Each is
 * then handed to the one thread that uses it: a ZeroMQ socket must not be shared between threads,
 * and no cell thread ever gets one (an interrupt closes JeroMQ's channels under it).
 */
final class KernelSockets implements AutoCloseable {

    final ZMQ.Context context = ZMQ.context(1);
    final ZMQ.Socket shell, control, stdin, iopub, heartbeat;

    private final List<ZMQ.Socket> opened = new ArrayList<>();

    KernelSockets(ConnectionInfo info) throws ConnectionInfo.Refused {
        shell = bind(SocketType.ROUTER, info, info.shellPort(), "shell");
        control = bind(SocketType.ROUTER, info, info.controlPort(), "control");
        stdin = bind(SocketType.ROUTER, info, info.stdinPort(), "stdin");
        iopub = bind(SocketType.PUB, info, info.iopubPort(), "iopub");
        heartbeat = bind(SocketType.REP, info, info.hbPort(), "heartbeat");
    }

    private ZMQ.Socket bind(SocketType type, ConnectionInfo info, int port, String name) throws ConnectionInfo.Refused {
        ZMQ.Socket s = context.socket(type);
        opened.add(s);
        s.setLinger(1000); // a shutdown reply and the last idle status still leave
        if (info.ip().contains(":")) s.setIPv6(true);
        try {
            s.bind(info.endpoint(port));
        } catch (ZMQException e) {
            opened.forEach(ZMQ.Socket::close); // no thread owns them yet
            context.term();
            throw new ConnectionInfo.Refused("cannot listen for the " + name + " channel on " + info.endpoint(port) + ": " + reason(e));
        }
        return s;
    }

    /** JeroMQ's exception says only "Errno 48"; its table has the words. */
    private static String reason(ZMQException e) {
        try {
            return ZMQ.Error.findByCode(e.getErrorCode()).getMessage().toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException unknown) {
            return e.getMessage();
        }
    }

    /** One multipart message, blocking; null when the context is ending. */
    static List<byte[]> receive(ZMQ.Socket socket, int flags) {
        try {
            byte[] first = socket.recv(flags);
            if (first == null) return null;
            List<byte[]> frames = new ArrayList<>();
            frames.add(first);
            while (socket.hasReceiveMore()) frames.add(socket.recv(0));
            return frames;
        } catch (ZMQException e) {
            if (e.getErrorCode() == ZMQ.Error.ETERM.getCode()) return null;
            throw e;
        } catch (java.nio.channels.ClosedSelectorException e) {
            return null;
        }
    }

    static void send(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
    }

    /**
     * Ends the context; blocks until every thread has closed its socket (each sees ETERM in its
     * receive and does).
     */
    @Override
    public void close() {
        context.term();
    }
}
