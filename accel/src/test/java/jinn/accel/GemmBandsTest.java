package jinn.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How a parallel GEMM cuts C into bands and its shared operand into slices. */
class GemmBandsTest {

    @Test
    void bandsCoverEveryPanelOnceInAMultipleOfTheThreadsOfNearlyEqualWidth() {
        for (int threads = 1; threads <= 8; threads++) {
            for (int most = 1; most <= 8; most++) {
                for (int panels = 1; panels <= 200; panels++) {
                    int bands = Gemm.bands(panels, threads, most);
                    String what = panels + " panels, " + threads + " threads, at most " + most + ": " + bands + " bands";
                    assertTrue(bands >= 1 && bands <= panels, what);
                    if (bands < panels) assertEquals(0, bands % threads, what); // else every panel is a band
                    assertEquals(0, Gemm.bandStart(0, panels, bands), what);
                    assertEquals(panels, Gemm.bandStart(bands, panels, bands), what);
                    int narrowest = Integer.MAX_VALUE, widest = 0;
                    for (int b = 0; b < bands; b++) {
                        int width = Gemm.bandStart(b + 1, panels, bands) - Gemm.bandStart(b, panels, bands);
                        narrowest = Math.min(narrowest, width);
                        widest = Math.max(widest, width);
                    }
                    assertTrue(narrowest >= 1 && widest - narrowest <= 1, what + " from " + narrowest + " to " + widest + " panels");
                    if (panels >= threads) assertTrue(widest <= most || bands == panels, what + ", widest " + widest);
                }
            }
        }
    }

    @Test
    void theMlpsBandsShareEvenly() {
        // The first layer's dX (NT 128×784×256) on AVX-512: 25 column panels, 4 bands of 6 or 7,
        // where fixed bands of 8 gave one thread 16 panels and the other 9.
        assertEquals(4, Gemm.bands(25, 2, 8));
        assertEquals(6, Gemm.bandStart(1, 25, 4));
        // 1024 columns: bands of 8 panels, so each band reuses a packed block of A over 256 columns.
        assertEquals(4, Gemm.bands(32, 2, 8));
    }

    @Test
    void aSharedBlockIsCutIntoAtLeastTwoSlicesPerThread() {
        // The weight gradient's B (n = 256) in AVX-512's 32-column panels: 8 panels, one slice before.
        assertEquals(2, Gemm.slicePanels(256, 32, 2));
        assertEquals(1, Gemm.slicePanels(128, 32, 2));
        assertEquals(8, Gemm.slicePanels(1024, 32, 2));
        assertEquals(1, Gemm.slicePanels(10, 32, 2));
    }
}
