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
        assertFalse(type("/backend").contains("devices"), "no backend of this build offers devices to choose");
        String text = type("/backend tornado:gpu");
        assertTrue(text.contains("no backend named 'tornado': TornadoVM is not installed in this build of jinn. To use it, "
                + "install the TornadoVM SDK, set TORNADOVM_HOME"), text);
        String cpu = type("/backend cpu:0");
        assertTrue(cpu.contains("the cpu backend has no devices to choose from"), cpu);
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
