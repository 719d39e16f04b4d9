package jinn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import jinn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Each optimizer's update against its formula computed in double precision over three steps (as
 * PyTorch documents SGD, Adam, AdamW and RMSprop, written out here, not by calling jinn), for a
 * parameter of its own and for one that is a view into a larger buffer (updated in place, its
 * neighbours untouched).
 */
class OptimizerStepTest {

    private static final float LR = 0.01f, B1 = 0.9f, B2 = 0.999f, EPS = 1e-8f, MOMENTUM = 0.9f, DECAY = 0.05f, ALPHA = 0.99f;

    private static final float[] W0 = {0.5f, -1f, 2f, 0f, 3f, -0.25f, 1e-3f, 7f, -4f, 0.1f};
    private static final float[][] GRADS = {
            {0.1f, -0.2f, 3f, 0f, -1e-4f, 5f, 0.3f, -0.3f, 2f, -7f},
            {-0.2f, -0.1f, 1f, 0.5f, 1e-4f, -5f, 0.3f, 0.1f, 2f, 0f},
            {0.05f, 0.4f, -2f, 0.5f, 0f, 1f, -0.3f, 0.2f, -1f, 3f},
    };

    /** Adam with bias correction, in doubles. */
    private static double[] adam() {
        return adamw(0);
    }

