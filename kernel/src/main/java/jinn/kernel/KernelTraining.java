package jinn.kernel;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * What the launcher's AOT training runs for the kernel: a kernel on loopback answering a client's
 * kernel_info and execute, so that JeroMQ, Gson and HMAC classes come from the start-up cache.
 * Without it they loaded cold while the engine started: ~0.35 s of CPU on a quiet two-core machine,
 * taken from JShell's first compilations. The language is a stand-in: the engine trains separately.
 */
final class KernelTraining {

    private KernelTraining() {}

    static void run() throws Exception {
        ConnectionInfo info = ConnectionInfo.onFreeLocalPorts(UUID.randomUUID().toString());
        Kernel kernel = new Kernel(info, new Echo(), "training", null).start();
        ZMQ.Context context = ZMQ.context(1);
        ZMQ.Socket shell = context.socket(SocketType.DEALER);
        try {
            shell.setLinger(0);
            shell.setReceiveTimeOut(5000);
            shell.connect(info.endpoint(info.shellPort()));
            WireCodec codec = new WireCodec(info.key());
            JsonObject execute = new JsonObject();
            execute.addProperty("code", "1+1");
            for (String type : List.of("kernel_info_request", "execute_request")) {
                KernelSockets.send(shell, codec.encode(codec.create(type, null, type.startsWith("execute") ? execute : new JsonObject(), List.of())));
                List<byte[]> frames = new ArrayList<>();
                byte[] first = shell.recv(0);
                if (first == null) throw new IOException("no reply to " + type + " within 5 s");
                frames.add(first);
                while (shell.hasReceiveMore()) frames.add(shell.recv(0));
                codec.decode(frames);
            }
        } finally {
            shell.close();
            context.term();
            kernel.close();
        }
    }

    /** Answers every cell with its own text. */
    private static final class Echo implements Interpreter {
        @Override
        public ExecuteOutcome execute(String code, CellEvents events) {
            events.stream("stdout", code + "\n");
            events.result(MimeData.plain(code));
            return ExecuteOutcome.success();
        }

        @Override
        public Completion complete(String code, int cursor) {
            return new Completion(cursor, cursor, List.of());
        }

        @Override
        public Optional<String> inspect(String code, int cursor) {
            return Optional.empty();
        }

        @Override
        public Completeness isComplete(String code) {
            return Completeness.COMPLETE;
        }

        @Override
        public void interrupt() {}

        @Override
        public String banner() {
            return "training";
        }

        @Override
        public String languageVersion() {
            return "0";
        }
    }
}
