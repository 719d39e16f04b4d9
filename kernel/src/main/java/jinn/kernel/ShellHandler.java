package jinn.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * Answers requests, one message type to one method, as ipykernel's table does. Knows nothing of
 * Java: the language comes in through {@link Interpreter}. Called by the shell thread and the
 * control thread; cells run on the cell thread, and this waits for them.
 */
final class ShellHandler {

    /** What control answers; everything else belongs to shell, where requests queue behind a running cell. */
    static final List<String> CONTROL = List.of("kernel_info_request", "shutdown_request", "interrupt_request");

    private final Interpreter interpreter;
    private final IopubPublisher iopub;
    private final StdinChannel stdin;
    private final History history;
    private final ExecutorService cellThread;
    private final ScheduledExecutorService timer;
    private final String version;
    private final Runnable onShutdown;
    private final Map<String, Function<Message, JsonObject>> handlers = Map.of(
            "kernel_info_request", this::kernelInfo,
            "execute_request", this::execute,
            "complete_request", this::complete,
            "inspect_request", this::inspect,
            "is_complete_request", this::isComplete,
            "history_request", this::history,
            "comm_info_request", this::commInfo,
            "shutdown_request", this::shutdown,
            "interrupt_request", this::interrupt);

    private int executionCount;
    /** Set after a failed cell with stop_on_error: executes already queued are answered "aborted", not run. */
    private volatile boolean aborting;

    ShellHandler(Interpreter interpreter, IopubPublisher iopub, StdinChannel stdin, History history,
                 ExecutorService cellThread, ScheduledExecutorService timer, String version, Runnable onShutdown) {
        this.interpreter = interpreter;
        this.iopub = iopub;
        this.stdin = stdin;
        this.history = history;
        this.cellThread = cellThread;
        this.timer = timer;
        this.version = version;
        this.onShutdown = onShutdown;
    }

    boolean aborting() {
        return aborting;
    }

    void stopAborting() {
        aborting = false;
    }

    /** The reply's content for {@code request} arriving on {@code channel}, or null for a request this kernel does not answer. */
    JsonObject handle(String channel, Message request) {
        String type = request.type();
        if ("control".equals(channel) && !CONTROL.contains(type)) {
            KernelLog.line("ignored " + type + " on the control channel (it answers " + CONTROL + ")");
            return null;
        }
        if (aborting && "execute_request".equals(type)) {
            JsonObject c = new JsonObject();
            c.addProperty("status", "aborted");
            c.addProperty("execution_count", executionCount);
            return c;
        }
        var h = handlers.get(type);
        if (h == null) {
            KernelLog.line("ignored unknown message type " + type);
            return null;
        }
        try {
            return h.apply(request);
        } catch (RuntimeException e) {
            // A bug here must not leave the front end waiting for a reply forever.
            KernelLog.line(type + " failed: " + e);
            return error(e.getClass().getSimpleName(), String.valueOf(e.getMessage()), List.of(e.toString()));
        }
    }

    static String replyType(String requestType) {
        return requestType.replaceFirst("_request$", "_reply");
    }

    // ------------------------------------------------------------------------------------ requests

