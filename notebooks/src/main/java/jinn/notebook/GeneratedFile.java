package jinn.notebook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@code jinn export} and {@code jinn import} know a file is theirs to replace: every text file
 * they write ends with a stamp line holding a hash of the text above it,
 *
 * <pre>{@code
 * // written by jinn (sha256 3f2a9c0d11e4b7a8); edit it and jinn will not overwrite it without --force
 * <!-- written by jinn (sha256 3f2a9c0d11e4b7a8); edit it and jinn will not overwrite it without --force -->
 * }</pre>
 *
 * ({@code //} in {@code .jsh}, an HTML comment in HTML and Markdown), and an {@code .ipynb} carries
 * {@code "jinn": {"written_by": "jinn export"}} in its notebook metadata. A file that exists without
 * a stamp, or whose text no longer matches its stamp (someone edited it), is replaced only with
 * {@code --force}. The file a command reads is never its output, not even with {@code --force}.
 */
final class GeneratedFile {

    /** How a format writes a comment line. */
    enum Comment {
        SLASHES("// ", ""), HTML("<!-- ", " -->");

        final String open;
        final String close;

        Comment(String open, String close) {
            this.open = open;
            this.close = close;
        }
    }

    private static final String SAYS = "); edit it and jinn will not overwrite it without --force";
    private static final Pattern STAMP = Pattern.compile(
            "(?:// |<!-- )written by jinn \\(sha256 ([0-9a-f]{16})\\); edit it and jinn will not overwrite it without --force(?: -->)?");
    static final String IPYNB_KEY = "jinn";

    private GeneratedFile() {}

    /** {@code text} with the stamp line appended. */
    static String stamp(String text, Comment comment) {
        String body = text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
        return body + comment.open + "written by jinn (sha256 " + hash(body) + SAYS + comment.close + "\n";
    }

    /** {@code text} without a stamp on its last line (the only place jinn puts one). */
    static String unstamped(String text) {
        int end = text.endsWith("\n") ? text.length() - 1 : text.length();
        int start = text.lastIndexOf('\n', end - 1) + 1;
        return STAMP.matcher(text.substring(start, end)).matches() ? text.substring(0, start) : text;
    }

    /** Whether {@code file} is absent, or was written by jinn and not changed since. */
    static boolean replaceable(Path file) throws IOException {
        if (!Files.exists(file)) return true;
        if (!Files.isRegularFile(file)) return false;
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            return false; // not text jinn wrote
        }
        int end = text.endsWith("\n") ? text.length() - 1 : text.length();
        int start = text.lastIndexOf('\n', end - 1) + 1;
        Matcher m = STAMP.matcher(text.substring(start, end));
        if (m.matches()) return m.group(1).equals(hash(text.substring(0, start)));
        return writtenIpynb(text);
    }

    private static boolean writtenIpynb(String text) {
        try {
            JsonElement root = JsonParser.parseString(text);
            if (!root.isJsonObject()) return false;
            JsonElement meta = root.getAsJsonObject().get("metadata");
            if (meta == null || !meta.isJsonObject()) return false;
            JsonElement jinn = meta.getAsJsonObject().get(IPYNB_KEY);
            return jinn instanceof JsonObject o && o.has("written_by");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Refuses to write {@code out} when it is {@code source} itself (always) or a file jinn may not
     * replace (unless {@code force}); the message says which and what to do.
     */
    static void checkTarget(Path out, Path source, boolean force) throws CommandLine.UsageError, IOException {
        if (Files.exists(out) && Files.exists(source) && Files.isSameFile(out, source)) {
            throw new CommandLine.UsageError("refusing to write over " + source + ", the file being read; choose another -o");
        }
        if (!force && !replaceable(out)) {
            throw new CommandLine.UsageError(out + " exists and was not written by jinn (or was edited since); "
                    + "pass --force to replace it, or choose another -o");
        }
    }

    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
