package jinn.nn;

import jinn.data.Dataset;
import jinn.data.Synthetic;
import jinn.tensor.Tensor;
import jinn.train.Fit;
import jinn.train.History;
import jinn.train.Optimizer;
import jinn.train.ProgressBar;
import jinn.train.TrainingDiverged;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static jinn.Jinn.*;
import static org.junit.jupiter.api.Assertions.*;

class NetTest {

    static Fit quiet(int epochs) { return epochs(epochs).quiet().seed(1); }

    @Test
    void builderChainFromTheReadmeWorksAsWritten() {
        NetBuilder b = net().dense(784).relu().dense(10).softmax();
        Tensor out = b.predict(Tensor.rand(new java.util.Random(1), 3, 20));
        assertArrayEquals(new int[]{3, 10}, out.shape());
        for (float v : out.sum(1).toArray()) assertEquals(1f, v, 1e-5, "softmax rows sum to 1");
        String summary = b.toString();
        assertTrue(summary.contains("dense_1") && summary.contains("[batch, 784]") && summary.contains("16,464"), summary);
        assertTrue(summary.contains("total params: 24,314"), summary);
    }

    @Test
    void summaryBeforeInputIsKnownSaysSo() {
        String s = net().dense(4).relu().dense(2).toString();
        assertTrue(s.contains("?"), s);
        assertTrue(s.contains("total params: ? (known once the input width is"), s);
        String declared = net(784).dense(256).relu().dense(10).softmax().toString();
        assertTrue(declared.contains("200,960") && declared.contains("total params: 203,530"), declared);
    }

    @Test
    void seedNetworkWithHandWrittenWeights() {
        Net n = net().dense(3).weights(new double[][]{{0.1, 0.3, 0.5}, {0.2, 0.4, 0.6}}, new double[]{0.1, 0.2, 0.3}).sigmoid()
                .dense(2).weights(new double[][]{{0.1, 0.4}, {0.2, 0.5}, {0.3, 0.6}}, new double[]{0.1, 0.2}).sigmoid()
                .dense(2).weights(new double[][]{{0.1, 0.3}, {0.2, 0.4}}, new double[]{0.1, 0.2}).identity().build();
        float[] y = n.forward(tensor(new double[]{1.0, 0.5})).toArray();
        assertEquals(0.31682708, y[0], 1e-6);
        assertEquals(0.69627909, y[1], 1e-6);
        assertEquals(0.3f, n.denseLayer(0).weights()[0][1], 1e-7f, "weights read back");
    }

    @Test
    void xorByMlpReachesFullAccuracy() {
        Net n = net().dense(8).tanh().dense(1).sigmoid().seed(3).build();
        History h = n.fit(xor(), quiet(2000).batchSize(4).optimizer(sgd(0.5)));
        assertEquals(1.0, n.evaluate(xor()).accuracy(), "XOR learned: " + h.last());
        assertArrayEquals(new int[]{0, 1, 1, 0}, n.predictClass(xor()));
        assertTrue(h.last().toString().matches("epoch 2000: loss 0\\.\\d{4}, accuracy 1\\.0000 \\(.*s, \\d+ samples/s\\)"), h.last().toString());
        assertTrue(h.loss()[h.loss().length - 1] < h.loss()[0], "loss fell");
    }

    /** predictClass skips a final softmax: its classes must still be those of the probabilities. */
    @Test
    void predictClassOfASoftmaxNetIsTheArgmaxOfItsProbabilities() {
        Net n = net(20).dense(32).relu().dense(7).softmax().seed(4).build();
        Tensor x = Tensor.rand(new java.util.Random(2), 300, 20).mul(4f).sub(2f);
        int[] classes = n.predictClass(x);
        float[] p = n.predict(x).toArray();
        int spread = 0;
        for (int i = 0; i < classes.length; i++) {
            int best = 0;
            for (int j = 1; j < 7; j++) if (p[i * 7 + j] > p[i * 7 + best]) best = j;
            assertEquals(best, classes[i], "row " + i);
            spread |= 1 << best;
        }
        assertTrue(Integer.bitCount(spread) >= 3, "the rows fall into several classes");
        assertEquals(classes[5], n.predictClass(x.rows(5, 6).reshape(20))[0], "one sample as a vector");
        Net one = net(3).dense(1).softmax().seed(1).build();
        assertArrayEquals(new int[]{1, 1}, one.predictClass(Tensor.of(new float[]{-5, 0, 2, 7, 1, -3}, 2, 3)), "a softmax of one output is 1");
    }

