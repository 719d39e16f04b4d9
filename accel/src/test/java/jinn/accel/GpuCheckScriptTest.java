package jinn.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * bin/gpu-check (the TornadoVM device check's bundle, accel-tornado/README.md) in a default build,
 * where no TornadoVM SDK is: its help, and the plain errors of a bundle without an SDK and of a run
 * outside an unpacked bundle. Each call ends before any build; the bundle itself is tested in
 * accel-tornado (TornadoGpuCheckBundleTest) where the SDK is.
 */
class GpuCheckScriptTest {

    private record Result(int exit, String output) {}

    private static Result gpuCheck(String... args) throws Exception {
        Path root = Path.of(System.getProperty("jinn.root", "..")).toAbsolutePath().normalize();
        Path script = root.resolve("bin/gpu-check");
        assumeTrue(Files.isRegularFile(script) && Files.isExecutable(Path.of("/bin/bash")), "no bash or no bin/gpu-check");
        List<String> cmd = new java.util.ArrayList<>(List.of("/bin/bash", script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(root.toFile());
        pb.environment().remove("TORNADOVM_HOME");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        return new Result(p.exitValue(), out);
    }

    @Test
    void helpSaysHowToBuildAndRunTheBundle() throws Exception {
        Result r = gpuCheck("--help");
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("bin/gpu-check --bundle [OUT]"), r.output);
        assertTrue(r.output.contains("./gpu-check [--run] [OPTIONS]"), r.output);
    }

    @Test
    void bundleWithoutTheSdkSaysWhatIsMissing() throws Exception {
        Result r = gpuCheck("--bundle", System.getProperty("java.io.tmpdir") + "/never-built.tar.xz");
        assertEquals(2, r.exit, r.output);
        assertTrue(r.output.contains("gpu-check: no TornadoVM SDK: TORNADOVM_HOME is unset."), r.output);
        assertTrue(r.output.contains("export TORNADOVM_HOME="), r.output);
    }

    @Test
    void aRunOutsideAnUnpackedBundleSaysSo() throws Exception {
        Result r = gpuCheck("--quick");
        assertEquals(2, r.exit, r.output);
        assertTrue(r.output.contains("is no unpacked bundle (no jdk/bin/java). In a checkout, build one: bin/gpu-check --bundle"), r.output);
    }
}
