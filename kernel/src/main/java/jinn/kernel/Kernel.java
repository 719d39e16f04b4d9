package jinn.kernel;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.zeromq.ZMQ;

/**
 * A Jupyter kernel: binds the five sockets of a connection file and serves them, one thread each
 * (shell and control block on their socket, IOPub drains a queue, heartbeat echoes, stdin waits
 * for cells that read), until a shutdown request. Cells run on a thread of their own.
 */
public final class Kernel implements AutoCloseable {

    private final KernelSockets sockets;
    private final WireCodec codec;
    private final IopubPublisher iopub;
    private final StdinChannel stdin;
    private final Heartbeat heartbeat;
    private final ShellHandler handler;
    private final Interpreter interpreter;
    private final ExecutorService cellThread = Executors.newSingleThreadExecutor(daemon("jinn-kernel-cell"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("jinn-kernel-stream-flush"));
    private final CountDownLatch shutdown = new CountDownLatch(1);
    /** Set by a shutdown request's handler; the latch opens after its reply has gone out. */
    private volatile boolean shutdownAnswered;
    private final Thread shellThread;
    private final Thread controlThread;

    /**
     * Binds the sockets (the caller has {@link ConnectionInfo#check checked} the connection file).
     *
     * @param historyFile where stored cells are kept across kernels, or null for memory only
     */
    public Kernel(ConnectionInfo info, Interpreter interpreter, String version, Path historyFile) throws ConnectionInfo.Refused {
        this.interpreter = interpreter;
        this.sockets = new KernelSockets(info);
        this.codec = new WireCodec(info.signed() ? info.key() : "");
        this.iopub = new IopubPublisher(sockets.iopub, codec);
        this.stdin = new StdinChannel(sockets, codec);
        this.heartbeat = new Heartbeat(sockets.heartbeat);
        // A shutdown request ends awaitShutdown only once its reply is sent (see answer): the caller closes
        // the sockets as soon as it returns, and a reply still to send was lost with them.
        this.handler = new ShellHandler(interpreter, iopub, stdin, new History(historyFile), cellThread, timer, version,
                () -> shutdownAnswered = true);
        this.shellThread = new Thread(() -> serve(sockets.shell, "shell"), "jinn-kernel-shell");
        this.controlThread = new Thread(() -> serve(sockets.control, "control"), "jinn-kernel-control");
        shellThread.setDaemon(true);
        controlThread.setDaemon(true);
    }

    /** Starts serving; kernel_info is answered from now on, whether or not the language has started. */
    public Kernel start() {
        iopub.start();
        heartbeat.start();
        stdin.start();
        shellThread.start();
        controlThread.start();
        // Front ends wait for this before they trust IOPub (ipykernel sends it too).
        iopub.status("starting", null);
        return this;
    }

    /** Ends {@link #awaitShutdown} as a shutdown request would, without one. */
    public void requestShutdown() {
        shutdown.countDown();
    }

    /** Blocks until a shutdown request has been answered. */
    public void awaitShutdown() throws InterruptedException {
        shutdown.await();
    }

    private void serve(ZMQ.Socket socket, String channel) {
        try {
            for (List<byte[]> frames = KernelSockets.receive(socket, 0); frames != null; frames = KernelSockets.receive(socket, 0)) {
                // After a failed cell with stop_on_error, the executes that were waiting are aborted, not run.
                for (List<byte[]> waiting : answer(socket, channel, frames)) answer(socket, channel, waiting);
                if (handler.aborting() && "shell".equals(channel)) handler.stopAborting();
            }
        } catch (org.zeromq.ZMQException e) {
            if (e.getErrorCode() != ZMQ.Error.ETERM.getCode()) KernelLog.line(channel + " stopped: " + e);
        } catch (RuntimeException e) {
            KernelLog.line(channel + " stopped: " + e);
        } finally {
            socket.close();
        }
    }

    /**
     * busy, the reply, idle: around every request, in that order, as front ends count on. Returns
     * the requests that were waiting on the shell socket when this one failed and began an abort
     * (stop_on_error), otherwise none.
     *
     * <p>They are taken off the socket before the failed cell's reply goes out: a request read
     * after it may have been sent after the front end saw the error, and is a new one, to be run.
     * (Reading the queue after the reply aborted the first cell a client ran after an interrupt,
     * whenever this thread was slow to get there: seen in CI under load.)
     */
    private List<List<byte[]>> answer(ZMQ.Socket socket, String channel, List<byte[]> frames) {
        Message request;
        try {
            request = codec.decode(frames);
        } catch (WireCodec.Rejected e) {
            KernelLog.line("refused a message on " + channel + ": " + e.getMessage());
            return List.of();
        }
        iopub.status("busy", request);
        List<List<byte[]>> waiting = new java.util.ArrayList<>();
        try {
            boolean wasAborting = handler.aborting();
            JsonObject content = handler.handle(channel, request);
            if (!wasAborting && handler.aborting() && "shell".equals(channel)) {
                for (List<byte[]> queued = KernelSockets.receive(socket, ZMQ.DONTWAIT); queued != null;
                     queued = KernelSockets.receive(socket, ZMQ.DONTWAIT)) {
                    waiting.add(queued);
                }
            }
            if (content != null) {
                KernelSockets.send(socket, codec.encode(codec.reply(request, ShellHandler.replyType(request.type()), content)));
            }
        } catch (RuntimeException e) {
            // One odd request (a signed message with a header no front end would send) must not end the channel.
            KernelLog.line("could not answer a message on " + channel + ": " + e);
        } finally {
            iopub.status("idle", request);
            if (shutdownAnswered) shutdown.countDown();
        }
        return waiting;
    }

    /**
     * Stops the running cell, sends what IOPub still holds, and closes the sockets. A cell that
     * ignores the stop cannot hold the process: after two seconds this returns anyway.
     */
    @Override
    public void close() {
        shutdown.countDown();
        interpreter.interrupt();
        cellThread.shutdownNow();
        timer.shutdownNow();
        iopub.close();
        stdin.close();
        Thread term = new Thread(sockets::close, "jinn-kernel-close");
        term.setDaemon(true);
        term.start();
        try {
            term.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Daemons in the JVM's top thread group ({@link jinn.accel.DaemonThreads}), never in a cell's. The
     * timer's thread starts on the first schedule, which is a cell printing: made there it fell in the
     * cell's JShell thread group, which JShell joins as the cell starts, and since the timer's thread
     * never ends the cell never returned. It happened in CI on a busy machine, where JShell was slow to
     * list the group after starting the cell (the Jupyter suite hung in its twentieth test).
     */
    static java.util.concurrent.ThreadFactory daemon(String name) {
        return jinn.accel.DaemonThreads.factory(name);
    }
}
