package jinn.accel.tornado;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import jinn.accel.ScalarBackend;
import jinn.accel.UnaryOp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever goes wrong with TornadoVM, the tornado backend still computes the right numbers on the
 * CPU and says why in exactly one line: runtime absent, no device, an unknown device asked for, a
 * kernel that does not compile.
 */
class TornadoFallbackTest {

    private static final ScalarBackend REF = new ScalarBackend();

    @AfterEach
    void heal() {
        DeviceSession.brokenForTest = null;
        DeviceSession.maxBytesForTest = 0;
    }

    private static List<String> lines(ByteArrayOutputStream out) {
        String s = out.toString(StandardCharsets.UTF_8).strip();
        return s.isEmpty() ? List.of() : List.of(s.split("\\R"));
    }

    private static float[] random(int n, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = rnd.nextFloat() * 2 - 1;
        return x;
    }

    @Test
    void kernelThatFailsToCompileRunsOnTheCpuWithOneNotice() {
        DeviceSession.brokenForTest = DeviceSession.Kernel.GEMM;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TornadoBackend backend = new TornadoBackend(() -> DeviceSession.open(null, "-w"), null, new PrintStream(out, true), 0);
        assertTrue(backend.isAvailable(), "the device itself is fine: " + backend.description());

        int m = 20, n = 30, k = 40;
        float[] a = random(m * k, 1), b = random(k * n, 2);
        for (int call = 0; call < 3; call++) {
            float[] expected = new float[m * n], got = new float[m * n];
            REF.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, expected, 0, n);
            backend.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, got, 0, n);
            assertArrayEquals(expected, got, 1e-4f, "gemm on the fallback, call " + call);
        }
        // The other kernels stay on the device and say nothing.
        float[] x = random(100, 3), y = new float[100];
        backend.map(UnaryOp.SQUARE, 0, x, 0, y, 0, 100);
        for (int i = 0; i < 100; i++) assertEquals(x[i] * x[i], y[i], "square[" + i + "]");

        List<String> notices = lines(out);
        assertEquals(1, notices.size(), "exactly one notice for three failing calls, received: " + notices);
        String line = notices.get(0);
        assertTrue(line.startsWith("jinn: tornado gemm kernel failed on the device ("), line);
        assertTrue(line.endsWith("); running gemm on the cpu backend from now on"), line);
        assertTrue(line.matches(".*\\(Unable to compile task jinn\\d+\\.k - gemm: Error during code compilation with the OpenCL driver\\).*"), line);
        assertFalse(line.contains("\tat "), "no stack trace: " + line);
    }

    @Test
    void callTooLargeForTheDeviceRunsOnTheCpuWhileSmallerOnesStayOnTheDevice() {
        DeviceSession.maxBytesForTest = 4L << 16;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TornadoBackend backend = new TornadoBackend(() -> DeviceSession.open(null, "-w"), null, new PrintStream(out, true), 0);
        for (int n : new int[]{200, 20, 300, 30}) {
            float[] a = random(n * n, n), b = random(n * n, n + 1);
            float[] expected = new float[n * n], got = new float[n * n];
            REF.gemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, expected, 0, n);
            backend.gemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, got, 0, n);
            assertArrayEquals(expected, got, 1e-3f, "gemm n=" + n);
        }
        assertEquals(2, backend.deviceCalls("gemm"), "the two small GEMMs ran on the device");
        assertEquals(List.of("jinn: tornado gemm call too large for the device (needs a buffer of 131072 floats; "
                + "the device allocates at most 65536); such calls run on the cpu backend"), lines(out));
    }

    @Test
    void unknownDeviceMakesTheBackendUnavailableWithTheDeviceList() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TornadoBackend backend = new TornadoBackend(() -> DeviceSession.open("9:9", "-w"), null, new PrintStream(out, true), 0);
        assertFalse(backend.isAvailable());
        assertEquals(-1, backend.priority());
        String d = backend.description();
        assertTrue(d.startsWith("TornadoVM unavailable: no TornadoVM device matches '9:9'; devices: 0:0 "), d);

        float[] x = {-1f, 2f, -3f}, y = new float[3];
        backend.map(UnaryOp.ABS, 0, x, 0, y, 0, 3);
        backend.map(UnaryOp.NEG, 0, x, 0, y, 0, 3);
        assertArrayEquals(new float[]{1f, -2f, 3f}, y);
        assertEquals(List.of("jinn: tornado backend unavailable (no TornadoVM device matches '9:9'; devices: "
                + String.join("; ", new TornadoBackend().devices()) + "); running on the cpu backend instead"), lines(out));
    }

    @Test
    void runtimeAbsentLeavesTheCpuBackendInCharge() throws Exception {
        // A JVM started without TornadoVM's argument file: the jars of this module are there, TornadoVM is not.
        Result r = runProbe(List.of("--add-modules", "jdk.incubator.vector"), Map.of());
        assertTrue(r.stdout.contains("backend tornado available=false | TornadoVM unavailable: TornadoVM runtime absent: "
                + "the JVM was not started with @$TORNADOVM_HOME/tornado-argfile"), r.toString());
        assertTrue(r.stdout.contains("current cpu"), r.toString());
        assertTrue(r.stdout.contains("square 4.0 0.25 9.0"), r.toString());
        assertEquals(1, r.stderr.stream().filter(l -> l.startsWith("jinn: tornado")).count(), r.toString());
        assertTrue(r.stderr.contains("jinn: tornado backend unavailable (TornadoVM runtime absent: the JVM was not started with "
                + "@$TORNADOVM_HOME/tornado-argfile); running on the cpu backend instead"), r.toString());
        assertTrue(r.stdout.contains("devices []"), r.toString());
        assertTrue(r.stdout.contains("useDevice error: TornadoVM runtime absent: the JVM was not started with @$TORNADOVM_HOME/tornado-argfile"), r.toString());
    }

    @Test
    void noOpenClDeviceLeavesTheCpuBackendInCharge(@TempDir Path emptyIcd) throws Exception {
        // TornadoVM is there but the OpenCL loader finds no driver: as on a machine without a GPU driver.
        String home = System.getProperty("tornadovm.home");
        Result r = runProbe(List.of("@" + home + "/tornado-argfile"), Map.of("OCL_ICD_VENDORS", emptyIcd.toString()));
        assertTrue(r.stdout.contains("backend tornado available=false | TornadoVM unavailable: "), r.toString());
        assertTrue(r.stdout.contains("No OpenCL platforms found"), r.toString());
        assertTrue(r.stdout.contains("current cpu"), r.toString());
        assertTrue(r.stdout.contains("square 4.0 0.25 9.0"), r.toString());
        List<String> notices = r.stderr.stream().filter(l -> l.startsWith("jinn: tornado")).toList();
        assertEquals(1, notices.size(), r.toString());
        assertTrue(notices.get(0).startsWith("jinn: tornado backend unavailable (") && notices.get(0).contains("No OpenCL platforms found"), r.toString());
    }

    private record Result(int exit, String stdout, List<String> stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "\n--- stderr\n" + String.join("\n", stderr);
        }
    }

    private static Result runProbe(List<String> jvmArgs, Map<String, String> env) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(TornadoProbe.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.environment().remove("JINN_BACKEND");
        Path err = Files.createTempFile("probe", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe JVM did not finish in 120 s");
        List<String> stderr = Files.readAllLines(err);
        Files.delete(err);
        return new Result(p.exitValue(), stdout, stderr);
    }
}
