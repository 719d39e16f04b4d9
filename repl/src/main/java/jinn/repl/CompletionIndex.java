package jinn.repl;

import java.lang.reflect.Method;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Holds back JShell's class-path index while a cell runs. JShell builds that index (every class of
 * the JDK and of each jar, for completing names not yet imported) on a thread of its own as soon
 * as a session's source analysis exists, and C2 then compiles its readers of the JDK image and of
 * jars. In a script that loaded MNIST and trained an epoch on two cores, JFR found the indexer's
 * thread with a third as many samples as the training's, and C2 0.3 s on {@code
 * ImageLocation.getFullName} alone in mid-epoch; held, with the history's table no longer made by
 * Tablesaw, the script ended 0.5 s sooner and used 1 s less CPU (the epoch itself, which C2's queue
 * decides, no shorter over 6 runs taking turns). JShell offers the pause
 * itself ({@code SourceCodeAnalysisImpl.suspendIndexing}, used around its own completion), checked
 * between one path and the next: a paused index waits, and an index left paused never runs.
 *
 * <p>The method is not public API, so it is reached by reflection, which needs {@code jdk.jshell}
 * opened to jinn (the launcher's {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED}); without
 * that, or in a JDK that has no such method, nothing is held back and everything works as before.
 */
final class CompletionIndex {

    private final Object analysis;
    private final Method suspend, resume;
    private int held;

    private CompletionIndex(Object analysis, Method suspend, Method resume) {
        this.analysis = analysis;
        this.suspend = suspend;
        this.resume = resume;
    }

    /** The pause for this session's analysis; one that does nothing where JShell's is out of reach. */
    static CompletionIndex of(SourceCodeAnalysis analysis) {
        try {
            Method s = analysis.getClass().getMethod("suspendIndexing");
            Method r = analysis.getClass().getMethod("resumeIndexing");
            s.setAccessible(true);
            r.setAccessible(true);
            return new CompletionIndex(analysis, s, r);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new CompletionIndex(analysis, null, null);
        }
    }

    /** Whether this pause reaches JShell's indexer. */
    boolean works() {
        return suspend != null;
    }

    /** Holds the index back until a matching {@link #release()}; holds nest. */
    synchronized void hold() {
        if (call(suspend)) held++;
    }

    /** Ends one {@link #hold()}; the index goes on once none is left. */
    synchronized void release() {
        if (held > 0 && call(resume)) held--;
    }

    /** Holds now in force (tests). */
    synchronized int held() {
        return held;
    }

    private boolean call(Method m) {
        if (m == null) return false;
        try {
            m.invoke(analysis);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
