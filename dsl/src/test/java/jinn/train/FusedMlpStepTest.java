package jinn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import jinn.accel.Backend;
import jinn.accel.CpuBackend;
import jinn.accel.DenseChain;
import jinn.accel.TrainingStep;
import jinn.accel.UnaryOp;
import jinn.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The host's fused MLP step cut into shares of rows, one per thread (forward and backward per share, then
 * the updates over the whole batch), trains the very same weights as one share: every row's values
 * come from the same one-thread kernels in the same order. Only the loss is summed per share first,
 * so it may differ in its last bits.
 */
class FusedMlpStepTest {

    private static final int FEATURES = 256, CLASSES = 10, BATCH = 96;

    /** 256-64-10 with ReLU and a bias: 96 rows × 2·(256·64 + 64·10) multiply-adds is worth two shares of 48. */
    private static DenseChain spec() {
        return new DenseChain(new int[] {FEATURES, 64, CLASSES}, new UnaryOp[] {UnaryOp.RELU, UnaryOp.IDENTITY},
                new float[] {0f, 0f}, new boolean[] {true, true}, BATCH);
    }

    private static List<float[]> parameters(DenseChain spec, long seed) {
        Random r = new Random(seed);
        List<float[]> p = new ArrayList<>();
        for (int size : spec.parameterSizes()) {
            float[] v = new float[size];
            for (int i = 0; i < size; i++) v[i] = (r.nextFloat() - 0.5f) * 0.2f;
            p.add(v);
        }
        return p;
    }

    /** Tensors of the parameters' sizes: the optimizer's keys for their state (the step keeps the values). */
    static List<Tensor> keys(DenseChain spec) {
        List<Tensor> keys = new ArrayList<>();
        for (int size : spec.parameterSizes()) keys.add(Tensor.zeros(size));
        return keys;
    }

    /** Four steps (the last a short batch of 40 rows, one share); the parameters after, and the losses. */
    private static List<float[]> train(Backend backend, Supplier<Optimizer> optimizer, float[] losses) {
        return train(backend, optimizer, losses, false);
    }

    /**
     * The same, the batch handed over whole or, with {@code gathered}, gathered by the step from a
     * larger array (as the trainer hands it a data set's rows in shuffled order).
     */
    private static List<float[]> train(Backend backend, Supplier<Optimizer> optimizer, float[] losses, boolean gathered) {
        Random r = new Random(7);
        DenseChain spec = spec();
        List<float[]> params = parameters(spec, 5);
        try (TrainingStep step = new FusedMlpStep(backend, spec, (ElementwiseOptimizer) optimizer.get(), keys(spec))) {
            step.write(params, null);
            for (int s = 0; s < 4; s++) {
                int rows = s == 3 ? 40 : BATCH;
                float[] x = new float[rows * FEATURES];
                int[] y = new int[rows];
                for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
                for (int i = 0; i < rows; i++) y[i] = r.nextInt(CLASSES);
                if (gathered) {
                    // The batch's rows sit reversed in a bigger array; the step must gather row i from row rows-1-i.
                    float[] source = new float[(rows + 3) * FEATURES];
                    for (int i = 0; i < rows; i++) System.arraycopy(x, i * FEATURES, source, (rows - 1 - i) * FEATURES, FEATURES);
                    float[] into = new float[rows * FEATURES];
                    losses[s] = step.step((from, to, dst, off) -> {
                        for (int i = from; i < to; i++) System.arraycopy(source, (rows - 1 - i) * FEATURES, dst, off + (i - from) * FEATURES, FEATURES);
                    }, into, y, rows).loss();
                    assertArrayEquals(x, into, 0f, "the gathered batch");
                } else {
                    losses[s] = step.step(x, y, rows).loss();
                }
            }
            step.read(params, null);
        }
        return params;
    }

    /**
     * Plain SGD (its update folded into the gradient GEMM), momentum and Adam (each thread computes a
     * band of a weight gradient's rows and updates them: the first layer's 256 rows are two bands of 128).
     */
    @Test
    void sharesOfRowsTrainTheSameWeightsAsOneThread() {
        Map<String, Supplier<Optimizer>> optimizers = new LinkedHashMap<>();
        optimizers.put("sgd", () -> Optimizer.sgd(0.1f));
        optimizers.put("sgd with momentum", () -> Optimizer.sgd(0.1f, 0.9f));
        optimizers.put("adam", () -> Optimizer.adam(0.01f));
        for (var optimizer : optimizers.entrySet()) {
            float[] lossOne = new float[4], lossTwo = new float[4];
            List<float[]> one = train(new CpuBackend(1), optimizer.getValue(), lossOne);
            List<float[]> two = train(new CpuBackend(2), optimizer.getValue(), lossTwo);
            for (int i = 0; i < one.size(); i++) assertArrayEquals(one.get(i), two.get(i), 0f, "parameter " + i + ", " + optimizer.getKey());
            for (int s = 0; s < 4; s++) assertEquals(lossOne[s], lossTwo[s], 1e-6f * Math.abs(lossOne[s]), "loss of step " + s);
        }
    }

    @Test
    void aBatchGatheredByTheSharesTrainsAsOneHandedOverWhole() {
        float[] handed = new float[4], gathered = new float[4];
        List<float[]> whole = train(new CpuBackend(2), () -> Optimizer.sgd(0.1f), handed, false);
        List<float[]> byShares = train(new CpuBackend(2), () -> Optimizer.sgd(0.1f), gathered, true);
        for (int i = 0; i < whole.size(); i++) assertArrayEquals(whole.get(i), byShares.get(i), 0f, "parameter " + i);
        assertArrayEquals(handed, gathered, 0f, "losses");
    }

    @Test
    void aLabelOutsideTheClassesNamesItsRowBeforeAnythingChanges() {
        DenseChain spec = spec();
        List<float[]> before = parameters(spec, 5);
        try (TrainingStep step = new FusedMlpStep(new CpuBackend(2), spec, (ElementwiseOptimizer) Optimizer.sgd(0.1f), keys(spec))) {
            step.write(before, null);
            int[] y = new int[BATCH];
            y[70] = CLASSES; // in the second share
            var e = assertThrows(IllegalArgumentException.class, () -> step.step(new float[BATCH * FEATURES], y, BATCH));
            assertTrue(e.getMessage().contains("mlp step: label 10 at row 70 is out of range for 10 classes (valid: 0 to 9)"), e.getMessage());
            List<float[]> after = parameters(spec, 0);
            step.read(after, null);
            for (int i = 0; i < before.size(); i++) assertArrayEquals(before.get(i), after.get(i), 0f, "parameter " + i + " changed");
        }
    }
}
