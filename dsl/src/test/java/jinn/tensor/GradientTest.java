package jinn.tensor;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Finite-difference check of every differentiable op and loss. Values are float32, so the check
 * uses ε = 1e-2 (truncation ∝ ε² ≈ 1e-4, rounding ∝ 1e-7/ε ≈ 1e-5) and accepts an error of
 * 2e-3 (absolute for small gradients, relative for large ones). Inputs stay at least 0.1 away
 * from kinks (relu, abs, max ties) so the differences do not straddle them. Convolutions, whose
 * outputs sum tens of products, are weighted by a random tensor rather than squared: a sum of
 * squares of such values is large enough that its float rounding, divided by 2ε, would exceed the
 * tolerance.
 */
class GradientTest {
    static final double EPS = 1e-2, TOL = 2e-3;

    record Case(String name, Function<Tensor[], Tensor> f, int[][] shapes, boolean positive) {}

    static Tensor input(Random r, int[] shape, boolean positive) {
        Tensor t = Tensor.randn(r, shape);
        float[] d = t.data;
        for (int i = 0; i < d.length; i++) {
            float v = d[i];
            if (Math.abs(v) < 0.1f) v = v < 0 ? v - 0.1f : v + 0.1f;   // away from kinks
            d[i] = positive ? Math.abs(v) + 0.5f : v;
        }
        return t.requiresGrad(true);
    }

    static int[][] s(int[]... shapes) { return shapes; }
    static int[] d(int... dims) { return dims; }

