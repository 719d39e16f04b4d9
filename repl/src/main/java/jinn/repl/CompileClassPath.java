package jinn.repl;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The class path javac sees when it compiles cells: the JVM's, less the jars that the libraries only
 * use inside their methods. javac reads the whole table of contents of every jar on its path on the
 * first compilation (and JShell's completion index walks them all again), so the 5,600 entries of
 * icu4j and the PDF, logging and annotation jars cost time before the first result; the lean path
 * made the first compilation ~0.3-0.4 s shorter here (two busy cores, trained AOT cache). Cells still
 * run against the JVM's full class path: only javac's view is smaller.
 *
 * <p>Why these are safe: no public signature of jinn, Tablesaw, XChart, Guava, RoaringBitmap,
 * univocity or commons-math mentions a class of theirs (checked with {@code javap -public} over
 * every class of those jars), so javac never needs them to compile a call. A cell that names one of
 * their classes itself gets "cannot find symbol"; {@code -Djinn.compile.classpath=full} gives javac
 * the full path.
 */
final class CompileClassPath {

    /** File names of the jars left out (any version). */
    static final Pattern INTERNAL_ONLY = Pattern.compile(
            "(icu4j|jline|pdfbox|pdfbox-io|fontbox|graphics2d|classgraph|commons-logging|animated-gif-lib"
                    + "|checker-qual|error_prone_annotations|j2objc-annotations|jsr305|failureaccess|listenablefuture)"
                    + "-[0-9][^/\\\\]*\\.jar");

    private CompileClassPath() {}

    /** The class path for javac, or null when it would be the JVM's own (nothing to leave out, or asked for full). */
    static String forCells() {
        if ("full".equals(System.getProperty("jinn.compile.classpath"))) return null;
        return lean(System.getProperty("java.class.path", ""));
    }

    static String lean(String classPath) {
        List<String> all = Arrays.stream(classPath.split(File.pathSeparator)).filter(p -> !p.isBlank()).toList();
        List<String> kept = all.stream().filter(p -> !INTERNAL_ONLY.matcher(new File(p).getName()).matches()).toList();
        return kept.size() == all.size() ? null : String.join(File.pathSeparator, kept);
    }
}
