package jinn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import jinn.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer's update against its formula computed in double precision over three steps, for a
 * parameter of its own and for one that is a view into a larger buffer (updated in place, its
 * neighbours untouched).
 */
class OptimizerStepTest {

    private static final float LR = 0.01f, B1 = 0.9f, B2 = 0.999f, EPS = 1e-8f, MOMENTUM = 0.9f;

    private static final float[] W0 = {0.5f, -1f, 2f, 0f, 3f, -0.25f, 1e-3f, 7f, -4f, 0.1f};
    private static final float[][] GRADS = {
            {0.1f, -0.2f, 3f, 0f, -1e-4f, 5f, 0.3f, -0.3f, 2f, -7f},
            {-0.2f, -0.1f, 1f, 0.5f, 1e-4f, -5f, 0.3f, 0.1f, 2f, 0f},
            {0.05f, 0.4f, -2f, 0.5f, 0f, 1f, -0.3f, 0.2f, -1f, 3f},
    };

    /** Adam with bias correction, in doubles. */
    private static double[] adam() {
        int n = W0.length;
        double[] w = new double[n], m = new double[n], v = new double[n];
        for (int i = 0; i < n; i++) w[i] = W0[i];
        for (int t = 1; t <= GRADS.length; t++) {
            for (int i = 0; i < n; i++) {
                double g = GRADS[t - 1][i];
                m[i] = B1 * m[i] + (1 - B1) * g;
                v[i] = B2 * v[i] + (1 - B2) * g * g;
                double mh = m[i] / (1 - Math.pow(B1, t)), vh = v[i] / (1 - Math.pow(B2, t));
                w[i] -= LR * mh / (Math.sqrt(vh) + EPS);
            }
        }
        return w;
    }

    /** SGD with momentum (v ← μ·v − lr·g; w ← w + v), in doubles; μ = 0 is plain SGD. */
    private static double[] sgd(double mu) {
        int n = W0.length;
        double[] w = new double[n], v = new double[n];
        for (int i = 0; i < n; i++) w[i] = W0[i];
        for (float[] g : GRADS) {
            for (int i = 0; i < n; i++) {
                v[i] = mu * v[i] - LR * g[i];
                w[i] += v[i];
            }
        }
        return w;
    }

    /**
     * The parameter's values after the optimizer's three steps; with {@code view}, the parameter is
     * a window at offset 3 of a buffer whose other values must stay 42.
     */
    private static float[] stepped(Optimizer opt, boolean view) {
        float[] buffer = new float[W0.length + 5];
        Arrays.fill(buffer, 42f);
        int at = view ? 3 : 0;
        System.arraycopy(W0, 0, buffer, at, W0.length);
        Tensor p = view
                ? Tensor.of(buffer, buffer.length).rows(at, at + W0.length).detach().requiresGrad(true)
                : Tensor.of(Arrays.copyOf(buffer, W0.length), W0.length).requiresGrad(true);
        for (float[] g : GRADS) {
            p.zeroGrad();
            p.mul(Tensor.of(g.clone(), g.length)).sum().backward(); // d/dp Σ p·g = g
            opt.step(List.of(p));
        }
        if (!view) return p.toArray();
        assertArrayEquals(new float[] {42f, 42f, 42f}, Arrays.copyOfRange(buffer, 0, at), 0f, "values before the view");
        assertArrayEquals(new float[] {42f, 42f}, Arrays.copyOfRange(buffer, at + W0.length, buffer.length), 0f, "values after it");
        return Arrays.copyOfRange(buffer, at, at + W0.length);
    }

    private static void assertFollows(double[] expected, float[] got, String what) {
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], 1e-6 * Math.max(1, Math.abs(expected[i])), what + ": w[" + i + "]");
        }
    }

    @Test
    void adamFollowsTheFormula() {
        for (boolean view : new boolean[] {false, true}) assertFollows(adam(), stepped(Optimizer.adam(LR), view), "adam, view " + view);
    }

    @Test
    void sgdWithAndWithoutMomentumFollowsTheFormula() {
        for (boolean view : new boolean[] {false, true}) {
            assertFollows(sgd(0), stepped(Optimizer.sgd(LR), view), "sgd, view " + view);
            assertFollows(sgd(MOMENTUM), stepped(Optimizer.sgd(LR, MOMENTUM), view), "sgd momentum, view " + view);
        }
    }
}