    static List<Case> cases() {
        return List.of(
                new Case("add broadcast row", in -> in[0].add(in[1]).square().sum(), s(d(3, 4), d(4)), false),
                new Case("add broadcast column", in -> in[0].add(in[1]).square().sum(), s(d(3, 4), d(3, 1)), false),
                new Case("sub", in -> in[0].sub(in[1]).square().sum(), s(d(2, 3), d(2, 3)), false),
                new Case("mul broadcast", in -> in[0].mul(in[1]).sum(), s(d(2, 3, 4), d(3, 1)), false),
                new Case("div", in -> in[0].div(in[1]).sum(), s(d(2, 3), d(2, 3)), true),
                new Case("scalar ops", in -> in[0].mul(3f).add(2f).sub(1f).div(4f).square().sum(), s(d(5)), false),
                new Case("neg", in -> in[0].neg().mul(in[0]).sum(), s(d(4)), false),
                new Case("exp", in -> in[0].exp().sum(), s(d(2, 3)), false),
                new Case("log", in -> in[0].log().sum(), s(d(2, 3)), true),
                new Case("sqrt", in -> in[0].sqrt().sum(), s(d(2, 3)), true),
                new Case("pow", in -> in[0].pow(2.5f).sum(), s(d(2, 3)), true),
                new Case("abs", in -> in[0].abs().mul(in[0]).sum(), s(d(6)), false),
                new Case("sigmoid", in -> in[0].sigmoid().square().sum(), s(d(3, 3)), false),
                new Case("tanh", in -> in[0].tanh().square().sum(), s(d(3, 3)), false),
                new Case("relu", in -> in[0].relu().square().sum(), s(d(3, 3)), false),
                new Case("leakyRelu", in -> in[0].leakyRelu(0.1f).square().sum(), s(d(3, 3)), false),
                new Case("identity", in -> in[0].identity().square().sum(), s(d(3)), false),
                new Case("maximum", in -> in[0].maximum(in[1]).square().sum(), s(d(3, 3), d(3, 3)), false),
                new Case("sum axis", in -> in[0].sum(1, false).square().sum(), s(d(3, 4)), false),
                new Case("sum keepDims", in -> in[0].sum(0, true).square().sum(), s(d(3, 4)), false),
                new Case("mean", in -> in[0].mean(1).square().sum().add(in[0].mean().square()), s(d(3, 4)), false),
                new Case("max axis", in -> in[0].max(1).square().sum(), s(d(3, 4)), false),
                new Case("max all", in -> in[0].max().mul(in[0].sum()), s(d(3, 4)), false),
                new Case("matmul", in -> in[0].matmul(in[1]).square().sum(), s(d(3, 4), d(4, 2)), false),
                new Case("matmul transposed views", in -> in[0].T().matmul(in[1].T()).square().sum(), s(d(4, 3), d(2, 4)), false),
                new Case("matmul vector", in -> in[0].matmul(in[1]).square().sum(), s(d(4), d(4, 3)), false),
                new Case("matmul batched", in -> in[0].matmul(in[1]).square().sum(), s(d(2, 3, 4), d(4, 2)), false),
                new Case("linear", in -> in[0].linear(in[1], in[2]).square().sum(), s(d(3, 4), d(4, 2), d(2)), false),
                new Case("linear without bias, transposed weight", in -> in[0].linear(in[1].T(), null).square().sum(), s(d(3, 4), d(2, 4)), false),
                new Case("linear used twice (gradients add)", in -> in[0].linear(in[1], in[2]).add(in[0].linear(in[1], in[2]).mul(2f)).square().sum(),
                        s(d(2, 3), d(3, 2), d(2)), false),
                new Case("reshape", in -> in[0].reshape(4, 3).matmul(in[1]).sum(), s(d(3, 4), d(3, 2)), false),
                new Case("transpose", in -> in[0].transpose(0, 1).contiguous().mul(in[1]).sum(), s(d(3, 4), d(4, 3)), false),
                new Case("rows", in -> in[0].rows(1, 3).square().sum(), s(d(4, 2)), false),
                new Case("gather", in -> in[0].gather(new int[]{2, 0, 2}).square().sum(), s(d(3, 2)), false),
                new Case("concat", in -> Tensor.concat(1, in[0], in[1]).square().mul(Tensor.arange(6)).sum(), s(d(2, 2), d(2, 4)), false),
                new Case("softmax", in -> in[0].softmax().mul(Tensor.arange(4)).sum(), s(d(3, 4)), false),
                new Case("logSoftmax", in -> in[0].logSoftmax().mul(Tensor.arange(4)).sum(), s(d(3, 4)), false),
                new Case("mse", in -> in[0].mse(in[1]), s(d(3, 2), d(3, 2)), false),
                new Case("crossEntropy", in -> in[0].softmax().crossEntropy(Tensor.tensor(new double[][]{{0, 1, 0}, {1, 0, 0}})),
                        s(d(2, 3)), false),
                new Case("softmaxCrossEntropy", in -> in[0].softmaxCrossEntropy(new int[]{2, 0, 1}), s(d(3, 4)), false),
                new Case("softmaxCrossEntropy scaled", in -> in[0].softmaxCrossEntropy(new int[]{1, 1}).mul(3f), s(d(2, 5)), false),
                new Case("conv2d valid, bias", in -> in[0].conv2d(in[1], in[2], 1, "valid").mul(in[3]).sum(), s(d(2, 3, 5, 5), d(4, 3, 3, 3), d(4), d(2, 4, 3, 3)), false),
                new Case("conv2d same, stride 2", in -> in[0].conv2d(in[1], in[2], 2, "same").mul(in[3]).sum(), s(d(2, 2, 6, 5), d(3, 2, 3, 3), d(3), d(2, 3, 3, 3)), false),
                new Case("conv2d pad 1, 3x2 kernel, no bias", in -> in[0].conv2d(in[1], null, 1, 1).square().sum(), s(d(1, 2, 4, 4), d(2, 2, 3, 2)), false),
                // The fused conv and ReLU, where no output is near the kink (positive inputs and filters:
                // all pass; negated filters: all cut); ImageOpsTest pins a mixed mask against conv2d then relu bit for bit.
                new Case("conv2dRelu, all outputs positive", in -> in[0].conv2dRelu(in[1], in[2], 1, "valid").mul(in[3]).sum(), s(d(1, 1, 4, 4), d(2, 1, 2, 2), d(2), d(1, 2, 3, 3)), true),
                new Case("conv2dRelu pad 1, all outputs cut", in -> in[0].conv2dRelu(in[1].neg(), in[2].neg(), 1, 1).square().sum(), s(d(1, 2, 4, 4), d(2, 2, 3, 2), d(2)), true),
                new Case("conv2d of reshaped flat images", in -> in[0].reshape(2, 1, 4, 4).conv2d(in[1], null, 1, "valid").square().sum(),
                        s(d(2, 16), d(2, 1, 3, 3)), false),
                new Case("avgPool2d (odd width: last column dropped)", in -> in[0].avgPool2d(2, 2).mul(in[1]).sum(), s(d(2, 3, 4, 5), d(2, 3, 2, 2)), false),
                new Case("avgPool2d overlapping windows", in -> in[0].avgPool2d(3, 1).square().sum(), s(d(1, 2, 4, 4)), false),
                new Case("globalAvgPool", in -> in[0].globalAvgPool().mul(in[1]).sum(), s(d(2, 3, 4, 4), d(2, 3)), false),
                new Case("two-layer net", in -> in[0].matmul(in[1]).add(in[2]).sigmoid().matmul(in[3]).softmaxCrossEntropy(new int[]{0, 1}),
                        s(d(2, 3), d(3, 4), d(4), d(4, 2)), false));
    }

