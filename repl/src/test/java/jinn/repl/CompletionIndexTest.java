package jinn.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * JShell's class-path index is held back while a cell runs, and for good in a session nobody
 * completes in; the holds must reach JShell's own counter, which its indexing thread waits on.
 */
class CompletionIndexTest {

    /** JShell's count of pauses, read from its analysis (what its indexer checks between paths). */
    private static int jshellSuspends(Engine engine) throws ReflectiveOperationException {
        Object analysis = engine.jshell().sourceCodeAnalysis();
        java.lang.reflect.Field f = analysis.getClass().getDeclaredField("suspend");
        f.setAccessible(true);
        return f.getInt(analysis);
    }

    @Test
    void anInteractiveSessionHoldsTheIndexOnlyWhileACellRuns() throws Exception {
        try (Engine engine = Engine.start()) {
            CompletionIndex index = engine.completionIndex();
            assertTrue(index.works(), "the surefire JVM opens jdk.jshell as the launcher does");
            assertEquals(0, index.held());
            assertEquals(0, jshellSuspends(engine));
            List<Integer> during = new ArrayList<>();
            engine.eval("int x = 6 * 7;", new CellListener() {
                @Override
                public void outcome(Outcome o) {
                    try {
                        during.add(jshellSuspends(engine));
                    } catch (ReflectiveOperationException e) {
                        throw new AssertionError(e);
                    }
                }
            });
            assertEquals(List.of(1), during, "held while the cell ran");
            assertEquals(0, index.held());
            assertEquals(0, jshellSuspends(engine), "released once it ended, so completion gets its index");
            Engine.Completions c = engine.complete("ArrayLi", 7);
            assertTrue(c.suggestions().stream().anyMatch(s -> s.text().startsWith("ArrayList")), c.toString());
        }
    }

    @Test
    void aCellThatFailsReleasesItsHoldToo() throws Exception {
        try (Engine engine = Engine.start()) {
            engine.eval("int y = undefinedName + 1;");
            engine.eval("throw new IllegalStateException(\"boom\");");
            assertEquals(0, jshellSuspends(engine));
        }
    }

    @Test
    void aSessionNobodyCompletesInNeverLetsTheIndexRun() throws Exception {
        try (Engine engine = Engine.builder().completes(false).build()) {
            assertEquals(1, jshellSuspends(engine), "held from the start");
            engine.eval("int z = 1;");
            assertEquals(1, jshellSuspends(engine), "and still after a cell");
        }
    }
}
