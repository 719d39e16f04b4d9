package jinn.repl;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Lets JShell's documentation find jinn's own javadoc. {@code SourceCodeAnalysis.documentation}
 * reads doc comments only from the sources its private {@code findSources()} lists, which is the
 * JDK's {@code lib/src.zip} and nothing else (no option, no source path is honoured). jinn appends its
 * sources to that list through reflection, which needs {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED}
 * (the launcher passes it); without it, or on a JDK whose internals differ, documentation keeps
 * showing signatures only.
 *
 * <p>Where the sources are: {@code -Djinn.sources=PATHS} (jars or folders, separated as class paths
 * are), else the {@code *-sources.jar} files in the {@code src} folder beside the {@code lib} folder
 * that holds jinn's jars (the distribution's layout).
 */
final class JavadocSources {

    private JavadocSources() {}

    /** Adds jinn's sources to what {@code analysis} searches; false when it could not. */
    static boolean install(SourceCodeAnalysis analysis) {
        List<Path> extra = locate();
        if (extra.isEmpty()) return false;
        try {
            Method find = analysis.getClass().getDeclaredMethod("findSources");
            find.setAccessible(true);
            List<?> jdk = (List<?>) find.invoke(analysis);
            List<Path> all = new ArrayList<>();
            for (Object p : jdk) all.add((Path) p);
            all.addAll(extra);
            Field cached = analysis.getClass().getDeclaredField("availableSources");
            cached.setAccessible(true);
            cached.set(analysis, all);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false; // not opened, or JShell changed: signatures still work
        }
    }

    /** The source jars or folders of jinn's modules that exist; empty when none is found. */
    static List<Path> locate() {
        List<Path> found = new ArrayList<>();
        String told = System.getProperty("jinn.sources");
        if (told != null && !told.isBlank()) {
            for (String p : told.split(File.pathSeparator)) {
                if (!p.isBlank() && Files.exists(Path.of(p))) found.add(Path.of(p));
            }
            return found;
        }
        Path jar = jarOf(Engine.class);
        Path src = jar == null || jar.getParent() == null || jar.getParent().getParent() == null ? null
                : jar.getParent().getParent().resolve("src");
        if (src == null || !Files.isDirectory(src)) return found;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(src, "*-sources.jar")) {
            for (Path p : jars) found.add(p);
        } catch (java.io.IOException e) {
            // an unreadable folder: no javadoc, signatures still work
        }
        found.sort(null);
        return found;
    }

    private static Path jarOf(Class<?> type) {
        try {
            var where = type.getProtectionDomain().getCodeSource();
            return where == null ? null : Path.of(where.getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
