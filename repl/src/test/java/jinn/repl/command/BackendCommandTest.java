package jinn.repl.command;

import jinn.repl.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /backend with TornadoVM's devices, in a build that has no TornadoVM backend (the default build, CI). */
class BackendCommandTest {
    static Engine engine;

    @BeforeAll
    static void start() { engine = Engine.start(); }

    @AfterAll
    static void close() { engine.close(); }

    private static String type(String line) {
        StringWriter screen = new StringWriter();
        new Session(engine, new PrintWriter(screen, true), Commands.standard(), false).submit(line);
        return screen.toString();
    }

    @Test
    void withoutTheTornadoBackendNoDevicesAreListedAndChoosingOneSaysWhy() {
        assertFalse(BackendCommand.tornadoPresent(), "this test describes the default build, without accel-tornado");
        assertFalse(type("/backend").contains("TornadoVM devices"));
        String text = type("/backend tornado:gpu");
        assertTrue(text.contains("the TornadoVM backend is not part of this build: install the TornadoVM SDK, set TORNADOVM_HOME"),
                text);
    }

    @Test
    void choosingTornadoWithoutItSaysItIsNotInstalledAndWhereToRead() {
        String text = type("/backend tornado");
        assertTrue(text.contains("no backend named 'tornado': TornadoVM is not installed in this build of jinn."), text);
        assertTrue(text.contains("set TORNADOVM_HOME and rebuild; README.md (\"Choosing a backend\") and accel-tornado/README.md say how"), text);
        assertTrue(text.contains("Available: cpu"), text);
        String gpu = type("/backend gpu");
        assertTrue(gpu.contains("no backend named 'gpu' (GPUs and OpenCL devices are reached through the 'tornado' backend): TornadoVM is not installed"), gpu);
        assertFalse(type("/backend nosuch").contains("TornadoVM"));
    }
}
