package jinn.train;

import static jinn.Jinn.adam;
import static jinn.Jinn.epochs;
import static jinn.Jinn.net;
import static jinn.Jinn.sgd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import jinn.accel.Backend;
import jinn.accel.Backends;
import jinn.accel.BinaryOp;
import jinn.accel.CompilesTrainingSteps;
import jinn.accel.DenseChain;
import jinn.accel.ReduceOp;
import jinn.accel.TrainingStep;
import jinn.accel.UnaryOp;
import jinn.data.Dataset;
import jinn.nn.Net;
import jinn.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The training loop hands a plain MLP with softmax cross-entropy and SGD to the backend's compiled
 * step when the backend offers one, copies the weights back after every epoch and at the end, and
 * trains everything else (and everything after a device failure) op by op.
 *
 * <p>The fake backend runs every op on the CPU backend and offers a recognisable "step": each call
 * subtracts 0.5 from every parameter and adds 1 to every velocity, and reports loss 0.25 with every
 * row right, so that where the numbers came from is plain.
 */
class CompiledStepTest {

    private Backend before;
    private FakeBackend fake;

    @BeforeEach
    void install() {
        before = Backends.current();
        fake = new FakeBackend(Backends.find("cpu"));
        Backends.use(fake);
    }

    @AfterEach
    void restore() {
        Backends.use(before);
    }

    /** 100 rows of 6 features in 3 classes: 4 batches of 32 (the last of 4). */
    private static Dataset data() {
        Random rnd = new Random(4);
        float[] x = new float[100 * 6];
        int[] y = new int[100];
        for (int r = 0; r < 100; r++) {
            for (int j = 0; j < 6; j++) x[r * 6 + j] = (float) rnd.nextGaussian();
            y[r] = x[r * 6] > 0.5f ? 2 : x[r * 6] > -0.5f ? 1 : 0;
        }
        return Dataset.classification("toy", x, 100, 6, y, List.of("a", "b", "c"));
    }

    private static List<float[]> values(Net net) {
        List<float[]> out = new ArrayList<>();
        for (Tensor p : net.parameters()) out.add(p.toArray());
        return out;
    }

    @Test
    void supportedMlpTrainsInTheBackendsStepAndGetsItsWeightsBack() {
        Net model = net(6).dense(8).relu().dense(5).tanh().dense(3).softmax().seed(1).build();
        List<float[]> start = values(model);
        List<float[]> afterEpoch1 = new ArrayList<>();
        Dataset data = data();
        History h = model.fit(data, epochs(2).batchSize(32).optimizer(sgd(0.1, 0.9)).seed(3).quiet()
                .validation(data).onEpoch(e -> { if (e.epoch() == 1) afterEpoch1.addAll(values(model)); }));

        assertEquals(1, fake.offered, "one compiled step for the fit");
        DenseChain spec = fake.spec;
        assertArrayEquals(new int[]{6, 8, 5, 3}, spec.widths(), "widths");
        assertArrayEquals(new UnaryOp[]{UnaryOp.RELU, UnaryOp.TANH, UnaryOp.IDENTITY}, spec.activations(), "activations");
        assertEquals(0.1f, fake.learningRate, "learning rate");
        assertEquals(0.9f, fake.momentum, "momentum");
        assertEquals(32, spec.batchSize(), "batch size");
        FakeStep step = fake.step;
        assertEquals(8, step.steps, "2 epochs of 4 batches, all in the compiled step");
        assertEquals(List.of(32, 32, 32, 4, 32, 32, 32, 4), step.rows, "rows per step, the last batch short");
        assertEquals(8, h.batches().size(), "batches recorded");
        assertTrue(h.batches().stream().allMatch(b -> b.loss() == 0.25 && b.accuracy() == 1.0),
                "every batch's loss and accuracy came from the step: " + h.batches());
        assertTrue(step.closed, "the step is closed when fit ends");

        // After epoch 1 (when validation and callbacks read them) the weights are those of 4 steps, at the end those of 8.
        for (int p = 0; p < start.size(); p++) {
            for (int i = 0; i < start.get(p).length; i++) {
                assertEquals(start.get(p)[i] - 2f, afterEpoch1.get(p)[i], 1e-6, "parameter " + p + "[" + i + "] after epoch 1");
                assertEquals(start.get(p)[i] - 4f, model.parameters().get(p).toArray()[i], 1e-6, "parameter " + p + "[" + i + "] after fit");
            }
        }
        // The optimizer's momentum came back too, so that a later fit with the same optimizer goes on from it.
        assertEquals(8f, step.lastVelocities.get(0)[0], "velocity after 8 steps");
    }

