package jinn.tensor;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class TensorTest {

    @Test
    void createsFromNestedArraysOfAnyKind() {
        Tensor t = Tensor.tensor(new double[][]{{1, 2}, {3, 4}});
        assertArrayEquals(new int[]{2, 2}, t.shape());
        assertArrayEquals(new float[]{1, 2, 3, 4}, t.toArray());
        assertArrayEquals(new int[]{2, 1, 3}, Tensor.tensor(new int[][][]{{{1, 2, 3}}, {{4, 5, 6}}}).shape());
        assertArrayEquals(new int[]{3}, Tensor.tensor(new float[]{1, 2, 3}).shape());
        assertEquals(0, Tensor.tensor(5).rank());
        assertEquals(5f, Tensor.tensor(5).item());
    }

    @Test
    void raggedArraysAreRejectedWithThePlace() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.tensor(new double[][]{{1, 2}, {3}}));
        assertEquals("tensor: ragged array: row [1] has 1 entries but row [0] has 2; every row at one depth must have the same length",
                e.getMessage());
    }

    @Test
    void factories() {
        assertArrayEquals(new float[]{0, 0, 0}, Tensor.zeros(3).toArray());
        assertArrayEquals(new float[]{7, 7}, Tensor.full(7, 2).toArray());
        assertArrayEquals(new float[]{0, 0.5f, 1, 1.5f}, Tensor.arange(0, 2, 0.5f).toArray());
        Tensor a = Tensor.randn(new Random(42), 2, 3), b = Tensor.randn(new Random(42), 2, 3);
        assertArrayEquals(a.toArray(), b.toArray(), "same seed, same values");
        for (float v : Tensor.rand(new Random(1), 100).toArray()) assertTrue(v >= 0 && v < 1);
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3));
        assertEquals("Tensor.of: shape [2, 3] needs 6 values, got an array of 5", e.getMessage());
    }

    @Test
    void viewsShareStorage() {
        Tensor t = Tensor.arange(6).reshape(2, 3);
        Tensor tt = t.T();
        assertArrayEquals(new int[]{3, 2}, tt.shape());
        assertArrayEquals(new float[]{0, 3, 1, 4, 2, 5}, tt.toArray());
        assertSame(t.data(), tt.data(), "transpose is a view");
        Tensor r = t.rows(1, 2);
        assertSame(t.data(), r.data(), "row slice is a view");
        assertArrayEquals(new float[]{3, 4, 5}, r.toArray());
        assertEquals(4f, t.get(1, 1));
        assertArrayEquals(new int[]{3, 2}, t.reshape(-1, 2).shape());
    }

    @Test
    void reductionsOverAxes() {
        Tensor t = Tensor.tensor(new double[][]{{1, 5, 3}, {4, 2, 6}});
        assertArrayEquals(new float[]{5, 7, 9}, t.sum(0).toArray());
        assertArrayEquals(new int[]{2, 1}, t.sum(1, true).shape());
        assertArrayEquals(new float[]{5, 6}, t.max(1).toArray());
        assertEquals(3.5f, t.mean().item());
        assertArrayEquals(new int[]{1, 2}, t.argmax());
    }

    @Test
    void broadcastingFollowsNumpy() {
        Tensor a = Tensor.arange(6).reshape(2, 3);
        assertArrayEquals(new float[]{10, 21, 32, 13, 24, 35}, a.add(Tensor.tensor(new double[]{10, 20, 30})).toArray());
        assertArrayEquals(new float[]{0, 1, 2, 30, 40, 50}, a.mul(Tensor.tensor(new double[][]{{1}, {10}})).toArray());
        var e = assertThrows(IllegalArgumentException.class, () -> a.add(Tensor.zeros(2)));
        assertEquals("add: cannot broadcast [2, 3] with [2]: axis 1 has sizes 3 and 2 (sizes must match or one of them must be 1)",
                e.getMessage());
    }

    @Test
    void matmulShapesAndMessage() {
        Tensor a = Tensor.ones(2, 3), b = Tensor.ones(2, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> a.matmul(b));
        assertEquals("matmul: cannot multiply [2, 3] by [2, 2]: inner dimensions 3 and 2 differ", e.getMessage());
        assertArrayEquals(new int[]{4, 2, 5}, Tensor.ones(4, 2, 3).matmul(Tensor.ones(3, 5)).shape());
        assertArrayEquals(new float[]{3, 3, 3, 3}, a.matmul(Tensor.ones(3, 2)).toArray());
        assertEquals(0, Tensor.ones(3).matmul(Tensor.ones(3)).rank());
    }

    @Test
    void concatAndGather() {
        Tensor a = Tensor.tensor(new double[][]{{1, 2}}), b = Tensor.tensor(new double[][]{{3, 4}, {5, 6}});
        assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6}, Tensor.concat(0, a, b).toArray());
        assertArrayEquals(new float[]{5, 6, 3, 4}, b.gather(new int[]{1, 0}).toArray());
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.concat(1, a, b));
        assertTrue(e.getMessage().startsWith("concat: tensor 1 has shape [2, 2] but tensor 0 has [1, 2]"), e.getMessage());
    }

    @Test
    void printsLikeNumpy() {
        assertEquals("tensor([[1., 2.],\n        [3., 4.]], shape=[2, 2], dtype=float32)", Tensor.tensor(new double[][]{{1, 2}, {3, 4}}).toString());
        assertEquals("tensor([0.5000, 0.2500], shape=[2], dtype=float32)", Tensor.tensor(new double[]{0.5, 0.25}).toString());
        String big = Tensor.zeros(2000).toString();
        assertTrue(big.contains("..."), big);
        assertTrue(big.length() < 100, big);
        assertTrue(Tensor.zeros(60, 50).toString().lines().count() < 10);
    }

    @Test
    void softmaxCrossEntropyRejectsBadLabels() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).softmaxCrossEntropy(new int[]{0, 3}));
        assertEquals("softmaxCrossEntropy: label 3 at row 1 is out of range for 3 classes (valid: 0 to 2)", e.getMessage());
    }

    @Test
    void stepIsOneFromZeroOnAsTheSeedsDefineIt() {
        assertArrayEquals(new float[]{0, 1, 1}, Tensor.tensor(new double[]{-0.5, 0, 2}).step().toArray());
    }

    @Test
    void equalsComparesShapeAndValuesAsAJavaListDoes() {
        Tensor a = Tensor.tensor(new double[][]{{1, 2}, {3, 4}});
        Tensor b = Tensor.tensor(new float[][]{{1, 2}, {3, 4}});
        assertEquals(a, b, "same shape, same values");
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a, a.T().T(), "a view with the same values");
        assertEquals(a.requiresGrad(true), b, "gradients do not count");
        assertNotEquals(a, Tensor.tensor(new double[]{1, 2, 3, 4}), "shape [4] is not [2, 2]");
        assertNotEquals(a, Tensor.tensor(new double[][]{{1, 2}, {3, 5}}));
        assertNotEquals(a, a.T());
        assertNotEquals(a, "a string");
        assertEquals(Tensor.tensor(new double[]{Double.NaN, 0.0}), Tensor.tensor(new double[]{Double.NaN, -0.0}));
        assertEquals(Tensor.tensor(new double[]{Double.NaN, 0.0}).hashCode(), Tensor.tensor(new double[]{Double.NaN, -0.0}).hashCode());
        assertEquals(1, new java.util.HashSet<>(java.util.List.of(a, b)).size());
    }
}
