package jinn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A GEMM spec as the bench and the duel write it: transposes, then m x n x k. */
class GemmShapeTest {

    @Test
    void aWeightGradientIsTransposedA() {
        GemmShape s = GemmShape.parse("TN:784x256x128");
        assertTrue(s.transA());
        assertFalse(s.transB());
        assertEquals(784, s.m());
        assertEquals(256, s.n());
        assertEquals(128, s.k());
        assertEquals(784, s.lda(), "A is stored k×m");
        assertEquals(256, s.ldb());
        assertEquals(2.0 * 784 * 256 * 128, s.flops());
        assertEquals("TN:784x256x128", s.spec());
    }

    @Test
    void anInputGradientIsTransposedB() {
        GemmShape s = GemmShape.parse("NT:128x784x256");
        assertEquals(256, s.lda());
        assertEquals(256, s.ldb(), "B is stored n×k");
    }

    @Test
    void everyTrainingShapeWritesTheSpecItParsesFrom() {
        for (GemmShape s : GemmShape.TRAINING) {
            GemmShape again = GemmShape.parse(s.spec());
            assertEquals(s.spec(), again.spec());
            assertEquals(s.m() * s.k(), s.operands(1)[0].length, s.name());
            assertEquals(s.k() * s.n(), s.operands(1)[1].length, s.name());
        }
    }
}
