package jinn.kernel;

import java.util.List;
import org.zeromq.ZMQ;

/** Echoes every heartbeat ping, on its own thread, so a front end sees the kernel alive even while a cell runs. */
final class Heartbeat {

    private final Thread thread;

    Heartbeat(ZMQ.Socket socket) {
        thread = new Thread(() -> {
            try {
                for (List<byte[]> ping = KernelSockets.receive(socket, 0); ping != null; ping = KernelSockets.receive(socket, 0)) {
                    KernelSockets.send(socket, ping);
                }
            } catch (RuntimeException e) {
                KernelLog.line("heartbeat stopped: " + e);
            } finally {
                socket.close();
            }
        }, "jinn-kernel-heartbeat");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }
}
