package jinn.kernel;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Frames messages for the wire (protocol 5.3) and checks the frames that arrive: the
 * {@code <IDS|MSG>} delimiter, the signature (constant-time), replays, and well-formed JSON.
 */
final class WireCodec {

    static final String PROTOCOL_VERSION = "5.3";
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    /** Why frames were refused: logged, never answered, because answering would help a forger. */
    static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason);
        }
    }

    private final Signer signer;
    private final ReplayGuard replays = new ReplayGuard();
    private final String session = UUID.randomUUID().toString();

    WireCodec(String key) {
        this.signer = new Signer(key);
    }

    String session() {
        return session;
    }

    /** The message in {@code frames}, or why it is refused. */
    Message decode(List<byte[]> frames) throws Rejected {
        int d = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                d = i;
                break;
            }
        }
        if (d < 0) throw new Rejected("no <IDS|MSG> delimiter among " + frames.size() + " frames");
        if (frames.size() < d + 6) {
            throw new Rejected("expected a signature and four JSON frames after the delimiter, got " + (frames.size() - d - 1) + " frames");
        }
        String signature = new String(frames.get(d + 1), StandardCharsets.US_ASCII);
        byte[] header = frames.get(d + 2), parent = frames.get(d + 3), metadata = frames.get(d + 4), content = frames.get(d + 5);
        if (signer.signs()) {
            if (signature.isEmpty()) throw new Rejected("unsigned message");
            if (!signer.verify(signature, header, parent, metadata, content)) throw new Rejected("wrong signature");
            if (!replays.firstTime(signature)) throw new Rejected("replayed message (its signature was seen before)");
        }
        return new Message(List.copyOf(frames.subList(0, d)), object(header, "header"), object(parent, "parent header"),
                object(metadata, "metadata"), object(content, "content"), List.copyOf(frames.subList(d + 6, frames.size())));
    }

    private static JsonObject object(byte[] frame, String what) throws Rejected {
        try {
            JsonElement e = JsonParser.parseString(new String(frame, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) throw new Rejected("expected the " + what + " to be a JSON object, got " + e);
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new Rejected("the " + what + " is not JSON: " + e.getMessage());
        }
    }

    /** The frames of {@code m}: identities, delimiter, signature, the four JSON parts, buffers. */
    List<byte[]> encode(Message m) {
        byte[] header = json(m.header()), parent = json(m.parentHeader()), metadata = json(m.metadata()), content = json(m.content());
        List<byte[]> frames = new ArrayList<>(m.identities());
        frames.add(DELIMITER);
        frames.add(signer.sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII));
        frames.add(header);
        frames.add(parent);
        frames.add(metadata);
        frames.add(content);
        frames.addAll(m.buffers());
        return frames;
    }

    private static byte[] json(JsonObject o) {
        return GSON.toJson(o).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A new message of {@code type} in answer to {@code parent} (null for none), routed to
     * {@code identities}: the request's for a reply, a topic for IOPub.
     */
    Message create(String type, Message parent, JsonObject content, List<byte[]> identities) {
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", UUID.randomUUID().toString());
        header.addProperty("session", session);
        header.addProperty("username", "kernel");
        header.addProperty("date", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        header.addProperty("msg_type", type);
        header.addProperty("version", PROTOCOL_VERSION);
        return new Message(identities, header, parent == null ? new JsonObject() : parent.header().deepCopy(),
                new JsonObject(), content, List.of());
    }

    /** The reply to a request on shell or control: same identities, so the ROUTER sends it back to the asker. */
    Message reply(Message request, String type, JsonObject content) {
        return create(type, request, content, request.identities());
    }
}
