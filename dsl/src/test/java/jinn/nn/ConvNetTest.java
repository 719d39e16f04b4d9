package jinn.nn;

import jinn.io.ModelFileException;
import jinn.io.SafeTensors;
import jinn.io.ShapedArray;
import jinn.tensor.GradientCheck;
import jinn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Random;

import static jinn.Jinn.*;
import static org.junit.jupiter.api.Assertions.*;

/** Convolutional layers in networks: shapes, summaries, errors, batch normalisation, model files. */
class ConvNetTest {
    @TempDir Path dir;

    @Test
    void theIssuesNetworkSummarisesEveryLayersShapeAndParameters() {
        Net n = net(1, 28, 28).conv(32, 3).relu().maxPool(2).conv(64, 3).relu().maxPool(2).flatten()
                .dense(128).relu().dense(10).softmax().seed(1).build();
        String s = n.summary();
        assertEquals("""
                layer        type                      output shape          params
                -------------------------------------------------------------------
                input                                  [batch, 1, 28, 28]
                conv2d_1     conv2d(32, 3×3, init=he)  [batch, 32, 26, 26]      320
                relu_1       relu                      [batch, 32, 26, 26]        0
                maxPool2d_1  maxPool2d(2)              [batch, 32, 13, 13]        0
                conv2d_2     conv2d(64, 3×3, init=he)  [batch, 64, 11, 11]   18,496
                relu_2       relu                      [batch, 64, 11, 11]        0
                maxPool2d_2  maxPool2d(2)              [batch, 64, 5, 5]          0
                flatten_1    flatten                   [batch, 1600]              0
                dense_1      dense(128, init=he)       [batch, 128]         204,928
                relu_3       relu                      [batch, 128]               0
                dense_2      dense(10, init=xavier)    [batch, 10]            1,290
                softmax_1    softmax                   [batch, 10]                0
                -------------------------------------------------------------------
                total params: 225,034""", s);
        assertEquals(225_034, n.parameterCount());
        assertArrayEquals(new int[]{10}, n.outputShape());
        assertEquals(10, n.outputWidth());
        // Multiply-adds: 26·26·32·9 + 11·11·64·288 + 1600·128 + 128·10.
        assertEquals(26L * 26 * 32 * 9 + 11L * 11 * 64 * 288 + 1600L * 128 + 1280, n.flops());
    }

    @Test
    void rowsOfPixelsFeedAnImageNetworkAsAView() {
        Net n = net(1, 6, 6).conv(2, 3).relu().flatten().dense(3).softmax().seed(2).build();
        Tensor rows = Tensor.randn(new Random(1), 4, 36);
        Tensor images = rows.reshape(4, 1, 6, 6);
        assertArrayEquals(n.predict(images).toArray(), n.predict(rows).toArray());
        var e = assertThrows(IllegalArgumentException.class, () -> n.predict(Tensor.zeros(4, 35)));
        assertEquals("layer conv2d_1: expected samples of shape [1, 6, 6], got input of shape [4, 35]", e.getMessage());
    }

