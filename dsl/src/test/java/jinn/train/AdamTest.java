package jinn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import jinn.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Adam's update against the paper's formula computed in double precision, step by step. */
class AdamTest {

    private static final float LR = 0.01f, B1 = 0.9f, B2 = 0.999f, EPS = 1e-8f;

    /** Sets p's gradient to g through autograd: d/dp Σ p·g = g. */
    private static void gradient(Tensor p, float[] g) {
        p.mul(Tensor.of(g.clone(), g.length)).sum().backward();
    }

    /** Adam with bias correction, in doubles: the values after each step of gradients gs. */
    private static double[] reference(float[] w0, float[][] gs) {
        int n = w0.length;
        double[] w = new double[n], m = new double[n], v = new double[n];
        for (int i = 0; i < n; i++) w[i] = w0[i];
        for (int t = 1; t <= gs.length; t++) {
            for (int i = 0; i < n; i++) {
                double g = gs[t - 1][i];
                m[i] = B1 * m[i] + (1 - B1) * g;
                v[i] = B2 * v[i] + (1 - B2) * g * g;
                double mh = m[i] / (1 - Math.pow(B1, t)), vh = v[i] / (1 - Math.pow(B2, t));
                w[i] -= LR * mh / (Math.sqrt(vh) + EPS);
            }
        }
        return w;
    }

    private static final float[] W0 = {0.5f, -1f, 2f, 0f, 3f, -0.25f, 1e-3f, 7f, -4f, 0.1f};
    private static final float[][] GRADS = {
            {0.1f, -0.2f, 3f, 0f, -1e-4f, 5f, 0.3f, -0.3f, 2f, -7f},
            {-0.2f, -0.1f, 1f, 0.5f, 1e-4f, -5f, 0.3f, 0.1f, 2f, 0f},
            {0.05f, 0.4f, -2f, 0.5f, 0f, 1f, -0.3f, 0.2f, -1f, 3f},
    };

    @Test
    void threeStepsFollowTheFormula() {
        Tensor p = Tensor.of(W0.clone(), W0.length).requiresGrad(true);
        Optimizer adam = Optimizer.adam(LR);
        for (float[] g : GRADS) {
            p.zeroGrad();
            gradient(p, g);
            adam.step(List.of(p));
        }
        double[] expected = reference(W0, GRADS);
        float[] got = p.toArray();
        for (int i = 0; i < got.length; i++) assertEquals(expected[i], got[i], 1e-6 * Math.max(1, Math.abs(expected[i])), "w[" + i + "]");
    }

    @Test
    void aParameterThatIsAViewIsUpdatedInPlaceAndAloneInItsBuffer() {
        float[] buffer = new float[W0.length + 5];
        java.util.Arrays.fill(buffer, 42f);
        System.arraycopy(W0, 0, buffer, 3, W0.length);
        Tensor p = Tensor.of(buffer, buffer.length).rows(3, 3 + W0.length).detach().requiresGrad(true);
        Optimizer adam = Optimizer.adam(LR);
        for (float[] g : GRADS) {
            p.zeroGrad();
            gradient(p, g);
            adam.step(List.of(p));
        }
        double[] expected = reference(W0, GRADS);
        for (int i = 0; i < W0.length; i++) assertEquals(expected[i], buffer[3 + i], 1e-6 * Math.max(1, Math.abs(expected[i])), "w[" + i + "]");
        assertArrayEquals(new float[] {42f, 42f, 42f}, java.util.Arrays.copyOfRange(buffer, 0, 3), 0f);
        assertArrayEquals(new float[] {42f, 42f}, java.util.Arrays.copyOfRange(buffer, 3 + W0.length, buffer.length), 0f);
    }
}
