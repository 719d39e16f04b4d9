package jinn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol over real ZeroMQ sockets on loopback: a kernel with a scripted language, a JeroMQ client. */
class KernelProtocolTest {

    @TempDir
    Path tmp;

    private ScriptedInterpreter language;
    private Kernel kernel;
    private TestClient client;

    @BeforeEach
    void start() throws Exception {
        ConnectionInfo info = TestClient.freeConnection();
        language = new ScriptedInterpreter();
        kernel = new Kernel(info, language, "9.9", tmp.resolve("history.jsonl")).start();
        client = new TestClient(info);
        client.awaitIopub();
    }

    @AfterEach
    void stop() {
        client.close();
        kernel.close();
    }

    @Test
    void kernelInfoDescribesJavaAndJinn() {
        Message req = client.send(client.shell, "kernel_info_request", new JsonObject());
        Message reply = client.receive(client.shell, 5000);
        assertNotNull(reply, "no kernel_info_reply");
        assertEquals("kernel_info_reply", reply.type());
        assertEquals(req.id(), reply.parentHeader().get("msg_id").getAsString());
        JsonObject c = reply.content();
        assertEquals("5.3", c.get("protocol_version").getAsString());
        assertEquals("jinn", c.get("implementation").getAsString());
        assertEquals("9.9", c.get("implementation_version").getAsString());
        JsonObject lang = c.getAsJsonObject("language_info");
        assertEquals("java", lang.get("name").getAsString());
        assertEquals(".jsh", lang.get("file_extension").getAsString());
        assertEquals("text/x-java-source", lang.get("mimetype").getAsString());
        assertEquals("scripted", c.get("banner").getAsString());
        assertEquals(List.of("status:busy", "status:idle"), TestClient.types(client.iopubUntilIdle(req, 2000)));
    }

    @Test
    void executeSendsBusyInputOutputResultIdleInOrder() {
        Message req = client.execute("print hi");
        Message reply = client.receive(client.shell, 5000);
        assertEquals("execute_reply", reply.type());
        assertEquals("ok", reply.content().get("status").getAsString());
        assertEquals(1, reply.content().get("execution_count").getAsInt());
        List<Message> iopub = client.iopubUntilIdle(req, 2000);
        assertEquals(List.of("status:busy", "execute_input", "stream", "stream", "execute_result", "status:idle"), TestClient.types(iopub));
        assertEquals("stdout", iopub.get(2).content().get("name").getAsString());
        assertEquals("hi\n", iopub.get(2).content().get("text").getAsString());
        assertEquals("stderr", iopub.get(3).content().get("name").getAsString());
        JsonObject result = iopub.get(4).content();
        assertEquals("'hi'", result.getAsJsonObject("data").get("text/plain").getAsString());
        assertEquals(1, result.get("execution_count").getAsInt());

        client.execute("print again");
        assertEquals(2, client.receive(client.shell, 5000).content().get("execution_count").getAsInt());
    }

    @Test
    void silentExecuteShowsNoInputNorResultAndKeepsTheCount() {
        JsonObject c = new JsonObject();
        c.addProperty("code", "print quiet");
        c.addProperty("silent", true);
        Message req = client.send(client.shell, "execute_request", c);
        Message reply = client.receive(client.shell, 5000);
        assertEquals(0, reply.content().get("execution_count").getAsInt());
        assertEquals(List.of("status:busy", "stream", "stream", "status:idle"), TestClient.types(client.iopubUntilIdle(req, 2000)));
    }

    @Test
    void partialLineIsFlushedBeforeIdle() {
        Message req = client.execute("partial");
        client.receive(client.shell, 5000);
        List<Message> iopub = client.iopubUntilIdle(req, 2000);
        assertEquals(List.of("status:busy", "execute_input", "stream", "status:idle"), TestClient.types(iopub));
        assertEquals("no newline", iopub.get(2).content().get("text").getAsString());
    }

