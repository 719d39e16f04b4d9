package jinn.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;

/**
 * A Jupyter notebook of Java cells as a jinn {@link Notebook}: code and markdown cells in order,
 * outputs dropped (running the {@code .jsh} makes them again), raw cells kept as markdown, kernel
 * magic lines ({@code %maven ...}) turned into comments.
 */
public final class IpynbImport {

    /** Kernel magics such as IJava's {@code %maven} or {@code %%loadFromPOM} are not Java: kept as comments. */
    private static final java.util.regex.Pattern MAGIC = java.util.regex.Pattern.compile("(?m)^\\s*(%.*)$");

    private IpynbImport() {}

    /** Parses {@code .ipynb} JSON; {@code name} is what error messages call the file. */
    public static Notebook parse(String json, String name) {
        JsonObject root;
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) throw new IllegalArgumentException(name + ": expected a Jupyter notebook (a JSON object), got " + kind(e));
            root = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(name + ": not a Jupyter notebook, the JSON does not parse: " + e.getMessage(), e);
        }
        int major = root.has("nbformat") ? root.get("nbformat").getAsInt() : -1;
        if (major != 4) {
            throw new IllegalArgumentException(name + ": expected nbformat 4, got " + (major < 0 ? "no nbformat field" : major));
        }
        if (!root.has("cells") || !root.get("cells").isJsonArray()) {
            throw new IllegalArgumentException(name + ": expected a \"cells\" list, found none");
        }
        List<Cell> cells = new ArrayList<>();
        int line = 1;
        for (JsonElement e : root.getAsJsonArray("cells")) {
            JsonObject c = e.getAsJsonObject();
            String type = c.has("cell_type") ? c.get("cell_type").getAsString() : "code";
            String source = source(c.get("source")).stripTrailing();
            Cell.Kind kind = type.equals("code") ? Cell.Kind.CODE : Cell.Kind.MARKDOWN;
            if (kind == Cell.Kind.CODE) source = MAGIC.matcher(source).replaceAll("// jupyter magic, not run: $1");
            // Line numbers as the written .jsh will have them: marker line, body, blank separator.
            cells.add(new Cell(kind, source, line + 1));
            line += 2 + (int) source.lines().count();
        }
        return new Notebook(name, cells);
    }

    /** Jupyter stores text as one string or as a list of lines. */
    private static String source(JsonElement e) {
        if (e == null || e.isJsonNull()) return "";
        if (e.isJsonPrimitive()) return e.getAsString();
        StringBuilder sb = new StringBuilder();
        for (JsonElement part : (JsonArray) e) sb.append(part.getAsString());
        return sb.toString();
    }

    private static String kind(JsonElement e) {
        return e.isJsonArray() ? "a list" : e.isJsonNull() ? "null" : "a single value";
    }
}
