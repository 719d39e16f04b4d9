package jinn.accel.tornado;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Random;
import jinn.accel.Backend;
import jinn.accel.Backends;
import jinn.accel.BinaryOp;
import jinn.accel.ReduceOp;
import jinn.accel.ScalarBackend;
import jinn.accel.UnaryOp;
import org.junit.jupiter.api.Test;

/**
 * The tornado backend on the device this machine has (PoCL's OpenCL CPU device when there is no
 * GPU): found by the selection, ranked by its device type, its device listed, its kernels compiled
 * once and reused. The numbers of every op are the shared conformance suite's job.
 */
class TornadoBackendTest {

    @Test
    void registersAndRunsOnTheDevice() {
        Backend tornado = Backends.find("tornado");
        assertTrue(tornado.isAvailable(), tornado.description());
        assertTrue(tornado.description().startsWith("TornadoVM OPENCL on "), tornado.description());
    }

    @Test
    void outranksTheCpuBackendOnlyOnAnAccelerator() {
        List<String> devices = new TornadoBackend().devices();
        assertFalse(devices.isEmpty(), "TornadoVM lists no device");
        String chosen = devices.get(0);
        boolean accelerator = chosen.contains(" GPU ") || chosen.contains(" FPGA ") || chosen.contains(" ACCELERATOR ");
        List<String> order = Backends.available().stream().map(Backend::name).toList();
        int tornado = order.indexOf("tornado"), cpu = order.indexOf("cpu");
        assertTrue(tornado >= 0 && cpu >= 0, "expected tornado and cpu among " + order);
        assertEquals(accelerator, tornado < cpu, "device " + chosen + " gives the order " + order);
    }

    @Test
    void listsDevicesWithIdTypeAndName() {
        List<String> devices = new TornadoBackend().devices();
        assertTrue(devices.get(0).matches("\\d+:\\d+ (CPU|GPU|FPGA|ACCELERATOR|\\w+) .+ \\(\\w+, \\d+\\.\\d GB\\)"), devices.get(0));
    }

