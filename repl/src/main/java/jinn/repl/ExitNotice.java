package jinn.repl;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Explains a JVM exit that happens while a cell runs: library code calling {@code System.exit}
 * (the engine refuses direct calls) ends jinn, because cells run in process. Without this the
 * REPL would vanish without a word.
 */
final class ExitNotice {

    private static final Set<Engine> ENGINES = ConcurrentHashMap.newKeySet();
    private static boolean hooked;

    private ExitNotice() {}

    static synchronized void install(Engine engine) {
        ENGINES.add(engine);
        if (hooked) return;
        hooked = true;
        Runtime.getRuntime().addShutdownHook(new Thread(ExitNotice::explain, "jinn-exit-notice"));
    }

    static void uninstall(Engine engine) {
        ENGINES.remove(engine);
    }

    private static void explain() {
        if (ENGINES.stream().noneMatch(Engine::isRunning)) return;
        // System.err is the cell-output stream; write to the real descriptor in case it is half torn down.
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        err.println();
        err.println(message(Thread.getAllStackTraces().values()));
    }

    /**
     * Who ended the JVM: a thread inside {@code Runtime.exit} means code called System.exit; none
     * means the JVM was told from outside (SIGTERM from {@code kill} or {@code timeout}, a closed
     * terminal), which must not be blamed on the cell.
     */
    static String message(java.util.Collection<StackTraceElement[]> stacks) {
        boolean exitCalled = stacks.stream().flatMap(java.util.Arrays::stream)
                .anyMatch(f -> f.getClassName().equals("java.lang.Runtime") && (f.getMethodName().equals("exit") || f.getMethodName().equals("halt")));
        return exitCalled
                ? "jinn: the running cell ended the JVM (System.exit or Runtime.halt, called from library code).\n"
                        + "      Cells run inside jinn's own JVM, so this ends the session; its variables are gone.\n"
                        + "      Your typed history is kept in ~/.jinn/history."
                : "jinn: ended from outside (a signal such as SIGTERM, or the terminal closed) while a cell was running;\n"
                        + "      the session's variables are gone. Your typed history is kept in ~/.jinn/history.";
    }
}
