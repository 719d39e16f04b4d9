package jinn.accel;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The one visible trace of the TornadoVM backend in a default build: its module (accel-tornado)
 * is built and tested only where the SDK is installed, and this test says so in the report
 * instead of the backend silently not existing.
 */
class TornadoSdkTest {

    @Test
    void tornadoBackendIsTestedOnlyWithTheSdk() {
        String home = System.getenv("TORNADOVM_HOME");
        assumeTrue(home != null && !home.isBlank(),
                "TornadoVM SDK absent (TORNADOVM_HOME unset): accel-tornado is not built or tested; see accel-tornado/README.md");
        assertTrue(Files.isRegularFile(Path.of(home, "tornado-argfile")),
                "TORNADOVM_HOME=" + home + " has no tornado-argfile: not a TornadoVM SDK");
    }
}
