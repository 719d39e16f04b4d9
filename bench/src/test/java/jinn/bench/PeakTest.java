package jinn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The FMA peak each GEMM row is a share of: units and their width by CPU, lanes by the JVM's vectors. */
class PeakTest {

    private static final String AVX512 = " fpu sse avx avx2 fma avx512f avx512bw ";
    private static final String AVX2 = " fpu sse avx avx2 fma ";

    @Test
    void zen5HasTwoFullWidthPipes() {
        Peak p = Peak.of("AuthenticAMD", 26, 2, AVX512, 512, 3.5, 2096);
        assertEquals(512, p.unitBits());
        assertEquals(2 * 16 * 2 * 3.5, p.gflops(1), 1e-9);
        assertEquals(4 * 16 * 2 * 3.5, p.gflops(2), 1e-9);
    }

    @Test
    void zen5HeldToAvx2HasHalfThePeak() {
        // bin/bench --avx2: the JVM's vectors are 256 bits, so no code reaches the pipes' other half.
        Peak p = Peak.of("AuthenticAMD", 26, 2, AVX512, 256, 3.5, 2096);
        assertEquals(256, p.unitBits());
        assertEquals(8, p.lanes());
        assertEquals(2 * 8 * 2 * 3.5, p.gflops(1), 1e-9);
    }

    @Test
    void zen4RunsAvx512OnTwo256BitPipes() {
        Peak p = Peak.of("AuthenticAMD", 25, 17, AVX512, 512, 3.7, 2400);
        assertEquals(256, p.unitBits());
        assertEquals(16, p.lanes());
        assertEquals(2 * 8 * 2 * 3.7, p.gflops(1), 1e-9);
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
