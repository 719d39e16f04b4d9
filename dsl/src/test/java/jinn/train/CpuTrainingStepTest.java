package jinn.train;

import static jinn.Jinn.adam;
import static jinn.Jinn.epochs;
import static jinn.Jinn.net;
import static jinn.Jinn.sgd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import jinn.accel.Backend;
import jinn.accel.Backends;
import jinn.data.Dataset;
import jinn.nn.Net;
import jinn.nn.NetBuilder;
import jinn.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The host fused MLP step ({@code FusedMlpStep}) on the CPU backend trains exactly what the op-by-op
 * autograd path trains: the same loss for every batch (relative 1e-4) and the same weights after 4
 * epochs of 5 batches (relative 1e-4, the larger of the difference and 1 as the scale), for every
 * supported activation, with and without bias, for every optimizer, including an epoch's short
 * last batch. They differ by rounding only: the fused plain-SGD update rounds once less, and the
 * shares of a batch sum their losses apart.
 */
class CpuTrainingStepTest {

    private Backend before;

    @BeforeEach
    void useCpu() {
        before = Backends.current();
        Backends.use(Backends.find("cpu"));
    }

    @AfterEach
    void restore() {
        Backends.use(before);
        System.clearProperty("jinn.compiledStep");
    }

    /** 300 rows of 10 features in 4 classes: batches of 64, the last of 44. */
    private static Dataset data() {
        Random rnd = new Random(11);
        float[] x = new float[300 * 10];
        int[] y = new int[300];
        for (int r = 0; r < 300; r++) {
            for (int j = 0; j < 10; j++) x[r * 10 + j] = (float) rnd.nextGaussian();
            y[r] = (x[r * 10] > 0 ? 2 : 0) + (x[r * 10 + 1] > 0 ? 1 : 0);
        }
        return Dataset.classification("toy", x, 300, 10, y, List.of("a", "b", "c", "d"));
    }

    private record Run(List<float[]> weights, History history) {}

    private static Run train(Supplier<NetBuilder> model, float momentum, boolean fused) {
        return train(model, () -> momentum == 0 ? sgd(0.2) : sgd(0.1, momentum), fused);
    }

    private static Run train(Supplier<NetBuilder> model, Supplier<Optimizer> optimizer, boolean fused) {
        System.setProperty("jinn.compiledStep", Boolean.toString(fused));
        Net net = model.get().seed(3).build();
        History h = net.fit(data(), epochs(4).batchSize(64).optimizer(optimizer.get()).seed(5).quiet().recordBatches(true));
        List<float[]> w = new ArrayList<>();
        for (Tensor p : net.parameters()) w.add(p.toArray());
        return new Run(w, h);
    }

    private static void assertSameTraining(Supplier<NetBuilder> model, float momentum) {
        assertSameTraining(model, () -> momentum == 0 ? sgd(0.2) : sgd(0.1, momentum));
    }

    private static void assertSameTraining(Supplier<NetBuilder> model, Supplier<Optimizer> optimizer) {
        Run fused = train(model, optimizer, true), byOps = train(model, optimizer, false);
        String what = optimizer.get().describe();
        assertEquals(20, fused.history().batches().size(), "batches recorded");
        for (int b = 0; b < 20; b++) {
            double lf = fused.history().batches().get(b).loss(), lo = byOps.history().batches().get(b).loss();
            assertEquals(lo, lf, 1e-4 * Math.max(1, Math.abs(lo)), what + ": loss of batch " + (b + 1));
        }
        for (int e = 0; e < 4; e++) {
            double lf = fused.history().epochs().get(e).loss(), lo = byOps.history().epochs().get(e).loss();
            assertEquals(lo, lf, 1e-4 * Math.max(1, Math.abs(lo)), "epoch " + (e + 1) + " loss");
            assertEquals(byOps.history().epochs().get(e).accuracy(), fused.history().epochs().get(e).accuracy(), 0.01,
                    "epoch " + (e + 1) + " accuracy");
        }
        double worst = 0;
        for (int i = 0; i < fused.weights().size(); i++) {
            float[] a = fused.weights().get(i), b = byOps.weights().get(i);
            assertEquals(b.length, a.length);
            for (int j = 0; j < a.length; j++) worst = Math.max(worst, Math.abs(a[j] - b[j]) / (1 + Math.abs(b[j])));
        }
        assertTrue(worst < 1e-4, what + ": weights differ by up to " + worst + " (relative) after 4 epochs");
    }

    @Test
    void reluAndTanhWithPlainSgd() {
        assertSameTraining(() -> net(10).dense(16).relu().dense(12).tanh().dense(4).softmax(), 0f);
    }

    @Test
    void sigmoidLeakyReluAndNoBiasWithMomentum() {
        assertSameTraining(() -> net(10).dense(16).sigmoid().dense(12, false).leakyRelu(0.1).dense(4).softmax(), 0.9f);
    }

    @Test
    void adamTheDefaultOfFit() {
        assertSameTraining(() -> net(10).dense(16).relu().dense(12).tanh().dense(4).softmax(), () -> adam(0.01));
        assertSameTraining(() -> net(10).dense(16).sigmoid().dense(12, false).leakyRelu(0.1).dense(4).softmax(), () -> adam(0.003));
    }

    @Test
    void weightDecayAdamwAndRmsprop() {
        Supplier<NetBuilder> model = () -> net(10).dense(16).relu().dense(12).tanh().dense(4).softmax();
        assertSameTraining(model, () -> Optimizer.sgd(0.2f, 0f, 0.01f));
        assertSameTraining(model, () -> Optimizer.sgd(0.1f, 0.9f, 0.01f));
        assertSameTraining(model, () -> Optimizer.adamw(0.01f, 0.1f));
        assertSameTraining(model, () -> Optimizer.rmsprop(0.003f));
        assertSameTraining(model, () -> Optimizer.rmsprop(0.001f, 0.9f));
    }

    @Test
    void oneLayerSoftmaxRegression() {
        assertSameTraining(() -> net(10).dense(4).softmax(), 0f);
    }

    @Test
    void theFusedStepActuallyRuns() {
        // Not a tautology of the tests above: with the step off and on, the results must differ in
        // the last bits somewhere, or the "fused" run went op by op as well.
        Supplier<NetBuilder> model = () -> net(10).dense(16).relu().dense(4).softmax();
        Run fused = train(model, 0f, true), byOps = train(model, 0f, false);
        boolean anyDifferent = false;
        for (int i = 0; i < fused.weights().size() && !anyDifferent; i++) {
            anyDifferent = !java.util.Arrays.equals(fused.weights().get(i), byOps.weights().get(i));
        }
        assertTrue(anyDifferent, "the weights are bit-identical: the fused step did not run");
    }
}
