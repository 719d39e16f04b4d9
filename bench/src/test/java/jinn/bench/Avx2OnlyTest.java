package jinn.bench;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bin/bench --avx2 labels figures AVX2 only where both sides were held to it. */
class Avx2OnlyTest {

    @Test
    void heldOnlyWithTheModeOnAndVectorsAtMost256Bits() {
        assertNull(Avx2Only.unheld(true, 256));
        assertTrue(Avx2Only.unheld(false, 256).contains("bin/bench --avx2"));
        assertTrue(Avx2Only.unheld(true, 512).contains("512 bits"));
    }

    @Test
    void theTableRefusesAnOpenBlasOnOtherKernels() {
        assertNull(Avx2Only.problem(true, "Haswell"));
        assertNotNull(Avx2Only.problem(true, "Cooperlake"));
        assertNull(Avx2Only.problem(false, "Cooperlake"), "without --avx2 the peers run their own choice");
    }

    @Test
    void withoutTheModePyTorchKeepsItsOwnKernels() {
        Map<String, String> env = new HashMap<>();
        Avx2Only.peerEnvironment(env);
        // This test JVM was not started by bin/bench --avx2.
        assertTrue(env.isEmpty(), env.toString());
    }
}
