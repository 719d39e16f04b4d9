package jinn.kernel;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the kernel asks of a language: the protocol layer (messages, signing, sockets, threads)
 * knows nothing of Java or JShell and talks to the language through this. {@link EngineInterpreter}
 * is jinn's; the tests drive the protocol with a scripted one. Positions are Java string indices
 * (UTF-16); the kernel converts them from and to the code points Jupyter counts in.
 */
public interface Interpreter {

    /**
     * Runs a cell on the calling thread (a cell thread, never a socket's), reporting output and
     * displays to {@code events} as they happen, and its result value through
     * {@link CellEvents#result}. Problems in the user's code come back as an error outcome.
     */
    ExecuteOutcome execute(String code, CellEvents events);

    /** Completions for the text before {@code cursor}. */
    Completion complete(String code, int cursor);

    /** Documentation of the name at {@code cursor}, as plain text; empty when nothing is known. */
    Optional<String> inspect(String code, int cursor);

    /** Whether {@code code} is ready to run, or needs more lines (and how to indent the next). */
    Completeness isComplete(String code);

    /** Stops the running cell, from any thread; does nothing when no cell runs. */
    void interrupt();

    /** One paragraph for kernel_info's banner. Must not wait for a slow start. */
    String banner();

    /** The language's version for kernel_info's language_info (Java: the JDK's feature version). */
    String languageVersion();

    /** Where a cell's output and displays go while it runs; calls may come from any thread. */
    interface CellEvents {

        /** The cell's number as the front end shows it (In [3]), for error locations such as "Cell In[3], line 2". */
        int executionCount();

        /** Text the cell printed; {@code name} is "stdout" or "stderr". */
        void stream(String name, String text);

        /** A value shown in the cell's output; with an id, {@code update} replaces the earlier display of that id. */
        void display(MimeData data, String displayId, boolean update);

        /** The cell's result value (execute_result); not sent when the request is silent. */
        void result(MimeData data);

        /** A line typed by the person for System.in; fails with a clear message when the front end allows no input. */
        String readLine(String prompt) throws IOException;
    }

    /** A value in several MIME types: text types as text, binary ones (image/png) base64-encoded, as the protocol carries them. */
    record MimeData(Map<String, String> data) {
        public MimeData {
            if (!data.containsKey("text/plain")) throw new IllegalArgumentException("expected text/plain among " + data.keySet());
            data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
        }

        public static MimeData plain(String text) {
            return new MimeData(Map.of("text/plain", text));
        }
    }

    /** How a cell ended: ok, or an error named as Jupyter shows one (traceback lines first to last). */
    record ExecuteOutcome(boolean ok, String ename, String evalue, List<String> traceback) {
        public static ExecuteOutcome success() {
            return new ExecuteOutcome(true, null, null, List.of());
        }

        public static ExecuteOutcome error(String ename, String evalue, List<String> traceback) {
            return new ExecuteOutcome(false, ename, evalue, List.copyOf(traceback));
        }
    }

    /** Candidates replacing {@code code[start, end)}. */
    record Completion(int start, int end, List<String> matches) {}

    /** is_complete's answer: "complete", "incomplete" (with the next line's indent), "invalid" or "unknown". */
    record Completeness(String status, String indent) {
        public static final Completeness COMPLETE = new Completeness("complete", null);

        public static Completeness incomplete(String indent) {
            return new Completeness("incomplete", indent);
        }
    }
}
