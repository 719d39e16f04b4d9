package jinn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The FMA peak each GEMM row is a share of: units and their width by CPU, lanes by the JVM's vectors. */
class PeakTest {

    private static final String AVX512 = " fpu sse avx avx2 fma avx512f avx512bw ";
    private static final String AVX2 = " fpu sse avx avx2 fma ";

    @Test
    void zen5HasTwoFullWidthPipes() {
        assertPeak(Peak.of("AuthenticAMD", 26, 2, AVX512, 512, 3.5, 2096), 512, 16, 2 * 16 * 2 * 3.5);
        assertEquals(4 * 16 * 2 * 3.5, Peak.of("AuthenticAMD", 26, 2, AVX512, 512, 3.5, 2096).gflops(2), 1e-9);
    }

    @Test
    void zen5HeldToAvx2HasHalfThePeak() {
        // bin/bench --avx2: the JVM's vectors are 256 bits, so no code reaches the pipes' other half.
        assertPeak(Peak.of("AuthenticAMD", 26, 2, AVX512, 256, 3.5, 2096), 256, 8, 2 * 8 * 2 * 3.5);
    }

    @Test
    void zen4RunsAvx512OnTwo256BitPipes() {
        assertPeak(Peak.of("AuthenticAMD", 25, 17, AVX512, 512, 3.7, 2400), 256, 16, 2 * 8 * 2 * 3.7);
    }

    private static void assertPeak(Peak p, int unitBits, int lanes, double gflopsPerCore) {
        assertEquals(2, p.units());
        assertEquals(unitBits, p.unitBits());
        assertEquals(lanes, p.lanes());
        assertEquals(gflopsPerCore, p.gflops(1), 1e-9);
    }

    @Test
    void zen3AndZen2HaveTwo256BitPipes() {
        assertEquals(256, Peak.of("AuthenticAMD", 25, 1, AVX2, 256, 3.0, 2445).unitBits());
        assertEquals(256, Peak.of("AuthenticAMD", 23, 0x31, AVX2, 256, 3.0, 2445).unitBits());
    }

    @Test
    void zen1HasTwo128BitPipes() {
        assertEquals(128, Peak.of("AuthenticAMD", 23, 1, AVX2, 256, 3.0, 2000).unitBits());
    }

    @Test
    void otherCpusAssumeTwoUnitsOfTheVectorWidth() {
        Peak p = Peak.of("GenuineIntel", 6, 85, AVX2, 256, 3.0, 3000);
        assertEquals(2, p.units());
        assertEquals(256, p.unitBits());
        assertEquals("2 FMA units × 8 lanes × 2 × 3.00 GHz = 96 GFLOP/s", p.formula());
    }
}
