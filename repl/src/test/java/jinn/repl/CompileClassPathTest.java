package jinn.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** javac's lean view of the class path, and cells that lean on the jars it keeps. */
class CompileClassPathTest {

    @Test
    void leavesOutOnlyTheInternalJars() {
        String sep = File.pathSeparator;
        String full = String.join(sep, List.of("/l/jinn-dsl-0.1.0.jar", "/l/icu4j-74.2.jar", "/l/fastutil-8.5.13.jar",
                "/l/jline-3.30.6.jar", "/l/guava-33.0.0-jre.jar", "/l/listenablefuture-9999.0-empty-to-avoid-conflict-with-guava.jar",
                "/l/pdfbox-io-3.0.1.jar", "/work/jline-notes/classes"));
        assertEquals(String.join(sep, List.of("/l/jinn-dsl-0.1.0.jar", "/l/fastutil-8.5.13.jar", "/l/guava-33.0.0-jre.jar",
                "/work/jline-notes/classes")), CompileClassPath.lean(full));
        assertNull(CompileClassPath.lean("/l/jinn-dsl-0.1.0.jar"), "nothing to leave out: JShell's default");
    }

    @Test
    void tablesawAndChartsCompileAgainstTheLeanPath() {
        try (Engine e = Engine.start()) {
            EvalResult r = e.eval("Table.create(\"t\", DoubleColumn.create(\"x\", new double[]{1, 2, 3}))"
                    + ".where(t -> t.doubleColumn(\"x\").isGreaterThan(1)).rowCount()");
            assertEquals(2, r.value(), r.text());
            EvalResult chart = e.eval("var c = plot(0, 1, \"x\", v -> v).title(\"t\").xLabel(\"x\"); c != null");
            assertEquals(true, chart.value(), chart.text());
        }
    }

    @Test
    void javacStaysLeanWhenTheSessionAddsToTheClassPath(@TempDir Path classes) {
        assertNotNull(CompileClassPath.forCells(), "this JVM's class path has jars to leave out: " + System.getProperty("java.class.path"));
        try (Engine e = Engine.start()) {
            String cell = "Class<?> c = com.ibm.icu.text.Normalizer2.class;";
            assertTrue(e.eval(cell).text().contains("does not exist"), "icu4j is left out of javac's path");
            e.addToClassPath(List.of(classes));
            assertTrue(e.eval(cell).text().contains("does not exist"), "still left out after /classpath");
            assertEquals(2, e.eval("Table.create(\"t\", DoubleColumn.create(\"x\", new double[]{1, 2})).rowCount()").value());
            e.reset();
            assertTrue(e.eval(cell).text().contains("does not exist"), "and after a reset, which adds the path again");
        }
    }
}
