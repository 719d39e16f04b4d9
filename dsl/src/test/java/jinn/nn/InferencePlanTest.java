package jinn.nn;

import static jinn.Jinn.net;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import jinn.accel.Backend;
import jinn.accel.Backends;
import jinn.accel.CpuBackend;
import jinn.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Inference without a graph runs through {@link InferencePlan}; these pin that it gives exactly what
 * the layers give one by one (the same kernels in the same order), and that it steps aside when it
 * cannot.
 */
class InferencePlanTest {

    /** Each layer's own forward, in order, under noGrad: what the plan must reproduce. */
    private static Tensor layerByLayer(Net net, Tensor x, boolean logits) {
        try (var g = Tensor.noGrad()) {
            Tensor h = x;
            int end = net.layers().size() - (logits && net.endsWithSoftmax() ? 1 : 0);
            for (int i = 0; i < end; i++) h = net.layers().get(i).forward(h, false);
            return h;
        }
    }

    /** Random weights and biases, so a bias that went missing or a transposed weight would show. */
    private static Net randomized(NetBuilder b, int inputs, long seed) {
        Net net = b.build();
        net.predict(Tensor.zeros(1, inputs)); // builds the layers
        Random r = new Random(seed);
        for (Layer l : net.layers()) {
            if (!(l instanceof Dense d)) continue;
            float[][] w = new float[d.inputs()][d.units()];
            for (float[] row : w) for (int j = 0; j < row.length; j++) row[j] = (float) r.nextGaussian() * 0.3f;
            float[] bias = null;
            if (d.hasBias()) {
                bias = new float[d.units()];
                for (int j = 0; j < bias.length; j++) bias[j] = (float) r.nextGaussian();
            }
            d.setWeights(w, bias);
        }
        return net;
    }

    private static void assertSameAsLayers(Net net, Tensor x) {
        assertNotNull(InferencePlan.of(net.layers()), "this stack should have a plan");
        Tensor expected = layerByLayer(net, x, false);
        Tensor got = net.predict(x);
        assertArrayEquals(expected.shape(), got.shape());
        assertArrayEquals(expected.toArray(), got.toArray(), 0f, "plan against layer by layer");
        try (var g = Tensor.noGrad()) {
            assertArrayEquals(layerByLayer(net, x, true).toArray(), net.forward(x, false, true).toArray(), 0f, "logits");
        }
    }

    @Test
    void mnistShapedNetGivesExactlyTheLayersValues() {
        Net net = randomized(net(784).dense(256).relu().dense(128).relu().dense(10).softmax(), 784, 1);
        assertSameAsLayers(net, Tensor.rand(new Random(2), 128, 784));
    }

    @Test
    void sharesOfABatchOnTwoThreadsGiveExactlyWhatOneThreadGives() {
        Net net = randomized(net(784).dense(256).relu().dense(128).relu().dense(10).softmax(), 784, 19);
        Tensor x = Tensor.rand(new Random(20), 200, 784);
        Backend before = Backends.current();
        try {
            Backends.use(new CpuBackend(1));
            float[] one = net.predict(x).toArray();
            Backends.use(new CpuBackend(2)); // 200 rows of ~235k multiply-adds: two shares of rows
            assertArrayEquals(one, net.predict(x).toArray(), 0f);
            assertSameAsLayers(net, x);
        } finally {
            Backends.use(before);
        }
    }

    @Test
    void everyActivationDropoutFlattenAndLayersWithoutBias() {
        Net net = randomized(net(12).flatten().dense(9).leakyRelu(0.2).dropout(0.5).dense(8, false).sigmoid()
                .dense(7).tanh().dense(6).step().dense(5).identity().dense(4).softmax().dense(3), 12, 3);
        assertSameAsLayers(net, Tensor.randn(new Random(4), 37, 12));
    }

    @Test
    void logitsLeaveOutOnlyALastLayerThatIsSoftmax() {
        // Softmax followed by dropout: the network does not end in softmax, so logits keep it.
        assertSameAsLayers(randomized(net(6).dense(5).relu().dense(4).softmax().dropout(0.5), 6, 21), Tensor.randn(new Random(22), 9, 6));
    }

    @Test
    void inputsLongerThanOneChunkRunInChunksWithTheSameValues() {
        Net net = randomized(net(20).dense(16).relu().dense(3).softmax(), 20, 5);
        int rows = 2 * InferencePlan.CHUNK_ROWS + 37;
        assertSameAsLayers(net, Tensor.randn(new Random(6), rows, 20));
    }

    @Test
    void aStridedInputIsReadAsItsValues() {
        Net net = randomized(net(6).dense(5).relu().dense(4), 6, 7);
        Tensor x = Tensor.randn(new Random(8), 6, 9).transpose(); // 9×6, not contiguous
        assertFalse(x.isContiguous());
        assertArrayEquals(layerByLayer(net, x.contiguous(), false).toArray(), net.predict(x).toArray(), 0f);
    }

    @Test
    void resultsDoNotShareTheBuffersOfLaterCalls() {
        Net net = randomized(net(8).dense(16).relu().dense(4), 8, 9);
        Tensor first = net.predict(Tensor.randn(new Random(10), 5, 8));
        float[] before = first.toArray();
        net.predict(Tensor.randn(new Random(11), 5, 8));
        assertArrayEquals(before, first.toArray(), 0f, "a later predict changed an earlier result");
    }

    @Test
    void newWeightsAreUsedByTheNextPrediction() {
        Net net = randomized(net(4).dense(3).relu().dense(2), 4, 12);
        Tensor x = Tensor.randn(new Random(13), 3, 4);
        float[] before = net.predict(x).toArray();
        Dense last = (Dense) net.layers().get(2);
        last.setWeights(new float[][]{{1, 0}, {0, 1}, {1, 1}}, new float[]{5, -5});
        float[] after = net.predict(x).toArray();
        assertArrayEquals(layerByLayer(net, x, false).toArray(), after, 0f);
        assertNotEquals(before[0], after[0]);
    }

    @Test
    void stacksItCannotRunGoLayerByLayer() {
        Net startsWithActivation = net(3).relu().dense(2).build();
        assertNull(InferencePlan.of(startsWithActivation.layers()));
        Tensor x = Tensor.randn(new Random(14), 4, 3);
        assertArrayEquals(layerByLayer(startsWithActivation, x, false).toArray(), startsWithActivation.predict(x).toArray(), 0f);
        // Images [n, 2, 3] into flatten: the plan takes rows only, so the layers run.
        Net images = net().flatten().dense(2).relu().build();
        Tensor cube = Tensor.randn(new Random(16), 5, 2, 3);
        assertArrayEquals(layerByLayer(images, cube, false).toArray(), images.predict(cube).toArray(), 0f);
        assertArrayEquals(new int[]{5, 2}, images.predict(cube).shape());
    }

    @Test
    void aWrongWidthStillGetsTheLayersError() {
        Net net = net(5).dense(3).relu().dense(2).build();
        net.predict(Tensor.zeros(1, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.predict(Tensor.zeros(2, 4)));
        assertTrue(e.getMessage().contains("expected 5 features, got 4"), e.getMessage());
    }

    @Test
    void withGradientsOnTheForwardPassStillRecordsTheGraph() {
        Net net = randomized(net(4).dense(3).relu().dense(2), 4, 17);
        Tensor out = net.forward(Tensor.randn(new Random(18), 3, 4));
        out.sum().backward();
        Dense first = (Dense) net.layers().get(0);
        assertNotNull(first.weight().grad(), "the first layer's weight got no gradient");
    }
}
