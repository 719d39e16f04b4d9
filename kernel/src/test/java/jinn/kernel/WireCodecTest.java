package jinn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireCodecTest {

    private final WireCodec sender = new WireCodec("key");
    private final WireCodec receiver = new WireCodec("key");

    private List<byte[]> frames(String type) {
        JsonObject c = new JsonObject();
        c.addProperty("code", "1 + 1");
        byte[] id = "client-1".getBytes(StandardCharsets.US_ASCII);
        return sender.encode(sender.create(type, null, c, List.of(id)));
    }

    @Test
    void framesAreIdentitiesDelimiterSignatureAndFourJsonParts() throws Exception {
        List<byte[]> f = frames("execute_request");
        assertEquals(7, f.size());
        assertArrayEquals("client-1".getBytes(StandardCharsets.US_ASCII), f.get(0));
        assertEquals("<IDS|MSG>", new String(f.get(1), StandardCharsets.US_ASCII));
        assertTrue(new String(f.get(2), StandardCharsets.US_ASCII).matches("[0-9a-f]{64}"));
        Message m = receiver.decode(f);
        assertEquals("execute_request", m.type());
        assertEquals("5.3", m.header().get("version").getAsString());
        assertEquals("1 + 1", m.string("code", null));
        assertEquals(1, m.identities().size());
    }

    @Test
    void signatureIsHmacSha256OfTheFourParts() {
        // The digest Python computes: hmac.new(b"key", h + p + m + c, hashlib.sha256).hexdigest()
        Signer s = new Signer("key");
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        assertEquals("ca767b02c5bc061ed184a9a029e7f93a7f2f7ed4e8fe74120fc1212f0b008fa3", s.sign(empty, empty, empty, empty));
        assertEquals(s.sign(empty, empty, empty, empty), s.sign("{}{}".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8),
                new byte[0], "{}".getBytes(StandardCharsets.UTF_8)), "the digest runs over the parts' bytes back to back");
        assertTrue(s.verify("ca767b02c5bc061ed184a9a029e7f93a7f2f7ed4e8fe74120fc1212f0b008fa3", empty, empty, empty, empty));
        assertEquals(false, s.verify("ca767b02c5bc061ed184a9a029e7f93a7f2f7ed4e8fe74120fc1212f0b008fa4", empty, empty, empty, empty));
        assertEquals(false, s.verify("ca767b02", empty, empty, empty, empty), "a prefix of the digest is not the digest");
    }

    @Test
    void tamperedUnsignedReplayedAndMalformedMessagesAreRejected() throws Exception {
        List<byte[]> f = frames("kernel_info_request");
        List<byte[]> tampered = new ArrayList<>(f);
        tampered.set(6, "{\"code\": \"System.exit(0)\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("wrong signature", assertThrows(WireCodec.Rejected.class, () -> receiver.decode(tampered)).getMessage());

        List<byte[]> unsigned = new ArrayList<>(f);
        unsigned.set(2, new byte[0]);
        assertEquals("unsigned message", assertThrows(WireCodec.Rejected.class, () -> receiver.decode(unsigned)).getMessage());

        receiver.decode(f);
        assertEquals("replayed message (its signature was seen before)",
                assertThrows(WireCodec.Rejected.class, () -> receiver.decode(f)).getMessage());

        assertEquals("no <IDS|MSG> delimiter among 2 frames",
                assertThrows(WireCodec.Rejected.class, () -> receiver.decode(List.of(new byte[1], new byte[2]))).getMessage());
        assertEquals("expected a signature and four JSON frames after the delimiter, got 2 frames",
                assertThrows(WireCodec.Rejected.class, () -> receiver.decode(List.of(WireCodec.DELIMITER, new byte[0], new byte[0]))).getMessage());
    }

    @Test
    void anotherKeysSignatureIsRejected() {
        WireCodec other = new WireCodec("other key");
        List<byte[]> f = other.encode(other.create("kernel_info_request", null, new JsonObject(), List.of()));
        assertEquals("wrong signature", assertThrows(WireCodec.Rejected.class, () -> receiver.decode(f)).getMessage());
    }

    @Test
    void withoutAKeyNothingIsSignedOrChecked() throws Exception {
        WireCodec insecure = new WireCodec("");
        List<byte[]> f = insecure.encode(insecure.create("kernel_info_request", null, new JsonObject(), List.of()));
        assertEquals("", new String(f.get(1), StandardCharsets.US_ASCII));
        assertEquals("kernel_info_request", insecure.decode(f).type());
    }

    @Test
    void replyKeepsTheRequestsIdentitiesAndParent() throws Exception {
        Message request = receiver.decode(frames("complete_request"));
        Message reply = receiver.reply(request, "complete_reply", new JsonObject());
        assertArrayEquals(request.identities().get(0), reply.identities().get(0));
        assertEquals(request.id(), reply.parentHeader().get("msg_id").getAsString());
        assertEquals(receiver.session(), reply.header().get("session").getAsString());
    }

    @Test
    void replayGuardForgetsTheOldestBeyondItsCapacity() {
        ReplayGuard g = new ReplayGuard(2);
        assertTrue(g.firstTime("a"));
        assertTrue(g.firstTime("b"));
        assertEquals(false, g.firstTime("a"));
        assertTrue(g.firstTime("c")); // "a" is forgotten now
        assertTrue(g.firstTime("a"));
    }
}
