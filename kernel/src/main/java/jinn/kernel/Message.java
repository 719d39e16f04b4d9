package jinn.kernel;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * One Jupyter message as it travels: the routing identities before the {@code <IDS|MSG>}
 * delimiter, then header, parent header, metadata and content (JSON), then binary buffers.
 */
record Message(List<byte[]> identities, JsonObject header, JsonObject parentHeader, JsonObject metadata,
               JsonObject content, List<byte[]> buffers) {

    String type() {
        return str(header, "msg_type");
    }

    String id() {
        return str(header, "msg_id");
    }

    /** A string field of the content, or {@code fallback} when it is missing or null. */
    String string(String name, String fallback) {
        var e = primitive(name);
        return e == null ? fallback : e.getAsString();
    }

    boolean flag(String name, boolean fallback) {
        var e = primitive(name);
        if (e == null) return fallback;
        if (!e.isBoolean()) throw new IllegalArgumentException("content." + name + ": expected true or false, got " + e);
        return e.getAsBoolean();
    }

    int integer(String name, int fallback) {
        var e = primitive(name);
        if (e == null) return fallback;
        try {
            return e.getAsInt();
        } catch (NumberFormatException x) {
            throw new IllegalArgumentException("content." + name + ": expected a whole number, got " + e);
        }
    }

    /**
     * A field of the content that must be a string, number or boolean; null when missing or JSON
     * null. A signed message from a confused client may still carry an object there: that is an
     * error reply, never an exception that ends the channel's thread.
     */
    private com.google.gson.JsonPrimitive primitive(String name) {
        var e = content.get(name);
        if (e == null || e.isJsonNull()) return null;
        if (!e.isJsonPrimitive()) throw new IllegalArgumentException("content." + name + ": expected a value, got " + e);
        return e.getAsJsonPrimitive();
    }

    private static String str(JsonObject o, String name) {
        var e = o.get(name);
        return e == null || !e.isJsonPrimitive() ? "" : e.getAsString();
    }
}
