package jinn.kernel;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jinn.fuzz.Fuzzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's message decoding under {@link Fuzzer}: frames from the wire are decoded or refused
 * (WireCodec.Rejected, never another exception), and a signed message of any shape (a header
 * whose msg_type is an array, a content whose code is an object, JSON that is not an object)
 * never stops the kernel from answering the next request.
 */
class KernelMessageFuzzTest {

    private static final String KEY = "fuzz-key";

    @TempDir
    Path tmp;

    /** Frames are separated by the byte 0x1F in a fuzz input. */
    private static List<byte[]> frames(byte[] input) {
        List<byte[]> frames = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= input.length; i++) {
            if (i == input.length || input[i] == 0x1F) {
                frames.add(java.util.Arrays.copyOfRange(input, start, i));
                start = i + 1;
            }
        }
        return frames;
    }

    private static String seedFrames(WireCodec codec, String type, String content) {
        Message m = codec.create(type, null, com.google.gson.JsonParser.parseString(content).getAsJsonObject(), List.of());
        StringBuilder b = new StringBuilder();
        for (byte[] f : codec.encode(m)) {
            if (!b.isEmpty()) b.append('\u001F');
            b.append(new String(f, StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    @Test
    void wireFramesAreDecodedOrRefused() throws Exception {
        WireCodec codec = new WireCodec(KEY);
        Fuzzer.named("kernel-wire")
                .seeds(seedFrames(codec, "execute_request", "{\"code\": \"1+1\", \"silent\": false}"),
                        seedFrames(codec, "kernel_info_request", "{}"))
                .dictionary("<IDS|MSG>", "\u001F", "{}", "[]", "null", "\"msg_type\"", "\"header\"")
                .allow(WireCodec.Rejected.class, e -> !e.getMessage().isBlank())
                .run(bytes -> new WireCodec(KEY).decode(frames(bytes)));
    }

    /** Header, parent, metadata and content of a fuzz input, separated by 0x1F, signed as a real client would. */
    @Test
    void aSignedMessageOfAnyShapeNeverStopsTheKernel() throws Exception {
        ConnectionInfo info = ConnectionInfo.onFreeLocalPorts(KEY);
        try (Kernel kernel = new Kernel(info, new ScriptedInterpreter(), "9.9", tmp.resolve("history.jsonl")).start();
             TestClient client = new TestClient(info)) {
            client.awaitIopub();
            Signer signer = new Signer(KEY);
            String header = "{\"msg_id\": \"1\", \"session\": \"s\", \"username\": \"u\", \"date\": \"2026-01-01T00:00:00Z\", "
                    + "\"msg_type\": \"execute_request\", \"version\": \"5.3\"}";
            Fuzzer.named("kernel-signed")
                    .seeds(header + "\u001F{}\u001F{}\u001F{\"code\": \"print hi\", \"silent\": false, \"store_history\": true}",
                            header.replace("execute_request", "complete_request") + "\u001F{}\u001F{}\u001F{\"code\": \"Ma\", \"cursor_pos\": 2}",
                            header.replace("execute_request", "history_request") + "\u001F{}\u001F{}\u001F{\"hist_access_type\": \"tail\", \"n\": 3}",
                            header.replace("execute_request", "inspect_request") + "\u001F{}\u001F{}\u001F{\"code\": \"x\", \"cursor_pos\": 1}")
                    .dictionary("{}", "[]", "null", "5", "-1", "true", "\"\"", "{\"a\": [1, {}]}", "\"msg_type\"", "\"code\"",
                            "\"cursor_pos\"", "\"is_complete_request\"", "\"shutdown_request\"", "\"comm_info_request\"")
                    .run(bytes -> {
                        List<byte[]> parts = frames(bytes);
                        while (parts.size() < 4) parts.add("{}".getBytes(StandardCharsets.UTF_8));
                        // A shutdown request is a request the kernel must obey; the fuzzer is not here to test that.
                        // Nor a cell that loops until interrupted (the scripted language's "loop").
                        String text = new String(bytes, StandardCharsets.UTF_8);
                        if (text.contains("shutdown") || text.contains("loop")) return;
                        List<byte[]> wire = new ArrayList<>();
                        wire.add(WireCodec.DELIMITER);
                        wire.add(signer.sign(parts.get(0), parts.get(1), parts.get(2), parts.get(3)).getBytes(StandardCharsets.US_ASCII));
                        wire.addAll(parts.subList(0, 4));
                        client.sendFrames(client.shell, wire);
                        Message ask = client.send(client.shell, "kernel_info_request", new JsonObject());
                        Message answer = null;
                        long end = System.currentTimeMillis() + 3000;
                        while (answer == null && System.currentTimeMillis() < end) {
                            Message m = client.receive(client.shell, 200);
                            if (m != null && m.parentHeader().has("msg_id") && m.parentHeader().get("msg_id").getAsString().equals(ask.id())) answer = m;
                        }
                        assertNotNull(answer, "the kernel stopped answering after a signed message of this shape");
                    });
        }
    }
}
