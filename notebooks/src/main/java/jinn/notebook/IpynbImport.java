package jinn.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Jupyter notebook of Java cells as a jinn {@link Notebook}: code and markdown cells in order,
 * outputs dropped (running the {@code .jsh} makes them again), raw cells kept as markdown, kernel
 * magic lines ({@code %maven ...}) turned into comments.
 *
 * <p>No code is lost or changed on the way: a comment line that would read back as a cell marker
 * ({@code // %% [markdown]}) gets a second space after its {@code //}; such a line inside a text
 * block has its first {@code /} written as the Unicode escape {@code \u005Cu002F}, which javac reads
 * as the same character; and only lines that start in code count as magics (a text block's line
 * starting with {@code %} stays as it is). Every malformed
 * part is an {@link IllegalArgumentException} naming the file and the cell. A notebook whose
 * kernelspec or language_info names another language is refused unless forced.
 */
public final class IpynbImport {

    /** Kernel magics such as IJava's {@code %maven} or {@code %%loadFromPOM} are not Java: kept as comments. */
    private static final Pattern MAGIC = Pattern.compile("^\\s*%.*$");
    /** {@code %classpath lib/*} or IJava's {@code %jars lib/*}: what {@code /classpath} does in a jinn notebook. */
    private static final Pattern CLASS_PATH_MAGIC = Pattern.compile("^(\\s*)%(?:classpath|jars)\\s+(\\S.*?)\\s*$");

    /** What {@link Notebook#parse} takes for a cell marker; such a line inside a code cell must be escaped. */
    private static final Pattern MARKER = Pattern.compile("^(\\s*)/(/\\s?%%.*)$");

    /** The notebook and what the user should know about it. */
    public record Result(Notebook notebook, List<String> warnings) {}

    private IpynbImport() {}

    /** Parses {@code .ipynb} JSON; {@code name} is what error messages call the file. Other languages are refused. */
    public static Notebook parse(String json, String name) {
        return read(json, name, false).notebook();
    }

    /** Parses {@code .ipynb} JSON; with {@code force}, a notebook of another language is imported with a warning. */
    public static Result read(String json, String name, boolean force) {
        JsonObject root;
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) throw new IllegalArgumentException(name + ": expected a Jupyter notebook (a JSON object), got " + kind(e));
            root = e.getAsJsonObject();
        } catch (JsonParseException | StackOverflowError e) {
            throw new IllegalArgumentException(name + ": not a Jupyter notebook, the JSON does not parse: " + e.getMessage(), e);
        }
        JsonElement nbformat = root.get("nbformat");
        if (nbformat == null) throw new IllegalArgumentException(name + ": expected nbformat 4, got no nbformat field");
        if (!(nbformat instanceof JsonPrimitive p && p.isNumber() && p.getAsDouble() == 4)) {
            throw new IllegalArgumentException(name + ": expected nbformat 4, got " + brief(nbformat));
        }
        List<String> warnings = new ArrayList<>();
        String language = language(root, name);
        if (language != null && !language.equals("java")) {
            if (!force) {
                throw new IllegalArgumentException(name + ": a " + language + " notebook, not Java (its kernelspec or "
                        + "language_info says so); jinn imports Java notebooks (--force imports it anyway)");
            }
            warnings.add(name + " is a " + language + " notebook; its code cells were imported as Java and will not run as they are");
        }
        if (!(root.get("cells") instanceof JsonArray array)) {
            throw new IllegalArgumentException(name + ": expected a \"cells\" list, found " + (root.has("cells") ? brief(root.get("cells")) : "none"));
        }
        List<Cell> cells = new ArrayList<>();
        int line = 1;
        for (int i = 0; i < array.size(); i++) {
            String where = name + ", cell " + (i + 1);
            if (!(array.get(i) instanceof JsonObject c)) {
                throw new IllegalArgumentException(where + ": expected an object with cell_type and source, got " + brief(array.get(i)));
            }
            String type = string(c.get("cell_type"), where, "cell_type", "code");
            // javac reads \r\n and \r as \n, in text blocks too: one line end keeps the lexing and the .jsh simple
            String source = source(c.get("source"), where).replace("\r\n", "\n").replace('\r', '\n').stripTrailing();
            Cell.Kind kind = type.equals("code") ? Cell.Kind.CODE : Cell.Kind.MARKDOWN;
            if (kind == Cell.Kind.CODE) {
                source = javaSafe(source);
                JavaLines java = JavaLines.of(source);
                if (java.end() != JavaLines.State.CODE) {
                    // In a .jsh its closing would have to be in a later cell; the notebook could not be run.
                    throw new IllegalArgumentException(where + ": " + java.end().opened() + " opened on line "
                            + (java.endOpenedAt() + 1) + " of the cell is not closed by its end; jinn keeps every cell whole");
                }
            }
            // Line numbers as the written .jsh will have them: marker line, body, blank separator.
            cells.add(new Cell(kind, source, line + 1));
            line += 2 + (int) source.lines().count();
        }
        return new Result(new Notebook(name, cells), List.copyOf(warnings));
    }

    /**
     * Magic lines commented out, marker-like lines escaped; everything else as it was. Only a line
     * that starts in code can be a magic: inside a text block, {@code %d} is text.
     */
    static String javaSafe(String source) {
        String[] lines = source.split("\n", -1);
        JavaLines java = JavaLines.of(source);
        Matcher classPath = CLASS_PATH_MAGIC.matcher("");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (i > 0) out.append('\n');
            var marker = MARKER.matcher(l);
            if (marker.matches() && java.startOf(i) == JavaLines.State.IN_TEXT_BLOCK) {
                // Text must stay exact: javac reads backslash-u002F as '/', Notebook.parse does not.
                out.append(marker.group(1)).append("\\u002F").append(marker.group(2));
            } else if (marker.matches()) {
                // A comment (a line comment, or inside a block comment): two spaces after // make it no marker.
                out.append(marker.group(1)).append("//  ").append(marker.group(2).replaceFirst("^/\\s?", ""));
            } else if (java.startOf(i) == JavaLines.State.CODE && classPath.reset(l).matches()) {
                // jinn's kernel and IJava add jars this way; jinn's notebooks do it with the REPL's command.
                out.append(classPath.group(1)).append("/classpath ").append(classPath.group(2));
            } else if (java.startOf(i) == JavaLines.State.CODE && MAGIC.matcher(l).matches()) {
                out.append("// jupyter magic, not run: ").append(l.strip());
            } else {
                out.append(l);
            }
        }
        return out.toString();
    }

    /** The notebook's language in lower case, from kernelspec.language or language_info.name; null when neither says. */
    private static String language(JsonObject root, String name) {
        if (!(root.get("metadata") instanceof JsonObject meta)) return null;
        for (String[] path : new String[][]{{"kernelspec", "language"}, {"language_info", "name"}}) {
            if (meta.get(path[0]) instanceof JsonObject o && o.get(path[1]) instanceof JsonPrimitive p && p.isString()) {
                return p.getAsString().strip().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static String string(JsonElement e, String where, String field, String absent) {
        if (e == null || e.isJsonNull()) return absent;
        if (e instanceof JsonPrimitive p && p.isString()) return p.getAsString();
        throw new IllegalArgumentException(where + ": " + field + " should be a string, got " + brief(e));
    }

    /** Jupyter stores text as one string or as a list of strings (lines). */
    private static String source(JsonElement e, String where) {
        if (e == null || e.isJsonNull()) return "";
        if (e instanceof JsonPrimitive p && p.isString()) return p.getAsString();
        if (!(e instanceof JsonArray parts)) {
            throw new IllegalArgumentException(where + ": source should be a string or a list of strings, got " + brief(e));
        }
        StringBuilder sb = new StringBuilder();
        for (JsonElement part : parts) {
            if (!(part instanceof JsonPrimitive p && p.isString())) {
                throw new IllegalArgumentException(where + ": source should be a string or a list of strings, got a list holding "
                        + brief(part));
            }
            sb.append(p.getAsString());
        }
        return sb.toString();
    }

    private static String brief(JsonElement e) {
        String s = e.toString();
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static String kind(JsonElement e) {
        return e.isJsonArray() ? "a list" : e.isJsonNull() ? "null" : "a single value";
    }
}
