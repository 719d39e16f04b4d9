package jinn.accel.tornado;

import static jinn.Jinn.epochs;
import static jinn.Jinn.net;
import static jinn.Jinn.sgd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import jinn.accel.Backend;
import jinn.accel.Backends;
import jinn.accel.DenseChain;
import jinn.accel.TrainingStep;
import jinn.accel.UnaryOp;
import jinn.data.Dataset;
import jinn.nn.Net;
import jinn.tensor.Tensor;
import jinn.train.History;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The compiled MLP training step on the TornadoVM device: the same losses and weights as the CPU
 * backend's op-by-op autograd path, only the batch and the losses crossing between host and device
 * per step, and the op-by-op path (with one notice) when the step does not compile.
 *
 * <p>Tolerance: per-batch losses and final weights agree to 1e-4 absolute plus 1e-3 relative. The
 * paths differ only in summation order (tiled GEMMs, work-group reductions, fused multiply-adds),
 * which after a handful of SGD steps moves weights by about 1e-6.
 */
class TornadoTrainingStepTest {

    private static final double ABS = 1e-4, REL = 1e-3;

    private Backend before;

    @AfterEach
    void restore() {
        DeviceSession.brokenStepForTest = false;
        if (before != null) Backends.use(before);
    }

    /** 200 rows of 24 features in 5 classes (a linear rule plus noise): 3 full batches of 64 and one of 8. */
    private static Dataset data() {
        Random rnd = new Random(11);
        int rows = 200, width = 24, classes = 5;
        float[] x = new float[rows * width];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            float best = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < width; j++) x[r * width + j] = (float) rnd.nextGaussian();
            for (int c = 0; c < classes; c++) {
                float s = x[r * width + c] - x[r * width + c + classes] + 0.3f * (float) rnd.nextGaussian();
                if (s > best) {
                    best = s;
                    y[r] = c;
                }
            }
        }
        return Dataset.classification("toy", x, rows, width, y, List.of("a", "b", "c", "d", "e"));
    }

    private TornadoBackend tornado(ByteArrayOutputStream notices) {
        return new TornadoBackend(() -> DeviceSession.open(null, "-w"), null, new PrintStream(notices, true), 0);
    }

    private History fitOn(Backend backend, Net model, Dataset data, float lr, float momentum) {
        if (before == null) before = Backends.current();
        Backends.use(backend);
        return model.fit(data, epochs(2).batchSize(64).shuffle(false).optimizer(sgd(lr, momentum)).quiet());
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= ABS + REL * Math.abs(expected),
                what + ": expected " + expected + " (cpu autograd), got " + actual + " (compiled step)");
    }

    private void compareWithCpu(Supplier<Net> build, float lr, float momentum) {
        Dataset data = data();
        Net reference = build.get(), onDevice = build.get();
        History expected = fitOn(Backends.find("cpu"), reference, data, lr, momentum);
        ByteArrayOutputStream notices = new ByteArrayOutputStream();
        TornadoBackend tornado = tornado(notices);
        History actual = fitOn(tornado, onDevice, data, lr, momentum);

        assertEquals("", notices.toString(StandardCharsets.UTF_8), "no fallback notices");
        assertEquals(8, tornado.deviceCalls("training_step"), "2 epochs of 4 batches, each one compiled step");
        assertEquals(0, tornado.deviceCalls("gemm"), "no op-by-op GEMM: the whole step ran compiled");
        assertEquals(expected.batches().size(), actual.batches().size(), "batches recorded");
        for (int i = 0; i < expected.batches().size(); i++) {
            assertClose(expected.batches().get(i).loss(), actual.batches().get(i).loss(), "loss of batch " + (i + 1));
            assertEquals(expected.batches().get(i).accuracy(), actual.batches().get(i).accuracy(), 1.0 / 64 + 1e-9,
                    "accuracy of batch " + (i + 1) + " (one row may flip on a near tie)");
        }
        List<Tensor> want = reference.parameters(), got = onDevice.parameters();
        for (int p = 0; p < want.size(); p++) {
            float[] w = want.get(p).toArray(), g = got.get(p).toArray();
            for (int i = 0; i < w.length; i++) assertClose(w[i], g[i], "parameter " + p + " element " + i + " after 8 steps");
        }
    }

    @Test
    void reluTanhWithMomentumMatchesTheCpuAutogradPath() {
        compareWithCpu(() -> net(24).dense(32).relu().dense(16).tanh().dense(5).softmax().seed(3).build(), 0.05f, 0.9f);
    }

    @Test
    void sigmoidLeakyReluWithoutBiasOrMomentumMatchesTheCpuAutogradPath() {
        compareWithCpu(() -> net(24).dense(20, false).sigmoid().dense(12).leakyRelu(0.1).dense(5).softmax().seed(5).build(), 0.2f, 0f);
    }

    @Test
    void perStepOnlyTheBatchGoesInAndTheLossesComeOut() {
        DeviceSession session = DeviceSession.open(null, "-w");
        int bs = 32;
        SgdChain spec = new SgdChain(new DenseChain(new int[]{100, 64, 10}, new UnaryOp[]{UnaryOp.RELU, UnaryOp.IDENTITY},
                new float[]{0, 0}, new boolean[]{true, true}, bs), 0.1f, 0.9f);
        Random rnd = new Random(2);
        List<float[]> params = new ArrayList<>();
        for (int size : spec.parameterSizes()) {
            float[] p = new float[size];
            for (int i = 0; i < size; i++) p[i] = (float) rnd.nextGaussian() * 0.1f;
            params.add(p);
        }
        float[] x = new float[bs * 100];
        int[] labels = new int[bs];
        try (CompiledMlpStep step = session.trainingStep(spec, true)) {
            step.write(params, null);
            long[] bytes = step.bufferBytes();
            List<Float> losses = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextGaussian();
                for (int i = 0; i < bs; i++) labels[i] = i % 10;
                losses.add(step.step(x, labels, bs).loss());
                long[] moved = step.lastTransfers();
                if (s == 0) {
                    assertTrue(moved[0] >= bytes[0] + bytes[1], "first step sends the parameters (" + bytes[0]
                            + " bytes) and the batch (" + bytes[1] + "): sent " + moved[0]);
                } else {
                    // TornadoVM also writes each kernel's launch arguments (24 bytes on OpenCL here): at most 32 per kernel.
                    long launchArguments = moved[0] - bytes[1];
                    assertTrue(launchArguments >= 0 && launchArguments <= 32L * step.kernels(), "bytes sent in step " + (s + 1)
                            + ": the input and labels (" + bytes[1] + ") and the " + step.kernels()
                            + " kernels' launch arguments, nothing of the parameters (" + bytes[0] + "): sent " + moved[0]);
                }
                assertEquals(bytes[2], moved[1], "bytes fetched in step " + (s + 1) + ": only the per-row losses");
            }
            // The parameters stayed on the device and changed there: reading them back shows the updates.
            List<float[]> after = new ArrayList<>();
            for (float[] p : params) after.add(new float[p.length]);
            step.read(after, null);
            double moved = 0;
            for (int p = 0; p < params.size(); p++) {
                for (int i = 0; i < params.get(p).length; i++) moved += Math.abs(after.get(p)[i] - params.get(p)[i]);
            }
            assertTrue(moved > 1e-3, "4 SGD steps on the device changed the parameters by " + moved + " in total");
            assertTrue(losses.stream().allMatch(l -> Float.isFinite(l) && l > 0), "losses " + losses);
        }
    }

    @Test
    void aLaterFitOfTheSameShapeReusesTheCompiledStepWithFreshParameters() {
        DeviceSession session = DeviceSession.open(null, "-w");
        int bs = 16;
        SgdChain spec = new SgdChain(new DenseChain(new int[]{30, 24, 6}, new UnaryOp[]{UnaryOp.TANH, UnaryOp.IDENTITY},
                new float[]{0, 0}, new boolean[]{true, true}, bs), 0.1f, 0.9f);
        Random rnd = new Random(8);
        List<float[]> params = new ArrayList<>();
        for (int size : spec.parameterSizes()) {
            float[] p = new float[size];
            for (int i = 0; i < size; i++) p[i] = (float) rnd.nextGaussian() * 0.2f;
            params.add(p);
        }
        float[] x = new float[bs * 30];
        for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextGaussian();
        int[] labels = new int[bs];
        for (int i = 0; i < bs; i++) labels[i] = i % 6;

        CompiledMlpStep first = session.reusableStep(spec);
        first.write(params, null);
        float[] fresh = {first.step(x, labels, bs).loss(), first.step(x, labels, bs).loss(), first.step(x, labels, bs).loss()};
        session.idle(spec, first);

        CompiledMlpStep again = session.reusableStep(spec);
        assertTrue(again == first, "the idle step of the same shape is handed out again");
        again.write(params, null);
        float[] reused = {again.step(x, labels, bs).loss(), again.step(x, labels, bs).loss(), again.step(x, labels, bs).loss()};
        // Same kernels, same data, velocities back at zero: the same three losses, bit for bit.
        assertEquals(java.util.Arrays.toString(fresh), java.util.Arrays.toString(reused), "losses of 3 steps, fresh vs reused");
        assertTrue(fresh[2] < fresh[0], "the steps learn: " + java.util.Arrays.toString(fresh));
        session.release();
    }

    @Test
    void stepThatFailsToCompileTrainsOpByOpWithOneNotice() {
        DeviceSession.brokenStepForTest = true;
        Dataset data = data();
        Net reference = net(24).dense(16).relu().dense(5).softmax().seed(9).build();
        Net model = net(24).dense(16).relu().dense(5).softmax().seed(9).build();
        History expected = fitOn(Backends.find("cpu"), reference, data, 0.1f, 0f);
        ByteArrayOutputStream notices = new ByteArrayOutputStream();
        TornadoBackend tornado = tornado(notices);
        History actual = fitOn(tornado, model, data, 0.1f, 0f);

        String out = notices.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, out.lines().count(), "one notice, got: " + out);
        assertTrue(out.startsWith("jinn: tornado compiled training step failed on the device (")
                && out.endsWith("); training runs op by op from now on"), "notice: " + out);
        assertEquals(0, tornado.deviceCalls("training_step"), "no compiled step ran");
        assertTrue(tornado.deviceCalls("gemm") > 0, "the op-by-op path ran its GEMMs on the device");
        assertEquals(expected.batches().size(), actual.batches().size(), "every batch trained");
        for (int i = 0; i < expected.batches().size(); i++) {
            assertClose(expected.batches().get(i).loss(), actual.batches().get(i).loss(), "loss of batch " + (i + 1));
        }
        // A second fit in the same JVM does not try the failed step again, and says nothing more.
        fitOn(tornado, model, data, 0.1f, 0f);
        assertEquals(out, notices.toString(StandardCharsets.UTF_8).strip(), "no second notice");
    }
}