    @Test
    void softmaxXorWithAdam() {
        Net n = net().dense(16).relu().dense(2).softmax().seed(5).build();
        n.fit(xor(), quiet(300).batchSize(4).optimizer(adam(0.05)));
        assertEquals(1.0, n.evaluate(xor()).accuracy());
    }

    @Test
    void perceptronLearnsGatesButNotXor() {
        for (Dataset gate : new Dataset[]{and(), or(), nand()}) {
            Perceptron.Result r = perceptron().train(gate);
            assertTrue(r.converged(), gate.name() + ": " + r);
            assertEquals(1.0, r.accuracy());
        }
        Perceptron.Result x = perceptron().maxEpochs(50).train(xor());
        assertFalse(x.converged());
        assertTrue(x.accuracy() < 1.0);
        assertTrue(x.message().contains("not linearly separable"), x.message());
    }

    @Test
    void seedAndGateWithHandWeights() {
        Perceptron p = perceptron().weights(0.5, 0.5).bias(-0.7);
        assertEquals(0, p.predict(0, 0));
        assertEquals(0, p.predict(1, 0));
        assertEquals(0, p.predict(0, 1));
        assertEquals(1, p.predict(1, 1));
    }

    @Test
    void zeroInitialisedNetworkKeepsHiddenUnitsIdentical() {
        Net n = net().dense(4).init(zerosInit()).sigmoid().dense(2).init(zerosInit()).softmax().build();
        n.fit(Synthetic.moons(64, 0.1, 1), quiet(20).batchSize(16).optimizer(sgd(0.5)));
        float[][] w = n.denseLayer(0).weights();
        for (float[] row : w) {
            for (int j = 1; j < row.length; j++) assertEquals(row[0], row[j], 1e-6, "hidden units stay identical");
        }
        float[][] w2 = n.denseLayer(1).weights();
        for (int i = 1; i < w2.length; i++) assertArrayEquals(w2[0], w2[i], 1e-6f);
        // With He/Xavier they differ.
        Net m = net().dense(4).sigmoid().dense(2).softmax().seed(1).build();
        m.fit(Synthetic.moons(64, 0.1, 1), quiet(2).batchSize(16));
        float[][] v = m.denseLayer(0).weights();
        assertNotEquals(v[0][0], v[0][1]);
    }

    @Test
    void wrongInputWidthNamesTheLayer() {
        Net n = net(784).dense(10).softmax().build();
        var e = assertThrows(IllegalArgumentException.class, () -> n.predict(Tensor.zeros(2, 28)));
        assertEquals("layer dense_1 (dense): expected 784 features, got 28 (input shape [2, 28])", e.getMessage());
    }

    @Test
    void labelsOutOfRangeAndEmptyData() {
        Net n = net().dense(2).softmax().build();
        Dataset bad = Dataset.of(new float[][]{{0, 1}, {1, 0}}, new int[]{0, 2}, "a", "b", "c");
        var e = assertThrows(IllegalArgumentException.class, () -> n.fit(bad, quiet(1)));
        assertEquals("fit: the training data: label 2 at row 1 is out of range for 2 classes (valid: 0 to 1); the network has 2 outputs",
                e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> n.fit(xor().head(0), quiet(1)));
        assertEquals("fit: the training data is empty (0 samples)", e2.getMessage());
    }

    @Test
    void nanLossStopsWithEpochAndBatch() {
        Net n = net().dense(8).relu().dense(1).seed(2).build();
        Dataset d = Dataset.of(new float[][]{{1e20f, 1}, {2, 1e20f}}, new float[]{1e30f, -1e30f});
        var e = assertThrows(TrainingDiverged.class, () -> n.fit(d, quiet(5).batchSize(1).optimizer(sgd(10))));
        assertTrue(e.getMessage().matches("training stopped: the loss became (NaN|Infinity) at epoch 1, batch 1/2 .*"), e.getMessage());
        assertNotNull(e.history());
    }

    @Test
    void interruptionStopsBetweenBatchesAndKeepsHistory() {
        Net n = net().dense(4).relu().dense(2).softmax().seed(1).build();
        Dataset data = Synthetic.moons(400, 0.1, 2);
        Fit fit = quiet(50).batchSize(10).onEpoch(e -> {
            if (e.epoch() == 2) Thread.currentThread().interrupt();
        });
        History[] ended = new History[1];
        History h = n.fit(data, fit.onEnd(x -> ended[0] = x));
        assertSame(h, ended[0], "onEnd sees the history also when interrupted");
        assertEquals(2, h.epochs().size());
        assertTrue(h.stopReason().startsWith("interrupted during epoch 3 at batch 1/40"), h.stopReason());
        assertFalse(Thread.currentThread().isInterrupted(), "the flag is consumed so the session goes on");
    }

