package jinn.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimingTest {

    @Test
    void everyFigureOfOneReportUsesTheMediansUnit() {
        var timing = new Timing(1_974_400, new long[] {4_007, 52_000, 61_000, 70_500, 2_000_000});
        assertEquals("median 61.0 µs over 5 runs (min 4.0 µs, max 2000.0 µs; first run 1974.4 µs)", timing.toString());
    }

    @Test
    void shortMediansAreInNanosecondsAndLongOnesInSeconds() {
        assertEquals("median 900 ns over 3 runs (min 800 ns, max 1000 ns; first run 25000 ns)",
                new Timing(25_000, new long[] {800, 900, 1_000}).toString());
        assertEquals("median 12.00 s over 3 runs (min 11.50 s, max 13.00 s; first run 14.00 s)",
                new Timing(14_000_000_000L, new long[] {11_500_000_000L, 12_000_000_000L, 13_000_000_000L}).toString());
    }
}