    /** AdamW as PyTorch's AdamW documents it: w ← w − lr·wd·w, then the Adam step; in doubles. */
    private static double[] adamw(double wd) {
        int n = W0.length;
        double[] w = new double[n], m = new double[n], v = new double[n];
        for (int i = 0; i < n; i++) w[i] = W0[i];
        for (int t = 1; t <= GRADS.length; t++) {
            for (int i = 0; i < n; i++) {
                double g = GRADS[t - 1][i];
                w[i] -= LR * wd * w[i];
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
        return sgd(mu, 0);
    }

    /** The same with PyTorch's weight decay: g ← g + wd·w first. */
    private static double[] sgd(double mu, double wd) {
        int n = W0.length;
        double[] w = new double[n], v = new double[n];
        for (int i = 0; i < n; i++) w[i] = W0[i];
        for (float[] g : GRADS) {
            for (int i = 0; i < n; i++) {
                double gi = g[i] + wd * w[i];
                v[i] = mu * v[i] - LR * gi;
                w[i] += v[i];
            }
        }
        return w;
    }

    /**
     * RMSprop as PyTorch's documentation writes it (not centred, no decay): v ← α·v + (1 − α)·g²;
     * with momentum b ← μ·b + g/(√v + ε), w ← w − lr·b; without, w ← w − lr·g/(√v + ε). In doubles.
     */
    private static double[] rmsprop(double mu) {
        int n = W0.length;
        double[] w = new double[n], v = new double[n], b = new double[n];
        for (int i = 0; i < n; i++) w[i] = W0[i];
        for (float[] g : GRADS) {
            for (int i = 0; i < n; i++) {
                v[i] = ALPHA * v[i] + (1 - ALPHA) * g[i] * g[i];
                double scaled = g[i] / (Math.sqrt(v[i]) + EPS);
                if (mu > 0) {
                    b[i] = mu * b[i] + scaled;
                    w[i] -= LR * b[i];
                } else {
                    w[i] -= LR * scaled;
                }
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
    void adamwFollowsTheFormula() {
        for (boolean view : new boolean[] {false, true}) {
            assertFollows(adamw(DECAY), stepped(Optimizer.adamw(LR, DECAY), view), "adamw, view " + view);
            assertFollows(adamw(0.01), stepped(Optimizer.adamw(LR), view), "adamw default decay, view " + view);
        }
    }

    @Test
    void sgdWithWeightDecayFollowsTheFormula() {
        for (boolean view : new boolean[] {false, true}) {
            assertFollows(sgd(0, DECAY), stepped(Optimizer.sgd(LR, 0, DECAY), view), "sgd decay, view " + view);
            assertFollows(sgd(MOMENTUM, DECAY), stepped(Optimizer.sgd(LR, MOMENTUM, DECAY), view), "sgd momentum decay, view " + view);
        }
    }

    @Test
    void rmspropWithAndWithoutMomentumFollowsTheFormula() {
        for (boolean view : new boolean[] {false, true}) {
            assertFollows(rmsprop(0), stepped(Optimizer.rmsprop(LR), view), "rmsprop, view " + view);
            assertFollows(rmsprop(MOMENTUM), stepped(Optimizer.rmsprop(LR, MOMENTUM), view), "rmsprop momentum, view " + view);
        }
    }

    @Test
    void badHyperParametersAreRefusedByName() {
        assertRefused("sgd: learning rate must be positive, got 0.0", () -> Optimizer.sgd(0));
        assertRefused("sgd: momentum must be in [0, 1), got 1.0", () -> Optimizer.sgd(0.1f, 1));
        assertRefused("sgd: weight decay must be 0 or positive, got -0.1", () -> Optimizer.sgd(0.1f, 0, -0.1f));
        assertRefused("sgd: weight decay must be 0 or positive, got NaN", () -> Optimizer.sgd(0.1f, 0, Float.NaN));
        assertRefused("adam: learning rate must be positive, got -1.0", () -> Optimizer.adam(-1));
        assertRefused("adam: beta1 must be in [0, 1), got 1.0", () -> Optimizer.adam(0.1f, 1, 0.999f, 1e-8f));
        assertRefused("adam: beta2 must be in [0, 1), got -0.5", () -> Optimizer.adam(0.1f, 0.9f, -0.5f, 1e-8f));
        assertRefused("adam: eps must be positive, got 0.0", () -> Optimizer.adam(0.1f, 0.9f, 0.999f, 0));
        assertRefused("adamw: learning rate must be positive, got NaN", () -> Optimizer.adamw(Float.NaN));
        assertRefused("adamw: weight decay must be 0 or positive, got -0.01", () -> Optimizer.adamw(0.001f, -0.01f));
        assertRefused("rmsprop: learning rate must be positive, got 0.0", () -> Optimizer.rmsprop(0));
        assertRefused("rmsprop: momentum must be in [0, 1), got -0.1", () -> Optimizer.rmsprop(0.01f, -0.1f));
        assertRefused("rmsprop: alpha must be in [0, 1), got 1.5", () -> Optimizer.rmsprop(0.01f, 1.5f, 1e-8f, 0));
        assertRefused("rmsprop: eps must be positive, got -1.0E-8", () -> Optimizer.rmsprop(0.01f, 0.99f, -1e-8f, 0));
    }

    private static void assertRefused(String message, Executable make) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, make).getMessage());
    }

    @Test
    void eachDescribesItselfWithWhatDiffersFromItsDefaults() {
        assertEquals("sgd(lr=0.1)", Optimizer.sgd(0.1f).describe());
        assertEquals("sgd(lr=0.1, momentum=0.9)", Optimizer.sgd(0.1f, 0.9f).describe());
        assertEquals("sgd(lr=0.1, momentum=0.9, weightDecay=5.0E-4)", Optimizer.sgd(0.1f, 0.9f, 5e-4f).describe());
        assertEquals("sgd(lr=0.1, weightDecay=0.01)", Optimizer.sgd(0.1f, 0, 0.01f).describe());
        assertEquals("adam(lr=0.001)", Optimizer.adam(0.001f).describe());
        assertEquals("adam(lr=0.001, beta1=0.8, beta2=0.99, eps=1.0E-6)", Optimizer.adam(0.001f, 0.8f, 0.99f, 1e-6f).describe());
        assertEquals("adamw(lr=0.001, weightDecay=0.01)", Optimizer.adamw(0.001f).describe());
        assertEquals("adamw(lr=0.001, weightDecay=0.1)", Optimizer.adamw(0.001f, 0.1f).describe());
        assertEquals("rmsprop(lr=0.01)", Optimizer.rmsprop(0.01f).describe());
        assertEquals("rmsprop(lr=0.01, momentum=0.9)", Optimizer.rmsprop(0.01f, 0.9f).describe());
        assertEquals("rmsprop(lr=0.01, alpha=0.9, eps=1.0E-6)", Optimizer.rmsprop(0.01f, 0.9f, 1e-6f, 0).describe());
        assertEquals("adamw(lr=0.001, weightDecay=0.01)", Optimizer.adamw(0.001f).toString(), "toString is describe");
    }

    @Test
    void sgdWithAndWithoutMomentumFollowsTheFormula() {
        for (boolean view : new boolean[] {false, true}) {
            assertFollows(sgd(0), stepped(Optimizer.sgd(LR), view), "sgd, view " + view);
            assertFollows(sgd(MOMENTUM), stepped(Optimizer.sgd(LR, MOMENTUM), view), "sgd momentum, view " + view);
        }
    }
}