    /**
     * A conv layer followed by relu runs as one op (conv2dRelu) in training and in prediction, with
     * the output the two layers give one at a time (layer by layer, as activations() runs them); a
     * conv followed by another activation runs as two.
     */
    @Test
    void aConvolutionFollowedByReluRunsAsOneOp() {
        Net n = net(1, 6, 6).conv(2, 3).relu().conv(2, 3).tanh().flatten().dense(3).softmax().seed(2).build();
        Tensor x = Tensor.randn(new Random(1), 4, 1, 6, 6);
        Tensor out = n.forward(x, true, false);
        java.util.List<String> ops = new java.util.ArrayList<>();
        java.util.ArrayDeque<Tensor> todo = new java.util.ArrayDeque<>(java.util.List.of(out));
        java.util.Set<Tensor> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Tensor t = todo.pop();
            if (!seen.add(t) || t.op() == null) continue;
            ops.add(t.op());
            todo.addAll(t.inputs());
        }
        assertTrue(ops.contains("conv2d+relu"), ops.toString());
        assertEquals(1, ops.stream().filter(o -> o.equals("conv2d")).count(), ops.toString());
        assertFalse(ops.contains("relu"), ops.toString());
        Tensor h = x;
        for (int i = 0; i < n.layers().size(); i++) h = n.layer(i).forward(h, false);
        assertArrayEquals(h.toArray(), n.forward(x).toArray());
    }

    @Test
    void shapeErrorsNameTheLayerWhatItExpectsAndWhatItGot() {
        var e = assertThrows(IllegalArgumentException.class, () -> net(784).conv(8, 3).build());
        assertEquals("layer conv2d_1 (conv2d): expects inputs of shape [channels, height, width], got [784]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net(1, 4, 4).conv(8, 5).build());
        assertEquals("layer conv2d_1 (conv2d): a 5×5 kernel does not fit in images of 4×4 with padding valid; "
                + "use padding \"same\" or a smaller kernel", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net(1, 28, 28).conv(8, 3).dense(10).build());
        assertEquals("layer dense_1 (dense): expects inputs of shape [features], got [8, 26, 26]; add flatten() before it", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net(3, 5, 5).maxPool(6).build());
        assertEquals("layer maxPool2d_1 (maxPool2d): a 6×6 window does not fit in images of 5×5 (input shape [3, 5, 5])", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net(10).reshape(3, 3).build());
        assertEquals("layer reshape_1 (reshape): cannot give samples of shape [10] (10 values) the shape [3, 3] (9 values)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net().conv(8, 3, 1, "full"));
        assertEquals("conv: padding must be \"valid\" or \"same\" (or a number of pixels), got \"full\"", e.getMessage());
        Net built = net(2, 5, 5).conv(4, 3).build();
        e = assertThrows(IllegalArgumentException.class, () -> built.layer(0).forward(Tensor.zeros(1, 3, 5, 5), false));
        assertEquals("layer conv2d_1 (conv2d): expects inputs of shape [2, height, width], got [3, 5, 5]", e.getMessage());
    }

    @Test
    void paddingAndStrideShapes() {
        assertArrayEquals(new int[]{4, 28, 28}, net(1, 28, 28).conv(4, 3, 1, "same").build().outputShape());
        assertArrayEquals(new int[]{4, 14, 14}, net(1, 28, 28).conv(4, 3, 2, "same").build().outputShape());
        assertArrayEquals(new int[]{4, 13, 13}, net(1, 28, 28).conv(4, 3, 2, "valid").build().outputShape());
        assertArrayEquals(new int[]{4, 30, 30}, net(1, 28, 28).conv(4, 3, 1, 2).build().outputShape());
        assertArrayEquals(new int[]{1, 9, 9}, net(1, 28, 28).avgPool(3).build().outputShape());
        assertArrayEquals(new int[]{1, 26, 26}, net(1, 28, 28).maxPool(3, 1).build().outputShape());
        assertArrayEquals(new int[]{5}, net(5, 7, 7).globalAvgPool().build().outputShape());
        // The layer's forward gives the shape it announces.
        Net n = net(1, 9, 8).conv(3, 3, 2, "same").build();
        assertArrayEquals(new int[]{2, 3, 5, 4}, n.predict(Tensor.zeros(2, 1, 9, 8)).shape());
    }

    /** Training uses the batch's statistics, inference the running ones; the gradient through the batch statistics is checked. */
    @Test
    void batchNormalisation() {
        Net n = net(2, 3, 3).batchNorm().build();
        BatchNorm bn = (BatchNorm) n.layer(0);
        Random r = new Random(3);
        Tensor x = Tensor.randn(r, 4, 2, 3, 3).mul(2f).add(5f);
        Tensor y = bn.forward(x, true);
        // Per channel over batch and pixels: mean 0, variance 1 (less the ε).
        for (int c = 0; c < 2; c++) {
            double s = 0, ss = 0;
            for (int i = 0; i < 4; i++) for (int p = 0; p < 9; p++) { double v = y.get(i, c, p / 3, p % 3); s += v; ss += v * v; }
            assertEquals(0, s / 36, 1e-5);
            assertEquals(1, ss / 36, 1e-3);
        }
        // Running statistics: 0.9 · (0, 1) + 0.1 · (batch mean, unbiased batch variance).
        double mean0 = 0, var0 = 0;
        for (int i = 0; i < 4; i++) for (int p = 0; p < 9; p++) mean0 += x.get(i, 0, p / 3, p % 3);
        mean0 /= 36;
        for (int i = 0; i < 4; i++) for (int p = 0; p < 9; p++) var0 += Math.pow(x.get(i, 0, p / 3, p % 3) - mean0, 2);
        var0 /= 35;
        assertEquals(0.1 * mean0, bn.runningMean().get(0), 1e-5);
        assertEquals(0.9 + 0.1 * var0, bn.runningVar().get(0), 1e-4);
        // Inference: (x − running mean) / √(running var + ε), one sample alone gives the same as in a batch.
        Tensor one = x.rows(0, 1);
        float want = (float) ((x.get(0, 0, 1, 1) - bn.runningMean().get(0)) / Math.sqrt(bn.runningVar().get(0) + 1e-5));
        assertEquals(want, n.predict(one).get(0, 0, 1, 1), 1e-5);
        assertEquals(n.predict(x).get(0, 0, 1, 1), n.predict(one).get(0, 0, 1, 1), 1e-6);

        // Finite differences through the batch statistics, for the input, gamma and beta (vectors and images).
        for (int[] shape : new int[][]{{5, 3}, {3, 2, 3, 3}}) {
            Net m = net(java.util.Arrays.copyOfRange(shape, 1, shape.length)).batchNorm().build();
            BatchNorm b = (BatchNorm) m.layer(0);
            Tensor in = Tensor.randn(new Random(4), shape).requiresGrad(true);
            Tensor weights = Tensor.randn(new Random(5), shape);
            Tensor gamma = b.parameters().get(0), beta = b.parameters().get(1);
            gamma.data()[0] = 1.5f;
            beta.data()[1] = -0.5f;
            var res = GradientCheck.check(t -> b.forward(t[0], true).mul(weights).sum(), 1e-2, in, gamma, beta);
            assertTrue(res.passes(2e-3), "batchNorm " + java.util.Arrays.toString(shape) + ": " + res);
        }
    }

    /** Every layer kind in one network: a saved and loaded copy predicts the same and prints the same. */
    @Test
    void modelFilesRoundTripEveryLayerKind() {
        Net n = net(1, 10, 10).conv(4, 3, 1, "same").batchNorm().relu().maxPool(2).conv(6, 3, 1, 1).avgPool(2, 1)
                .conv(3, 2, 2, "valid").globalAvgPool().dropout(0.1).dense(5).leakyRelu(0.2).reshape(5, 1).flatten()
                .dense(3).softmax().seed(6).build();
        // Train a step so that batch normalisation's running statistics are not their initial values.
        Tensor x = Tensor.randn(new Random(7), 8, 100);
        n.fit(jinn.data.Dataset.of(x, new int[]{0, 1, 2, 0, 1, 2, 0, 1}), epochs(2).batchSize(4).quiet().seed(1));
        Path f = dir.resolve("cnn.safetensors");
        n.save(f);
        Net m = Net.load(f);
        assertArrayEquals(n.predict(x).toArray(), m.predict(x).toArray());
        assertEquals(n.summary(), m.summary());
        BatchNorm bn = (BatchNorm) m.layer(1);
        assertArrayEquals(((BatchNorm) n.layer(1)).runningVar().toArray(), bn.runningVar().toArray());
        assertNotEquals(1f, bn.runningVar().get(0));
    }

    @Test
    void aFileWhoseShapesLieIsRefused() throws Exception {
        Net n = net(1, 6, 6).conv(4, 3).relu().flatten().dense(2).softmax().seed(1).build();
        Path f = dir.resolve("m.safetensors");
        n.save(f);
        SafeTensors st = SafeTensors.read(f);
        var tensors = new LinkedHashMap<>(st.tensors());
        tensors.put("conv2d_1.weight", new ShapedArray(new int[]{4, 1, 3, 2}, new float[24]));
        Path bad = dir.resolve("bad.safetensors");
        new SafeTensors(tensors, st.metadata()).write(bad);
        var e = assertThrows(ModelFileException.class, () -> Net.load(bad));
        assertEquals(bad + ": tensor 'conv2d_1.weight' has shape [4, 1, 3, 2] but layer conv2d_1 (conv2d) expects [4, 1, 3, 3]", e.getMessage());
        // The dense layer after it: the flattened conv output is 4·4·4 = 64 wide, whatever the file says.
        tensors = new LinkedHashMap<>(st.tensors());
        tensors.put("dense_1.weight", new ShapedArray(new int[]{63, 2}, new float[126]));
        new SafeTensors(tensors, st.metadata()).write(bad);
        e = assertThrows(ModelFileException.class, () -> Net.load(bad));
        assertEquals(bad + ": tensor 'dense_1.weight' has shape [63, 2] but layer dense_1 (dense) expects [64, 2]", e.getMessage());
        // A kernel that no longer fits the declared input.
        var meta = new LinkedHashMap<>(st.metadata());
        meta.put("input", "[1, 2, 2]");
        new SafeTensors(st.tensors(), meta).write(bad);
        e = assertThrows(ModelFileException.class, () -> Net.load(bad));
        assertTrue(e.getMessage().startsWith(bad + ": layer conv2d_1 (conv2d): a 3×3 kernel does not fit in images of 2×2"), e.getMessage());
    }

    /**
     * Same seeds, same weights: the convolution's GEMMs split their output, never their sums, and
     * im2col, col2im and pooling split images, so no value depends on the thread count or timing.
     */
    @Test
    void trainingIsReproducibleWithSeeds() {
        Tensor x = Tensor.rand(new Random(8), 96, 64);
        int[] labels = new int[96];
        for (int i = 0; i < labels.length; i++) labels[i] = i % 3;
        var data = jinn.data.Dataset.of(x, labels);
        float[] first = null;
        for (int run = 0; run < 3; run++) {
            Net n = net(1, 8, 8).conv(4, 3, 1, "same").batchNorm().relu().maxPool(2).conv(6, 3).relu().flatten()
                    .dense(3).softmax().seed(3).build();
            n.fit(data, epochs(2).batchSize(32).optimizer(adam(0.01)).seed(3).quiet());
            float[] w = ((Conv2d) n.layer(0)).weight().toArray();
            if (first == null) first = w;
            else assertArrayEquals(first, w, "run " + run + " trained to different weights");
        }
    }

    @Test
    void initAppliesToTheLastConvolutionAndWeightsOnlyToDenseLayers() {
        Net n = net(1, 5, 5).conv(2, 3).init(Init.zeros()).relu().build();
        assertArrayEquals(new float[2 * 9], ((Conv2d) n.layer(0)).weight().toArray());
        var e = assertThrows(IllegalStateException.class,
                () -> net(1, 5, 5).conv(2, 3).weights(new float[][]{{1}}, null).build());
        assertEquals("weights: sets the weights of a dense layer as [inputs][units], but the layer before it is conv2d", e.getMessage());
    }
}