    @Test
    void earlyStoppingRestoresBestWeights() {
        Net n = net().dense(4).relu().dense(2).softmax().seed(1).build();
        Dataset data = Synthetic.moons(200, 0.2, 3);
        var split = data.split(0.3, 1);
        History h = n.fit(split.train(), quiet(200).batchSize(16).optimizer(sgd(2.0)).validation(split.test()).earlyStopping(3));
        assertTrue(h.stoppedEarly(), h.toString());
        assertTrue(h.stopReason().contains("early stopping"), h.stopReason());
        double best = java.util.Arrays.stream(h.valLoss()).min().orElseThrow();
        assertEquals(best, n.evaluate(split.test()).loss(), 1e-5, "best weights restored");
    }

    @Test
    void progressLinesOnePerEpochWhenNotATerminal() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Net n = net().dense(4).relu().dense(2).softmax().seed(1).build();
        n.fit(Synthetic.moons(100, 0.1, 1), epochs(3).seed(1).batchSize(10).progress(ProgressBar.Mode.LINES)
                .output(new PrintStream(buf, true, StandardCharsets.UTF_8)).validation(Synthetic.moons(20, 0.1, 2)));
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length, String.join("\n", lines));
        assertTrue(lines[0].matches("Epoch 1/3  10/10 \\[=+\\] \\d+\\.\\ds  \\d+ samples/s  loss: \\d\\.\\d{4}  acc: \\d\\.\\d{4}  val_loss: .*"),
                lines[0]);
        assertFalse(lines[0].contains("\u001b"), "no escape codes outside a terminal");
    }

    @Test
    void historyAsTable() {
        Net n = net().dense(4).relu().dense(2).softmax().seed(1).build();
        History h = n.fit(Synthetic.moons(100, 0.1, 1), quiet(3).batchSize(25));
        var t = h.toTable();
        assertEquals(3, t.rowCount());
        assertEquals(java.util.List.of("epoch", "loss", "accuracy", "seconds", "samples_per_s"), t.columnNames());
        assertEquals(12, h.batchTable().rowCount());
        assertTrue(h.toString().contains("epoch      loss  accuracy"), h.toString());
    }

    @Test
    void optimizersMoveDownhill() {
        for (Optimizer o : new Optimizer[]{sgd(0.1), sgd(0.1, 0.9), adam(0.1)}) {
            Tensor w = tensor(new double[]{3, -2}).requiresGrad(true);
            for (int i = 0; i < 50; i++) {
                w.square().sum().backward();
                o.step(java.util.List.of(w));
                w.zeroGrad();
            }
            assertTrue(w.square().sum().item() < 1.0, o.describe() + " reached " + w);
        }
    }

    @Test
    void metricsFromTheConfusionMatrix() {
        // Predict "a" always: accuracy 2/3, recall (1 + 0)/2, precision (2/3 + 0)/2.
        Net n = net(1).dense(2).weights(new double[][]{{0, 0}}, new double[]{1, 0}).softmax().build();
        Dataset d = Dataset.of(new float[][]{{0}, {1}, {2}}, new int[]{0, 0, 1}, "a", "b");
        var ev = n.evaluate(d, jinn.train.Metric.ACCURACY, jinn.train.Metric.RECALL, jinn.train.Metric.PRECISION, jinn.train.Metric.F1);
        assertEquals(2.0 / 3, ev.metric("accuracy"), 1e-9);
        assertEquals(0.5, ev.metric("recall"), 1e-9);
        assertEquals(1.0 / 3, ev.metric("precision"), 1e-9);
        assertEquals(0.4, ev.metric("f1"), 1e-9);
        var e = assertThrows(IllegalArgumentException.class, () -> ev.metric("auc"));
        assertTrue(e.getMessage().startsWith("no metric 'auc' in this evaluation"), e.getMessage());
    }

    @Test
    void longRunsPrintAboutTwentyEpochLinesAndRegressionHasNoAccuracy() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Net n = net(2).dense(4).tanh().dense(1).seed(1).build();
        Dataset d = Dataset.of(new float[][]{{0, 1}, {1, 0}, {1, 1}, {0, 0}}, new float[]{1e6f, 0, 1, 0});
        History h = n.fit(d, epochs(300).seed(1).batchSize(4).optimizer(sgd(1e-3)).progress(ProgressBar.Mode.LINES)
                .output(new PrintStream(buf, true, StandardCharsets.UTF_8)));
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertTrue(lines.length >= 20 && lines.length <= 22, lines.length + " lines");
        assertTrue(lines[0].startsWith("Epoch   1/300"), lines[0]);
        assertTrue(lines[lines.length - 1].startsWith("Epoch 300/300"), lines[lines.length - 1]);
        assertFalse(lines[0].contains("acc"), "no accuracy for regression: " + lines[0]);
        assertTrue(lines[0].matches(".*loss: \\d\\.\\d{3}e\\+\\d\\d.*"), "huge losses in scientific notation: " + lines[0]);
        assertFalse(h.toString().contains("accuracy"), h.toString());
    }

    @Test
    void builderTakesDoublesAndSummarises() {
        NetBuilder b = net(4).dense(3).leakyRelu(0.1).dropout(0.2).dense(2).softmax();
        assertTrue(b.summary().contains("leakyRelu(0.1)"), b.summary());
        assertTrue(b.summary().contains("dropout(0.2)"), b.summary());
    }

    @Test
    void divergingLossEarnsOneWarning() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Net n = net(2).dense(8).relu().dense(1).seed(2).build();
        Dataset d = Dataset.of(new float[][]{{1, 2}, {2, 1}, {3, 3}, {0, 1}}, new float[]{1, 2, 3, 4});
        try {
            n.fit(d, epochs(8).seed(1).batchSize(4).optimizer(sgd(0.3)).progress(ProgressBar.Mode.LINES)
                    .output(new PrintStream(buf, true, StandardCharsets.UTF_8)));
        } catch (TrainingDiverged expected) {
            // may reach inf before the end; the warning must come first either way
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(1, out.split("warning: the loss grew", -1).length - 1, out);
        assertTrue(out.contains("try a smaller learning rate than 0.3"), out);
    }

    @Test
    void aNetworkThatTookItsWidthFromItsFirstFitSaysSoWhenTheDataChanges() {
        var b = net().dense(4).tanh().dense(2).softmax().seed(1);
        b.fit(xor(), epochs(1).quiet());
        Dataset wide = Dataset.of(new float[20][784], new int[20]);
        var e = assertThrows(IllegalArgumentException.class, () -> b.fit(wide, epochs(1).quiet()));
        assertEquals("layer dense_1 (dense): expected 2 features, got 784. This network was built for 2 inputs by the first"
                + " data it saw (its first fit or predict), and its weights keep that width. For data with 784 features start"
                + " a new network: net(784)... with the same layers, or build() on the recipe (a NetBuilder), which makes a fresh one",
                e.getMessage());
        var p = assertThrows(IllegalArgumentException.class, () -> b.predict(wide.x()));
        assertTrue(p.getMessage().startsWith("layer dense_1 (dense): expected 2 features, got 784 (input shape [20, 784]). This network was built for 2 inputs"),
                p.getMessage());
        b.build().fit(wide, epochs(1).quiet()); // a fresh network from the same recipe takes the new width
        // a width given up front is the user's own: no story about a first fit
        var given = net(2).dense(2).softmax().build();
        var g = assertThrows(IllegalArgumentException.class, () -> given.fit(wide, epochs(1).quiet()));
        assertEquals("layer dense_1 (dense): expected 2 features, got 784", g.getMessage());
    }

    @Test
    void fitSaysWhichLossItChoseWhenItIsMeanSquaredError() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        var out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        net().dense(4).tanh().dense(1).sigmoid().seed(1).build()
                .fit(xor(), epochs(1).progress(ProgressBar.Mode.LINES).output(out));
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("loss: mean squared error, chosen by fit because the network does not end in softmax"
                + " (another: epochs(n).loss(Loss.CROSS_ENTROPY), or end the network with .softmax())\nEpoch 1/1"), text);
        buf.reset();
        net().dense(4).tanh().dense(2).softmax().seed(1).build()
                .fit(xor(), epochs(1).progress(ProgressBar.Mode.LINES).output(out));
        assertTrue(buf.toString(StandardCharsets.UTF_8).startsWith("Epoch 1/1"), "softmax cross-entropy goes without saying");
    }
}
