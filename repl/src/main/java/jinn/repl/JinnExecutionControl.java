package jinn.repl;

import java.lang.reflect.Field;
import jdk.jshell.execution.LocalExecutionControl;

/**
 * JShell's in-process execution, plus one thing the API does not give: the value object itself.
 *
 * <p>JShell reports a value only as its {@code toString()} text. Rich display needs the object (a
 * tensor's shape, a table's columns), and in-process execution shares the heap and the class
 * loader parent with the REPL, so the object is one reflective read away. {@link #capture} turns the
 * next {@code varValue} call into that read.
 */
final class JinnExecutionControl extends LocalExecutionControl {

    private boolean capturing;
    private Object captured;
    /** Time spent in snippets' code, summed: a cell's wall time less this is javac's and JShell's. */
    private volatile long runNanos;

    long runNanos() {
        return runNanos;
    }

    @Override
    public String invoke(String className, String methodName) throws RunException, EngineTerminationException,
            InternalException {
        long t0 = System.nanoTime();
        try {
            return super.invoke(className, methodName);
        } finally {
            runNanos += System.nanoTime() - t0;
        }
    }

    /** Reads the static field that holds a snippet variable instead of rendering it as text. */
    Object capture(Runnable varValueCall) {
        capturing = true;
        captured = null;
        try {
            varValueCall.run();
            return captured;
        } finally {
            capturing = false;
        }
    }

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException,
            InternalException {
        if (!capturing) return super.varValue(className, varName);
        try {
            Field field = findClass(className).getDeclaredField(varName);
            field.setAccessible(true);
            captured = field.get(null);
            return "";
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new InternalException("cannot read variable " + varName + " of " + className + ": " + e);
        }
    }
}
