package jinn.repl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The exit notice blames a cell only when code in the JVM called exit; a signal from outside is said to be one. */
class ExitNoticeTest {

    @Test
    void aThreadInRuntimeExitMeansCodeCalledIt() {
        StackTraceElement[] exiting = {
            new StackTraceElement("java.lang.Shutdown", "exit", null, 1),
            new StackTraceElement("java.lang.Runtime", "exit", null, 1),
            new StackTraceElement("java.lang.System", "exit", null, 1),
            new StackTraceElement("some.Library", "quit", null, 1)};
        assertTrue(ExitNotice.message(List.<StackTraceElement[]>of(exiting)).contains("System.exit or Runtime.halt"));
    }

    @Test
    void noneMeansASignalFromOutside() {
        StackTraceElement[] busy = {new StackTraceElement("REPL.$JShell$12", "do_it$", null, 1)};
        String m = ExitNotice.message(List.<StackTraceElement[]>of(busy));
        assertTrue(m.contains("ended from outside") && !m.contains("System.exit"), m);
    }
}