    @Test
    void errorIsPublishedAndQueuedExecutesAreAborted() {
        Message failing = client.execute("fail 800");
        Message queued = client.execute("print never"); // waits in the shell queue while the first cell runs
        Message reply = client.receive(client.shell, 5000);
        assertEquals("error", reply.content().get("status").getAsString());
        assertEquals("ArithmeticException", reply.content().get("ename").getAsString());
        assertEquals("Cell In[1], line 1", reply.content().getAsJsonArray("traceback").get(0).getAsString());
        List<Message> iopub = client.iopubUntilIdle(failing, 2000);
        assertEquals(List.of("status:busy", "execute_input", "error", "status:idle"), TestClient.types(iopub));
        Message aborted = client.receive(client.shell, 5000);
        assertEquals(queued.id(), aborted.parentHeader().get("msg_id").getAsString());
        assertEquals("aborted", aborted.content().get("status").getAsString());
        assertEquals(List.of("status:busy", "status:idle"), TestClient.types(client.iopubUntilIdle(queued, 2000)));

        // Once the queue is empty, executes run again.
        client.execute("print later");
        assertEquals("ok", client.receive(client.shell, 5000).content().get("status").getAsString());
    }

    /**
     * An execute sent after the front end has the failed cell's reply is a new request, not one
     * "already queued": it runs. The kernel once read its queue after sending that reply, and under
     * load aborted the next cell of a client that waited for the reply (CI's interrupt scenario).
     */
    @Test
    void anExecuteSentAfterTheErrorReplyRuns() {
        for (int round = 0; round < 40; round++) {
            Message failing = client.execute("fail 0");
            assertEquals("error", client.receive(client.shell, 5000).content().get("status").getAsString());
            Message next = client.execute("print after");
            Message reply = client.receive(client.shell, 5000);
            assertEquals(next.id(), reply.parentHeader().get("msg_id").getAsString());
            assertEquals("ok", reply.content().get("status").getAsString(), "round " + round);
            client.iopubUntilIdle(failing, 2000);
            client.iopubUntilIdle(next, 2000);
        }
    }

    @Test
    void stopOnErrorFalseRunsTheQueuedExecute() {
        JsonObject c = new JsonObject();
        c.addProperty("code", "fail 800");
        c.addProperty("stop_on_error", false);
        client.send(client.shell, "execute_request", c);
        client.execute("print next");
        assertEquals("error", client.receive(client.shell, 5000).content().get("status").getAsString());
        assertEquals("ok", client.receive(client.shell, 5000).content().get("status").getAsString());
    }