    @Test
    void choosingAnUnknownDeviceNamesTheDevicesThereAre() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TornadoBackend().useDevice("no-such-device"));
        assertEquals("no TornadoVM device matches 'no-such-device'; devices: " + String.join("; ", new TornadoBackend().devices()), e.getMessage());
    }

    @Test
    void choosingADeviceByIdSwitchesTheSharedBackend() {
        String first = new TornadoBackend().devices().get(0);
        String id = first.substring(0, first.indexOf(' '));
        String description = new TornadoBackend().useDevice(id);
        assertTrue(description.endsWith("device " + id + ")"), description);
        assertEquals(description, new TornadoBackend().description());
    }

    @Test
    void aKernelCompilesOncePerArenaSizeAndServesEveryShapeThatFits() {
        DeviceSession session = DeviceSession.open(null, "-w");
        ScalarBackend ref = new ScalarBackend();
        Random rnd = new Random(5);
        int[][] shapes = {{10, 12, 14}, {31, 7, 19}, {3, 40, 2}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = new float[m * k], b = new float[k * n];
            for (int i = 0; i < a.length; i++) a[i] = rnd.nextFloat();
            for (int i = 0; i < b.length; i++) b[i] = rnd.nextFloat();
            float[] expected = new float[m * n], got = new float[m * n];
            ref.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, expected, 0, n);
            session.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, got, 0, n);
            assertArrayEquals(expected, got, 1e-4f, "gemm " + m + "x" + n + "x" + k);
        }
        assertEquals(1, session.planCount(), "three small GEMMs share one compiled plan");
        float[] x = new float[5000], y = new float[5000];
        session.map(UnaryOp.EXP, 0, x, 0, y, 0, 5000);
        session.zip(BinaryOp.ADD, 5000, x, 0, 1, y, 0, 1, y, 0);
        assertEquals(3, session.planCount(), "map and zip add one plan each");
        for (float v : y) assertEquals(1f, v, "0 + exp(0)");
    }

    @Test
    void bigReductionsAndSoftmaxRowsUseTheWholeWorkGroup() {
        // One output over many elements: the work-group's items share the length, then combine.
        TornadoBackend backend = new TornadoBackend(() -> DeviceSession.open(null, "-w"), null, new PrintStream(new ByteArrayOutputStream()), 0);
        int len = 100_003;
        float[] x = new float[len];
        for (int i = 0; i < len; i++) x[i] = (i % 7) - 3;
        float[] out = new float[1];
        backend.reduce(ReduceOp.MAX, x, 0, 1, len, 1, out, 0);
        assertEquals(3f, out[0]);
        backend.reduce(ReduceOp.SUM, x, 0, 1, len, 1, out, 0);
        double sum = 0;
        for (float v : x) sum += v;
        assertEquals(sum, out[0], 1e-3, "sum of " + len);
        float[] p = new float[len];
        backend.softmax(x, 0, 1, len, p, 0, false);
        double total = 0;
        for (float v : p) total += v;
        assertEquals(1.0, total, 1e-3, "a softmax row sums to one");
    }

    @Test
    void aConvolutionsDataMovementRunsOnTheDevice() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TornadoBackend backend = new TornadoBackend(() -> DeviceSession.open(null, "-w"), null, new PrintStream(out, true), 0);
        ScalarBackend ref = new ScalarBackend();
        // 2 images of 3 × 7 × 6, a 3×3 window, stride 2, padding 1: outputs 4 × 3.
        jinn.accel.ConvShape g = new jinn.accel.ConvShape(3, 7, 6, 3, 3, 2, 2, 1, 1, 4, 3);
        int n = 2, width = n * g.positions(), ld = width + 5;
        Random rnd = new Random(9);
        float[] x = new float[1 + n * g.imageSize()];
        for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextGaussian();
        // Into rows ld apart, as a chunk's columns among the batch's: the gaps keep what they held.
        float[] want = new float[2 + g.patchSize() * ld], got = new float[want.length];
        java.util.Arrays.fill(want, 7f);
        java.util.Arrays.fill(got, 7f);
        ref.im2col(g, n, x, 1, want, 2, ld);
        backend.im2col(g, n, x, 1, got, 2, ld);
        assertArrayEquals(want, got, "im2col");
        float[] cols = new float[g.patchSize() * width];
        for (int i = 0; i < cols.length; i++) cols[i] = (float) rnd.nextGaussian();
        float[] dxWant = new float[3 + n * g.imageSize()], dxGot = new float[dxWant.length];
        for (int i = 0; i < dxWant.length; i++) dxWant[i] = dxGot[i] = i * 0.5f;
        ref.col2im(g, n, cols, 0, dxWant, 3);
        backend.col2im(g, n, cols, 0, dxGot, 3);
        assertArrayEquals(dxWant, dxGot, "col2im adds in the reference's order, to the bit");
        assertEquals(1, backend.deviceCalls("im2col"));
        assertEquals(1, backend.deviceCalls("col2im"));
        assertEquals("", out.toString(java.nio.charset.StandardCharsets.UTF_8), "no fallback notice");
    }

    @Test
    void opCodesFollowTheEnums() {
        // The kernels switch on ordinals: a new or reordered enum constant must fail here first.
        assertEquals(List.of("IDENTITY", "NEG", "ABS", "EXP", "LOG", "SQRT", "SQUARE", "RECIPROCAL", "POW", "SCALE",
                "ADD_SCALAR", "SIGMOID", "TANH", "RELU", "LEAKY_RELU", "STEP"), names(UnaryOp.values()));
        assertEquals(List.of("ADD", "SUB", "MUL", "DIV", "MAX", "MIN", "EQ", "GT"), names(BinaryOp.values()));
        assertEquals(List.of("SUM", "MAX", "MIN"), names(ReduceOp.values()));
    }

    private static List<String> names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).toList();
    }
}
