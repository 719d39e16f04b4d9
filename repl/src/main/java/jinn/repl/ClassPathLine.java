package jinn.repl;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of {@code /classpath lib/*.jar "my libs/x.jar"}: what the REPL command, {@code /load}, a
 * notebook run and {@code /save} share, so a session that added a library replays with it. Paths are
 * separated by spaces or the platform's path separator, and quoted where they hold a space; {@code ~}
 * is the home folder; a {@code *} in the last name matches files in that folder ({@code lib/*} means the
 * jars there, as {@code java -cp lib/*} reads it); a relative path is taken from {@code base} (the working
 * folder in the REPL, the notebook's folder in a notebook).
 */
public final class ClassPathLine {

    /** "/classpath ARGS" or IJava's "/jars ARGS" on a line of its own. */
    private static final Pattern LINE = Pattern.compile("^\\s*/(?:classpath|jars)(?:\\s+(.*?))?\\s*$");
    private static final Pattern WORD = Pattern.compile("\"([^\"]*)\"|(\\S+)");

    private ClassPathLine() {}

    /** The arguments of a /classpath line, or empty when the line is something else. */
    public static Optional<String> args(String line) {
        Matcher m = LINE.matcher(line);
        return m.matches() ? Optional.of(m.group(1) == null ? "" : m.group(1)) : Optional.empty();
    }

    /** The line that adds these entries again: what /save writes. */
    public static String of(List<Path> entries) {
        List<String> words = new ArrayList<>();
        for (Path p : entries) words.add(p.toString().contains(" ") ? "\"" + p + "\"" : p.toString());
        return "/classpath " + String.join(" ", words);
    }

    /** The files and folders the arguments name, globs expanded; a glob that matches nothing is an error that says so. */
    public static List<Path> entries(String args, Path base) throws IOException {
        List<Path> out = new ArrayList<>();
        Matcher m = WORD.matcher(args);
        while (m.find()) {
            String word = m.group(1) != null ? m.group(1) : m.group(2);
            for (String part : word.split(Pattern.quote(File.pathSeparator))) {
                if (!part.isBlank()) out.addAll(expand(part, base));
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("which jars or folders? e.g. /classpath lib/*.jar");
        return out;
    }

    private static List<Path> expand(String word, Path base) throws IOException {
        if (word.equals("~") || word.startsWith("~/")) word = System.getProperty("user.home") + word.substring(1);
        Path path = base.resolve(word).normalize();
        String last = path.getFileName() == null ? "" : path.getFileName().toString();
        if (!last.contains("*")) return List.of(path);
        Path dir = path.getParent();
        if (dir == null || !Files.isDirectory(dir)) throw new IllegalArgumentException("no such folder: " + dir);
        String glob = last.equals("*") ? "*.jar" : last; // java -cp lib/* means the jars in lib
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            for (Path p : files) if (Files.isRegularFile(p)) found.add(p);
        }
        if (found.isEmpty()) throw new IllegalArgumentException("no file matches " + word + " in " + dir);
        found.sort(null);
        return found;
    }
}