    private JsonObject kernelInfo(Message m) {
        jinn.repl.StartupTrace.mark("kernel: kernel_info_request");
        JsonObject c = ok();
        c.addProperty("protocol_version", WireCodec.PROTOCOL_VERSION);
        c.addProperty("implementation", "jinn");
        c.addProperty("implementation_version", version);
        JsonObject lang = new JsonObject();
        lang.addProperty("name", "java");
        lang.addProperty("version", interpreter.languageVersion());
        lang.addProperty("mimetype", "text/x-java-source");
        lang.addProperty("file_extension", ".jsh");
        lang.addProperty("pygments_lexer", "java");
        lang.addProperty("codemirror_mode", "text/x-java");
        c.add("language_info", lang);
        c.addProperty("banner", interpreter.banner());
        JsonArray links = new JsonArray();
        links.add(link("Java API", "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature() + "/docs/api/"));
        links.add(link("JShell", "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature() + "/jshell/"));
        c.add("help_links", links);
        c.addProperty("debugger", false);
        return c;
    }

    private static JsonObject link(String text, String url) {
        JsonObject o = new JsonObject();
        o.addProperty("text", text);
        o.addProperty("url", url);
        return o;
    }

    private JsonObject execute(Message m) {
        String code = m.string("code", "");
        boolean silent = m.flag("silent", false);
        boolean store = !silent && m.flag("store_history", true) && !code.isBlank();
        if (store) executionCount++;
        int count = executionCount;
        if (!silent) {
            JsonObject input = new JsonObject();
            input.addProperty("code", code);
            input.addProperty("execution_count", count);
            iopub.publish("execute_input", m, input);
        }
        if (store) history.add(count, code);
        CellSink sink = new CellSink(m, silent, m.flag("allow_stdin", true), count);
        Interpreter.ExecuteOutcome outcome = run(code, sink);
        sink.flush();
        jinn.repl.StartupTrace.mark("kernel: execute done");
        JsonObject reply;
        if (outcome.ok()) {
            reply = ok();
        } else {
            reply = error(outcome.ename(), outcome.evalue(), outcome.traceback());
            iopub.publish("error", m, error(outcome.ename(), outcome.evalue(), outcome.traceback()));
            if (m.flag("stop_on_error", true)) aborting = true;
        }
        reply.addProperty("execution_count", count);
        reply.add("user_expressions", new JsonObject());
        reply.add("payload", new JsonArray());
        iopub.flush();
        return reply;
    }

    /** Runs the cell on the cell thread: interrupting it (to stop a cell) must never reach a socket's thread. */
    private Interpreter.ExecuteOutcome run(String code, CellSink sink) {
        Future<Interpreter.ExecuteOutcome> f = cellThread.submit(() -> interpreter.execute(code, sink));
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the shell thread is never meant to be interrupted; finish the reply first
                } catch (ExecutionException e) {
                    Throwable t = e.getCause();
                    KernelLog.line("the cell thread failed: " + t);
                    return Interpreter.ExecuteOutcome.error(t.getClass().getSimpleName(), String.valueOf(t.getMessage()), List.of(t.toString()));
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private JsonObject complete(Message m) {
        String code = m.string("code", "");
        int cursor = CodePoints.toIndex(code, m.integer("cursor_pos", code.codePointCount(0, code.length())));
        Interpreter.Completion c = interpreter.complete(code, cursor);
        JsonObject reply = ok();
        JsonArray matches = new JsonArray();
        c.matches().forEach(matches::add);
        reply.add("matches", matches);
        reply.addProperty("cursor_start", CodePoints.fromIndex(code, c.start()));
        reply.addProperty("cursor_end", CodePoints.fromIndex(code, c.end()));
        reply.add("metadata", new JsonObject());
        return reply;
    }

    private JsonObject inspect(Message m) {
        String code = m.string("code", "");
        int cursor = CodePoints.toIndex(code, m.integer("cursor_pos", code.codePointCount(0, code.length())));
        var doc = interpreter.inspect(code, cursor);
        JsonObject reply = ok();
        reply.addProperty("found", doc.isPresent());
        JsonObject data = new JsonObject();
        doc.ifPresent(d -> data.addProperty("text/plain", d));
        reply.add("data", data);
        reply.add("metadata", new JsonObject());
        return reply;
    }

    private JsonObject isComplete(Message m) {
        Interpreter.Completeness c = interpreter.isComplete(m.string("code", ""));
        JsonObject reply = new JsonObject();
        reply.addProperty("status", c.status());
        if (c.indent() != null) reply.addProperty("indent", c.indent());
        return reply;
    }

    private JsonObject history(Message m) {
        List<History.Entry> entries = switch (m.string("hist_access_type", "tail")) {
            case "range" -> history.range(m.integer("session", 0), m.integer("start", 0), m.integer("stop", 0));
            case "search" -> history.search(m.string("pattern", "*"), m.integer("n", 0), m.flag("unique", false));
            default -> history.tail(m.integer("n", 10));
        };
        boolean output = m.flag("output", false);
        JsonArray list = new JsonArray();
        for (History.Entry e : entries) {
            JsonArray row = new JsonArray();
            row.add(e.session());
            row.add(e.line());
            if (output) {
                JsonArray inOut = new JsonArray(); // outputs are not kept: null, as IPython gives for a line without one
                inOut.add(e.input());
                inOut.add((String) null);
                row.add(inOut);
            } else {
                row.add(e.input());
            }
            list.add(row);
        }
        JsonObject reply = ok();
        reply.add("history", list);
        return reply;
    }

    /** No comms: jinn has no widgets (yet), so no target is ever opened. */
    private JsonObject commInfo(Message m) {
        JsonObject reply = ok();
        reply.add("comms", new JsonObject());
        return reply;
    }

    private JsonObject shutdown(Message m) {
        JsonObject reply = ok();
        reply.addProperty("restart", m.flag("restart", false));
        onShutdown.run();
        return reply;
    }

    private JsonObject interrupt(Message m) {
        interpreter.interrupt();
        return ok();
    }

    private static JsonObject ok() {
        JsonObject o = new JsonObject();
        o.addProperty("status", "ok");
        return o;
    }

    private static JsonObject error(String ename, String evalue, List<String> traceback) {
        JsonObject o = new JsonObject();
        o.addProperty("status", "error");
        o.addProperty("ename", ename);
        o.addProperty("evalue", evalue);
        JsonArray tb = new JsonArray();
        traceback.forEach(tb::add);
        o.add("traceback", tb);
        return o;
    }

    // ------------------------------------------------------------------------------------ one cell

    /** Where one execute request's output goes: IOPub messages whose parent is that request. */
    private final class CellSink implements Interpreter.CellEvents {
        private final Message request;
        private final boolean silent;
        private final boolean allowStdin;
        private final int count;
        private final StreamBuffer out;
        private final StreamBuffer err;
        private final UpdateThrottle updates;

        CellSink(Message request, boolean silent, boolean allowStdin, int count) {
            this.request = request;
            this.silent = silent;
            this.allowStdin = allowStdin;
            this.count = count;
            this.out = new StreamBuffer(text -> publishStream("stdout", text), timer);
            this.err = new StreamBuffer(text -> publishStream("stderr", text), timer);
            this.updates = new UpdateThrottle(content -> iopub.publish("update_display_data", request, content), timer);
        }

        private void publishStream(String name, String text) {
            JsonObject c = new JsonObject();
            c.addProperty("name", name);
            c.addProperty("text", text);
            iopub.publish("stream", request, c);
        }

        @Override
        public int executionCount() {
            return count;
        }

        @Override
        public void stream(String name, String text) {
            ("stderr".equals(name) ? err : out).write(text);
        }

        @Override
        public void display(Interpreter.MimeData data, String displayId, boolean update) {
            if (update && displayId == null) throw new IllegalArgumentException("update_display_data needs a display id, got none");
            JsonObject c = new JsonObject();
            c.add("data", json(data));
            c.add("metadata", new JsonObject());
            JsonObject transientData = new JsonObject();
            if (displayId != null) transientData.addProperty("display_id", displayId);
            c.add("transient", transientData);
            if (update) {
                // In place: the text printed meanwhile stays where it is, so no need to send it first.
                updates.update(displayId, c);
            } else {
                flush(); // text printed before the display shows before it
                iopub.publish("display_data", request, c);
            }
        }

        @Override
        public void result(Interpreter.MimeData data) {
            if (silent) return;
            flush();
            JsonObject c = new JsonObject();
            c.addProperty("execution_count", count);
            c.add("data", json(data));
            c.add("metadata", new JsonObject());
            iopub.publish("execute_result", request, c);
        }

        @Override
        public String readLine(String prompt) throws IOException {
            if (!allowStdin) {
                throw new IOException("this cell reads System.in, but the front end does not accept input (allow_stdin is false)");
            }
            flush(); // the prompt the cell printed shows before the input box
            return stdin.readLine(request, prompt);
        }

        void flush() {
            out.flush();
            err.flush();
            updates.flush();
        }

        private static JsonObject json(Interpreter.MimeData data) {
            JsonObject o = new JsonObject();
            data.data().forEach(o::addProperty);
            return o;
        }
    }
}
