package jinn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The statistics the table prints, and the check that keeps a wrong peer out of it. */
class BenchTableTest {

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(3.0, BenchTable.median(new double[] {5, 1, 3}));
        assertEquals(2.5, BenchTable.median(new double[] {4, 1, 3, 2}));
    }

    @Test
    void bestPicksTheFastestRate() {
        double[] rates = {10, 30, 20};
        assertEquals(30, BenchTable.pick(rates, true));
        assertEquals(20, BenchTable.pick(rates, false));
    }

    @Test
    void turnsRangeOverTheRatiosTurnByTurn() {
        assertEquals("0.50-2.00", BenchTable.turnRange(new double[] {1, 4, 3}, new double[] {2, 2, 3}));
        assertEquals("-", BenchTable.turnRange(new double[] {1, 2}, null));
        assertEquals("-", BenchTable.turnRange(new double[] {1, 2}, new double[] {1}));
    }

    @Test
    void aPeerWithinRoundingAgrees() {
        GemmShape s = GemmShape.parse("NN:2x2x1000");
        // 1e-6 per unit of k: float rounding of sums of 1000 products in [-1, 1) stays below it.
        assertNull(BenchTable.difference(s, new float[] {1, 2, 3, 4}, new float[] {1.0005f, 2, 3, 4}));
    }

    @Test
    void aPeerThatDiffersOrHasNaNIsWrong() {
        GemmShape s = GemmShape.parse("NN:2x2x1000");
        String d = BenchTable.difference(s, new float[] {1, 2, 3, 4}, new float[] {1, 2, 3.1f, 4});
        assertNotNull(d);
        assertTrue(d.contains("0.1"), d);
        assertNotNull(BenchTable.difference(s, new float[] {1, 2, 3, 4}, new float[] {1, 2, Float.NaN, 4}));
        assertNotNull(BenchTable.difference(s, new float[] {1, 2, 3, 4}, new float[] {1, 2, 3}));
    }
}