    @TestFactory
    Stream<DynamicTest> everyOpMatchesFiniteDifferences() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name, () -> {
            Random r = new Random(c.name.hashCode());
            Tensor[] inputs = new Tensor[c.shapes.length];
            for (int i = 0; i < inputs.length; i++) inputs[i] = input(r, c.shapes[i], c.positive);
            GradientCheck.Result res = GradientCheck.check(c.f, EPS, inputs);
            assertTrue(res.passes(TOL), c.name + ": " + res);
            assertTrue(res.input() >= 0, "checked at least one value");
        }));
    }

    /**
     * Max pooling's gradient flows to each window's largest value, so the check needs inputs whose
     * values in a window differ by more than 2ε: a shuffled ramp with steps of 0.05.
     */
    @Test
    void maxPoolMatchesFiniteDifferences() {
        for (int[] sizeStride : new int[][]{{2, 2}, {3, 2}, {2, 1}}) {
            Random r = new Random(sizeStride[0] * 10 + sizeStride[1]);
            int n = 2 * 3 * 5 * 6;
            float[] v = new float[n];
            for (int i = 0; i < n; i++) v[i] = (i - n / 2) * 0.05f;
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                float t = v[i]; v[i] = v[j]; v[j] = t;
            }
            Tensor x = Tensor.of(v, 2, 3, 5, 6).requiresGrad(true);
            Tensor y = x.maxPool2d(sizeStride[0], sizeStride[1]);
            Tensor weights = input(r, y.shape(), false);
            var res = GradientCheck.check(in -> in[0].maxPool2d(sizeStride[0], sizeStride[1]).mul(weights).sum(), EPS, x);
            assertTrue(res.passes(TOL), "maxPool2d " + java.util.Arrays.toString(sizeStride) + ": " + res);
        }
    }

    /**
     * The convolution, ReLU and 2×2 max pooling in one op, where the check can see them: 1×1 filters
     * (one of each sign) over a shuffled ramp whose values differ by 0.1 and keep 0.05 from 0, so a
     * nudge of ε moves no value past its window's maximum or past ReLU's kink; the last row (odd
     * height) drops.
     */
    @Test
    void conv2dReluMaxPoolMatchesFiniteDifferences() {
        Random r = new Random(21);
        int n = 2 * 1 * 5 * 6;
        // The ramp's four most negative values make the first image's first window (pixels 0, 1, 6, 7),
        // all cut by ReLU under the first filter; the rest go elsewhere, shuffled.
        java.util.List<Integer> others = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) if (i != 0 && i != 1 && i != 6 && i != 7) others.add(i);
        java.util.Collections.shuffle(others, r);
        int[] place = new int[n];
        place[0] = 0; place[1] = 1; place[2] = 6; place[3] = 7;
        for (int i = 4; i < n; i++) place[i] = others.get(i - 4);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[place[i]] = (i - n / 2 + 0.5f) * 0.1f;
        Tensor x = Tensor.of(v, 2, 1, 5, 6).requiresGrad(true);
        Tensor w = Tensor.of(new float[]{1f, -0.7f}, 2, 1, 1, 1).requiresGrad(true), b = Tensor.zeros(2).requiresGrad(true);
        Tensor weights = input(r, new int[]{2, 2, 2, 3}, false);
        var res = GradientCheck.check(in -> in[0].conv2dReluMaxPool(in[1], in[2], 1, "valid").mul(weights).sum(), EPS, x, w, b);
        assertTrue(res.passes(TOL), "conv2dReluMaxPool: " + res);
        float[] y = x.conv2dReluMaxPool(w, b, 1, "valid").toArray();
        assertTrue(java.util.stream.IntStream.range(0, y.length).anyMatch(i -> y[i] == 0f), "some windows all cut by ReLU");
    }

    @Test
    void theCheckCatchesAWrongGradient() {
        // A deliberately wrong "gradient": detach() hides x from autograd, so the analytic grad is 0.
        Tensor x = input(new Random(3), new int[]{3}, false);
        var res = GradientCheck.check(in -> in[0].mul(in[0].detach()).sum(), EPS, x);
        assertFalse(res.passes(TOL), "x·detach(x) has true gradient 2x but autograd sees x: " + res);
    }

    @Test
    void gradientsAccumulateAcrossBackwardCalls() {
        Tensor x = Tensor.tensor(new double[]{1, 2}).requiresGrad(true);
        x.mul(3f).sum().backward();
        x.mul(3f).sum().backward();
        assertArrayEquals(new float[]{6, 6}, x.grad().toArray());
        x.zeroGrad();
        assertNull(x.grad());
    }

    @Test
    void stepHasNoGradientAndSaysSo() {
        Tensor x = Tensor.tensor(new double[]{-1, 2}).requiresGrad(true);
        var e = assertThrows(IllegalStateException.class, () -> x.step().sum().backward());
        assertTrue(e.getMessage().contains("step function has no gradient"), e.getMessage());
    }

    @Test
    void graphIsFreedAfterBackward() {
        Tensor w = Tensor.tensor(new double[]{1, 2}).requiresGrad(true);
        Tensor h = w.mul(2f);
        Tensor loss = h.sum();
        loss.backward();
        assertNull(h.op(), "intermediate result dropped its node");
        var e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("freed"), e.getMessage());
    }

    @Test
    void noGradBuildsNoGraph() {
        Tensor w = Tensor.tensor(new double[]{1, 2}).requiresGrad(true);
        Tensor y;
        try (var g = Tensor.noGrad()) {
            y = w.mul(2f).sum();
        }
        assertNull(y.op());
        assertTrue(Tensor.isGradEnabled());
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("requiresGrad(true)"), e.getMessage());
    }

    @Test
    void backwardNeedsAScalar() {
        Tensor w = Tensor.tensor(new double[]{1, 2}).requiresGrad(true);
        var e = assertThrows(IllegalStateException.class, () -> w.mul(2f).backward());
        assertEquals("backward: needs a scalar (one value) to start from, got shape [2]; reduce it first, e.g. loss.sum() or loss.mean()",
                e.getMessage());
    }
}