    @Test
    void otherOptimizersTrainInTheHostsFusedStepOnTheCurrentBackend() {
        Dataset data = data();
        // No optimizer named: Adam, fit's default.
        History h = net(6).dense(8).relu().dense(3).softmax().seed(1).build().fit(data, epochs(2).batchSize(32).seed(3).quiet());
        assertEquals(0, fake.offered, "the device's compiled step knows SGD only");
        assertEquals(8 * 3, fake.rowSplits, "each of 8 batches ran as one fused step: one parallelRows for its rows, one per layer's weight update");
        assertTrue(h.batches().stream().noneMatch(b -> b.loss() == 0.25), "losses computed by the host step: " + h.batches());
        fake.rowSplits = 0;
        System.setProperty("jinn.compiledStep", "false");
        try {
            net(6).dense(8).relu().dense(3).softmax().seed(1).build().fit(data, epochs(2).batchSize(32).seed(3).quiet());
            assertEquals(0, fake.rowSplits, "-Djinn.compiledStep=false trains op by op");
        } finally {
            System.clearProperty("jinn.compiledStep");
        }
    }

    @Test
    void unsupportedRunsTakeTheOrdinaryPath() {
        Dataset data = data();
        List<Runnable> runs = List.of(
                () -> net(6).dense(8).relu().dropout(0.2).dense(3).softmax().seed(1).build()
                        .fit(data, epochs(1).batchSize(32).optimizer(sgd(0.1)).quiet()),
                () -> net(6).dense(8).relu().dense(3).softmax().seed(1).build()
                        .fit(data, epochs(1).batchSize(32).optimizer(adam(0.01)).quiet()),
                () -> net(6).dense(8).relu().dense(3).softmax().seed(1).build()
                        .fit(data, epochs(1).batchSize(32).optimizer(sgd(0.1)).loss(Loss.MSE).quiet()),
                () -> net(6).dense(8).relu().dense(3).sigmoid().seed(1).build()
                        .fit(data, epochs(1).batchSize(32).optimizer(sgd(0.1)).quiet()),
                () -> net(6).dense(8).relu().relu().dense(3).softmax().seed(1).build()
                        .fit(data, epochs(1).batchSize(32).optimizer(sgd(0.1)).quiet()));
        for (int i = 0; i < runs.size(); i++) {
            runs.get(i).run();
            assertEquals(0, fake.offered, "run " + i + " is not a plain MLP with softmax cross-entropy and SGD");
            assertEquals(i == 1 ? 4 * 3 : 0, fake.rowSplits, "run " + i + ": only Adam's plain MLP takes the host's fused step (3 parallelRows a batch)");
            fake.rowSplits = 0;
        }
        // The step function has no gradient: autograd refuses it, as it always did (the compiled step is never asked).
        Net stepNet = net(6).dense(8).step().dense(3).softmax().seed(1).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> stepNet.fit(data, epochs(1).batchSize(32).optimizer(sgd(0.1)).quiet()));
        assertTrue(e.getMessage().contains("step()"), e.getMessage());
        assertEquals(0, fake.offered, "a step activation is not offered to the compiled step");
        Net model = net(6).dense(8).relu().dense(3).softmax().seed(1).build();
        List<float[]> start = values(model);
        System.setProperty("jinn.compiledStep", "false");
        try {
            History h = model.fit(data, epochs(1).batchSize(32).optimizer(sgd(0.1)).quiet());
            assertEquals(0, fake.offered, "-Djinn.compiledStep=false keeps even a plain MLP op by op");
            assertTrue(h.batches().stream().noneMatch(b -> b.loss() == 0.25), "losses computed by autograd: " + h.batches());
            assertTrue(Math.abs(model.parameters().get(0).toArray()[0] - start.get(0)[0]) < 0.5f, "SGD moved weights a little, not by the fake's 0.5");
        } finally {
            System.clearProperty("jinn.compiledStep");
        }
    }

    @Test
    void deviceFailureMidwayContinuesOpByOpFromTheLastWeights() {
        fake.failAt = 3;
        Net model = net(6).dense(8).relu().dense(3).softmax().seed(1).build();
        List<float[]> start = values(model);
        History h = model.fit(data(), epochs(1).batchSize(32).optimizer(sgd(0.1)).seed(3).quiet().recordBatches(true));

        assertEquals(4, h.batches().size(), "every batch trained");
        assertEquals(0.25, h.batches().get(0).loss(), "batch 1 on the device");
        assertEquals(0.25, h.batches().get(1).loss(), "batch 2 on the device");
        assertTrue(h.batches().get(2).loss() != 0.25 && h.batches().get(3).loss() != 0.25, "batches 3 and 4 by autograd: " + h.batches());
        assertTrue(fake.step.closed, "the failed step was closed");
        // Two device steps (−1 in all) were read back before autograd went on with its own small SGD steps.
        float moved = start.get(0)[0] - model.parameters().get(0).toArray()[0];
        assertTrue(moved > 0.5f && moved < 1.5f, "first weight moved by " + moved + " (−1 from the device, a little from SGD)");
    }

    @Test
    void chainDescribesThePlainMlp() {
        Net model = net(4).dense(8, false).leakyRelu(0.2).dense(6).dense(3).softmax().build();
        model.parameters(4);
        DenseChain spec = CompiledStep.chain(model, 4, 16);
        assertNotNull(spec, "a plain MLP");
        assertArrayEquals(new int[]{4, 8, 6, 3}, spec.widths(), "widths");
        assertArrayEquals(new UnaryOp[]{UnaryOp.LEAKY_RELU, UnaryOp.IDENTITY, UnaryOp.IDENTITY}, spec.activations(), "activations");
        assertArrayEquals(new float[]{0.2f, 0, 0}, spec.alphas(), "alphas");
        assertArrayEquals(new boolean[]{false, true, true}, spec.biases(), "biases");
        assertArrayEquals(new int[]{32, 48, 6, 18, 3}, spec.parameterSizes(), "parameter sizes in Net.parameters() order");
        Net noSoftmax = net(4).dense(3).build();
        noSoftmax.parameters(4);
        assertNull(CompiledStep.chain(noSoftmax, 4, 16), "no final softmax");
        Net oneClass = net(4).dense(1).softmax().build();
        oneClass.parameters(4);
        assertNull(CompiledStep.chain(oneClass, 4, 16), "a single output");
    }

    /** Every op on the CPU backend, plus a recognisable compiled step. */
    static final class FakeBackend implements Backend, CompilesTrainingSteps {
        final Backend cpu;
        int offered;
        DenseChain spec;
        float learningRate, momentum;
        FakeStep step;
        int failAt = -1;
        /** Calls of parallelRows: the host's fused step makes one per batch and one per weight update, op-by-op training none. */
        int rowSplits;

        FakeBackend(Backend cpu) { this.cpu = cpu; }

        @Override public void parallelRows(int rows, long macsPerRow, RowShare share) {
            rowSplits++;
            share.run(0, 0, rows, this);
        }

        @Override public Optional<TrainingStep> sgdTrainingStep(DenseChain s, float lr, float mu) {
            offered++;
            spec = s;
            learningRate = lr;
            momentum = mu;
            step = new FakeStep(s, failAt);
            return Optional.of(step);
        }

        @Override public String name() { return "fake"; }
        @Override public int priority() { return -10; }
        @Override public void gemm(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                                   float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
            cpu.gemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
        @Override public void map(UnaryOp op, float param, float[] x, int xOff, float[] y, int yOff, int n) {
            cpu.map(op, param, x, xOff, y, yOff, n);
        }
        @Override public void mapBackward(UnaryOp op, float param, float[] x, int xOff, float[] y, int yOff,
                                          float[] dy, int dyOff, float[] dx, int dxOff, int n) {
            cpu.mapBackward(op, param, x, xOff, y, yOff, dy, dyOff, dx, dxOff, n);
        }
        @Override public void zip(BinaryOp op, int n, float[] a, int aOff, int aInc, float[] b, int bOff, int bInc, float[] out, int outOff) {
            cpu.zip(op, n, a, aOff, aInc, b, bOff, bInc, out, outOff);
        }
        @Override public void reduce(ReduceOp op, float[] x, int xOff, int outer, int len, int inner, float[] out, int outOff) {
            cpu.reduce(op, x, xOff, outer, len, inner, out, outOff);
        }
        @Override public void softmax(float[] x, int xOff, int rows, int cols, float[] out, int outOff, boolean log) {
            cpu.softmax(x, xOff, rows, cols, out, outOff, log);
        }
        @Override public float softmaxCrossEntropy(float[] logits, int off, int rows, int cols, int[] labels,
                                                   float[] grad, int gradOff, float gradScale) {
            return cpu.softmaxCrossEntropy(logits, off, rows, cols, labels, grad, gradOff, gradScale);
        }
    }

    /** A "device" holding its own copy of the parameters: each step subtracts 0.5 from all of them and adds 1 to every velocity. */
    static final class FakeStep implements TrainingStep {
        final int[] sizes;
        final int failAt;
        List<float[]> params, velocities, lastVelocities;
        int steps;
        final List<Integer> rows = new ArrayList<>();
        boolean closed;

        FakeStep(DenseChain spec, int failAt) {
            sizes = spec.parameterSizes();
            this.failAt = failAt;
        }

        @Override public void write(List<float[]> p, List<float[]> v) {
            assertEquals(sizes.length, p.size(), "parameter arrays written");
            params = new ArrayList<>();
            for (float[] a : p) params.add(a.clone());
            velocities = new ArrayList<>();
            for (int size : sizes) velocities.add(new float[size]);
        }

        @Override public Result step(float[] x, int[] labels, int n) {
            if (steps + 1 == failAt) throw new Failed("injected", null);
            steps++;
            rows.add(n);
            for (float[] a : params) for (int i = 0; i < a.length; i++) a[i] -= 0.5f;
            for (float[] a : velocities) for (int i = 0; i < a.length; i++) a[i] += 1f;
            return new Result(0.25f, n);
        }

        @Override public void read(List<float[]> p, List<float[]> v) {
            for (int i = 0; i < p.size(); i++) System.arraycopy(params.get(i), 0, p.get(i), 0, p.get(i).length);
            if (v != null) {
                for (int i = 0; i < v.size(); i++) System.arraycopy(velocities.get(i), 0, v.get(i), 0, v.get(i).length);
                lastVelocities = v;
            }
        }

        @Override public void close() { closed = true; }
    }
}
