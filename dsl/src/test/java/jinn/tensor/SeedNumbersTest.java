package jinn.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The worked numbers of the seed documents, reproduced exactly. */
class SeedNumbersTest {

    static void assertValues(double[] expected, Tensor actual, double tol) {
        float[] a = actual.toArray();
        assertEquals(expected.length, a.length, "length of " + actual);
        for (int i = 0; i < a.length; i++) {
            assertEquals(expected[i], a[i], tol, "value " + i + " of " + actual);
        }
    }

    /** Seed 003: the three-layer network, forward with matrices. */
    @Test
    void threeLayerForwardPass() {
        Tensor x = Tensor.tensor(new double[]{1.0, 0.5});
        Tensor w1 = Tensor.tensor(new double[][]{{0.1, 0.3, 0.5}, {0.2, 0.4, 0.6}});
        Tensor b1 = Tensor.tensor(new double[]{0.1, 0.2, 0.3});
        Tensor w2 = Tensor.tensor(new double[][]{{0.1, 0.4}, {0.2, 0.5}, {0.3, 0.6}});
        Tensor b2 = Tensor.tensor(new double[]{0.1, 0.2});
        Tensor w3 = Tensor.tensor(new double[][]{{0.1, 0.3}, {0.2, 0.4}});
        Tensor b3 = Tensor.tensor(new double[]{0.1, 0.2});

        Tensor a1 = x.matmul(w1).add(b1);
        assertValues(new double[]{0.3, 0.7, 1.1}, a1, 1e-6);
        Tensor z1 = a1.sigmoid();
        assertValues(new double[]{0.57444252, 0.66818777, 0.75026011}, z1, 1e-6);
        Tensor z2 = z1.matmul(w2).add(b2).sigmoid();
        Tensor y = z2.matmul(w3).add(b3).identity();
        assertValues(new double[]{0.31682708, 0.69627909}, y, 1e-6);
    }

    /** Seed 003: naive exp overflows on [1010, 1000, 990]; the max-subtracted softmax does not. */
    @Test
    void softmaxSurvivesLargeLogits() {
        Tensor a = Tensor.tensor(new double[]{1010, 1000, 990});
        assertTrue(Float.isNaN(a.exp().div(a.exp().sum()).toArray()[0]), "the naive form overflows to inf/inf = NaN");
        Tensor y = a.softmax();
        // Each value to 1e-6 of itself (float32 keeps ~7 digits, also for the tiny third value).
        double[] expected = {0.99995460, 4.5397868e-05, 2.0610600e-09};
        float[] got = y.toArray();
        for (int i = 0; i < 3; i++) assertEquals(expected[i], got[i], 1e-6 * expected[i], "value " + i + " of " + y);
        assertEquals(1.0, y.sum().item(), 1e-6);
    }

    /** Seed 001/002: MSE and cross-entropy of the worked "2 is the answer" example. */
    @Test
    void lossesOfTheWorkedExample() {
        Tensor t = Tensor.tensor(new double[]{0, 0, 1, 0, 0, 0, 0, 0, 0, 0});
        Tensor good = Tensor.tensor(new double[]{0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0});
        Tensor bad = Tensor.tensor(new double[]{0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0});
        // The seeds define MSE as 0.5·Σ(y−t)²: 0.0975 and 0.5975. jinn's mse is the mean, so ×5 (=0.5·10).
        assertEquals(0.0975, good.mse(t).item() * 5, 1e-6);
        assertEquals(0.5975, bad.mse(t).item() * 5, 1e-6);
        assertEquals(0.510825457, good.crossEntropy(t).item(), 1e-6);
        assertEquals(2.302584092, bad.crossEntropy(t).item(), 1e-6);
    }
}