    @Test
    void displayAndUpdateCarryTheDisplayId() {
        Message req = client.execute("show");
        client.receive(client.shell, 5000);
        List<Message> iopub = client.iopubUntilIdle(req, 2000);
        assertEquals(List.of("status:busy", "execute_input", "display_data", "update_display_data", "status:idle"), TestClient.types(iopub));
        JsonObject first = iopub.get(2).content();
        assertEquals("<b>v1</b>", first.getAsJsonObject("data").get("text/html").getAsString());
        assertEquals("d1", first.getAsJsonObject("transient").get("display_id").getAsString());
        assertEquals("d1", iopub.get(3).content().getAsJsonObject("transient").get("display_id").getAsString());
        assertEquals("v2", iopub.get(3).content().getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    void completionPositionsAreCodePoints() {
        // Two emoji are four UTF-16 units but two code points: the cursor after "prin" is 7 code points in.
        String code = "😀😀 prin";
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        c.addProperty("cursor_pos", 7);
        client.send(client.shell, "complete_request", c);
        Message reply = client.receive(client.shell, 5000);
        assertEquals(9, language.lastCursor, "the language gets the UTF-16 index");
        assertEquals(3, reply.content().get("cursor_start").getAsInt());
        assertEquals(7, reply.content().get("cursor_end").getAsInt());
        assertEquals("print", reply.content().getAsJsonArray("matches").get(0).getAsString());
    }

    @Test
    void inspectAndIsCompleteAnswerFromTheLanguage() {
        JsonObject c = new JsonObject();
        c.addProperty("code", "print");
        c.addProperty("cursor_pos", 5);
        c.addProperty("detail_level", 0);
        client.send(client.shell, "inspect_request", c);
        Message inspect = client.receive(client.shell, 5000);
        assertTrue(inspect.content().get("found").getAsBoolean());
        assertEquals("print TEXT: prints TEXT", inspect.content().getAsJsonObject("data").get("text/plain").getAsString());

        JsonObject ic = new JsonObject();
        ic.addProperty("code", "net().");
        client.send(client.shell, "is_complete_request", ic);
        Message incomplete = client.receive(client.shell, 5000);
        assertEquals("is_complete_reply", incomplete.type());
        assertEquals("incomplete", incomplete.content().get("status").getAsString());
        assertEquals("    ", incomplete.content().get("indent").getAsString());
    }

    @Test
    void forgedUnsignedAndReplayedMessagesGetNoReply() {
        Message genuine = client.codec.create("kernel_info_request", null, new JsonObject(), List.of());
        List<byte[]> frames = client.codec.encode(genuine);

        List<byte[]> forged = new java.util.ArrayList<>(frames);
        byte[] sig = forged.get(1).clone();
        sig[0] = (byte) (sig[0] == 'a' ? 'b' : 'a');
        forged.set(1, sig);
        client.sendFrames(client.shell, forged);
        assertNull(client.receive(client.shell, 500), "a wrongly signed message was answered");

        List<byte[]> unsigned = new java.util.ArrayList<>(frames);
        unsigned.set(1, new byte[0]);
        client.sendFrames(client.shell, unsigned);
        assertNull(client.receive(client.shell, 500), "an unsigned message was answered");

        client.sendFrames(client.shell, frames);
        assertNotNull(client.receive(client.shell, 5000), "the genuine message was not answered");
        client.sendFrames(client.shell, frames);
        assertNull(client.receive(client.shell, 500), "a replayed message was answered");
    }

    @Test
    void interruptOnControlStopsTheRunningCell() {
        Message cell = client.execute("loop");
        awaitStream(cell, "looping\n"); // an interrupt before the cell runs has nothing to stop
        Message req = client.send(client.control, "interrupt_request", new JsonObject());
        long t0 = System.nanoTime();
        Message interruptReply = client.receive(client.control, 5000);
        assertEquals("interrupt_reply", interruptReply.type());
        assertEquals(req.id(), interruptReply.parentHeader().get("msg_id").getAsString());
        Message reply = client.receive(client.shell, 1000);
        assertNotNull(reply, "no execute_reply within 1 s of the interrupt");
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L);
        assertEquals("Interrupted", reply.content().get("ename").getAsString());
    }

    private void awaitStream(Message request, String text) {
        for (Message m = client.receive(client.iopub, 5000); m != null; m = client.receive(client.iopub, 5000)) {
            if (m.type().equals("stream") && m.parentHeader().get("msg_id").getAsString().equals(request.id())
                    && m.content().get("text").getAsString().equals(text)) return;
        }
        throw new AssertionError("no stream " + text.strip() + " from " + request.type());
    }

    @Test
    void stdinRoundTripAndRefusalWithoutIt() {
        Message req = client.execute("input");
        Message ask = client.receive(client.stdin, 5000);
        assertEquals("input_request", ask.type());
        assertEquals("name? ", ask.content().get("prompt").getAsString());
        assertEquals(req.id(), ask.parentHeader().get("msg_id").getAsString());
        JsonObject answer = new JsonObject();
        answer.addProperty("value", "Ada");
        client.send(client.stdin, "input_reply", answer);
        assertEquals("ok", client.receive(client.shell, 5000).content().get("status").getAsString());
        List<Message> iopub = client.iopubUntilIdle(req, 2000);
        assertTrue(iopub.stream().anyMatch(m -> m.type().equals("stream") && m.content().get("text").getAsString().equals("hello Ada\n")),
                TestClient.types(iopub).toString());

        JsonObject c = new JsonObject();
        c.addProperty("code", "input");
        c.addProperty("allow_stdin", false);
        client.send(client.shell, "execute_request", c);
        Message refused = client.receive(client.shell, 5000);
        assertEquals("error", refused.content().get("status").getAsString());
        assertEquals("this cell reads System.in, but the front end does not accept input (allow_stdin is false)",
                refused.content().get("evalue").getAsString());
    }

    @Test
    void historyTailsRangesAndSearchesStoredCells() {
        for (String code : List.of("print a", "print b", "show")) {
            client.execute(code);
            client.receive(client.shell, 5000);
        }
        JsonObject tail = new JsonObject();
        tail.addProperty("hist_access_type", "tail");
        tail.addProperty("n", 2);
        client.send(client.shell, "history_request", tail);
        var rows = client.receive(client.shell, 5000).content().getAsJsonArray("history");
        assertEquals(2, rows.size());
        assertEquals("print b", rows.get(0).getAsJsonArray().get(2).getAsString());
        assertEquals(3, rows.get(1).getAsJsonArray().get(1).getAsInt());

        JsonObject search = new JsonObject();
        search.addProperty("hist_access_type", "search");
        search.addProperty("pattern", "print*");
        client.send(client.shell, "history_request", search);
        assertEquals(2, client.receive(client.shell, 5000).content().getAsJsonArray("history").size());
    }

    @Test
    void commInfoIsEmptyAndHeartbeatEchoes() {
        client.send(client.shell, "comm_info_request", new JsonObject());
        Message reply = client.receive(client.shell, 5000);
        assertEquals("comm_info_reply", reply.type());
        assertEquals(0, reply.content().getAsJsonObject("comms").size());

        client.hb.send("ping".getBytes(StandardCharsets.UTF_8));
        client.hb.setReceiveTimeOut(2000);
        assertEquals("ping", new String(client.hb.recv(0), StandardCharsets.UTF_8));
    }

    /**
     * KernelCommand closes the kernel the moment awaitShutdown returns; the reply must be out by then.
     * It once returned while the control thread still had the reply to send, and closing the sockets
     * lost it ("Context was terminated"; CI's restart-and-shutdown scenario waited 30 s for it).
     */
    @Test
    void theShutdownReplyIsSentBeforeAwaitShutdownReturns() throws Exception {
        for (int round = 0; round < 10; round++) {
            if (round > 0) {
                ConnectionInfo info = TestClient.freeConnection();
                kernel = new Kernel(info, language, "9.9", tmp.resolve("history.jsonl")).start();
                client = new TestClient(info);
                client.awaitIopub();
            }
            Kernel k = kernel;
            Thread closer = new Thread(() -> {
                try {
                    k.awaitShutdown();
                    k.close();
                } catch (InterruptedException ignored) {
                    // the receive below fails the test
                }
            });
            closer.start();
            client.send(client.control, "shutdown_request", new JsonObject());
            Message reply = client.receive(client.control, 5000);
            assertNotNull(reply, "no shutdown_reply in round " + round);
            assertEquals("shutdown_reply", reply.type(), "round " + round);
            closer.join(5000);
            client.close();
        }
        start();  // a kernel and a client for stop() to close
    }

    @Test
    void shutdownOnControlRepliesAndEndsTheKernel() throws Exception {
        JsonObject c = new JsonObject();
        c.addProperty("restart", true);
        client.send(client.control, "shutdown_request", c);
        Message reply = client.receive(client.control, 5000);
        assertEquals("shutdown_reply", reply.type());
        assertTrue(reply.content().get("restart").getAsBoolean());
        Thread waiter = new Thread(() -> {
            try {
                kernel.awaitShutdown();
            } catch (InterruptedException ignored) {
                // the join below fails the test
            }
        });
        waiter.start();
        waiter.join(2000);
        assertFalse(waiter.isAlive(), "awaitShutdown did not return after shutdown_reply");
    }
}
