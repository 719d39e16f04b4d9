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
        var e = content.get(name);
        return e == null || e.isJsonNull() ? fallback : e.getAsString();
    }

    boolean flag(String name, boolean fallback) {
        var e = content.get(name);
        return e == null || e.isJsonNull() ? fallback : e.getAsBoolean();
    }

    int integer(String name, int fallback) {
        var e = content.get(name);
        return e == null || e.isJsonNull() ? fallback : e.getAsInt();
    }

    private static String str(JsonObject o, String name) {
        var e = o.get(name);
        return e == null || e.isJsonNull() ? "" : e.getAsString();
    }
}
