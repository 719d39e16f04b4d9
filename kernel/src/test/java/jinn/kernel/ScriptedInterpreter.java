package jinn.kernel;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in language for the protocol tests: each "cell" is a command that does one thing a real
 * cell can do (print, show, fail, loop until interrupted, read a line), so that the tests check
 * the messages, not Java.
 */
final class ScriptedInterpreter implements Interpreter {

    private volatile CountDownLatch stop = new CountDownLatch(1);
    volatile String lastCompleteCode;
    volatile int lastCursor = -1;

    @Override
    public ExecuteOutcome execute(String code, CellEvents events) {
        String[] words = code.split(" ", 2);
        String arg = words.length > 1 ? words[1] : "";
        switch (words[0]) {
            case "print" -> {
                events.stream("stdout", arg + "\n");
                events.stream("stderr", "err:" + arg + "\n");
                events.result(MimeData.plain("'" + arg + "'"));
            }
            case "show" -> {
                events.display(new MimeData(Map.of("text/plain", "v1", "text/html", "<b>v1</b>")), "d1", false);
                events.display(MimeData.plain("v2"), "d1", true);
            }
            case "fail" -> {
                sleep(Long.parseLong(arg.isEmpty() ? "0" : arg));
                return ExecuteOutcome.error("ArithmeticException", "/ by zero",
                        List.of("Cell In[" + events.executionCount() + "], line 1", "ArithmeticException: / by zero"));
            }
            case "loop" -> {
                stop = new CountDownLatch(1);
                events.stream("stdout", "looping\n");
                try {
                    if (!stop.await(30, TimeUnit.SECONDS)) return ExecuteOutcome.error("Timeout", "never interrupted", List.of());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ExecuteOutcome.error("Interrupted", "stopped", List.of("Interrupted: stopped"));
            }
            case "input" -> {
                try {
                    String line = events.readLine("name? ");
                    events.stream("stdout", "hello " + line + "\n");
                } catch (IOException e) {
                    return ExecuteOutcome.error("IOException", e.getMessage(), List.of(e.toString()));
                }
            }
            case "partial" -> events.stream("stdout", "no newline");
            default -> { }
        }
        return ExecuteOutcome.success();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Completes "prin" to "print" wherever the word before the cursor starts (a UTF-16 index). */
    @Override
    public Completion complete(String code, int cursor) {
        lastCompleteCode = code;
        lastCursor = cursor;
        int start = cursor;
        while (start > 0 && Character.isLetter(code.charAt(start - 1))) start--;
        return new Completion(start, cursor, List.of("print", "println"));
    }

    @Override
    public Optional<String> inspect(String code, int cursor) {
        return code.startsWith("print") ? Optional.of("print TEXT: prints TEXT") : Optional.empty();
    }

    @Override
    public Completeness isComplete(String code) {
        return code.endsWith(".") ? Completeness.incomplete("    ") : Completeness.COMPLETE;
    }

    @Override
    public void interrupt() {
        stop.countDown();
    }

    @Override
    public String banner() {
        return "scripted";
    }

    @Override
    public String languageVersion() {
        return "1.0";
    }
}
