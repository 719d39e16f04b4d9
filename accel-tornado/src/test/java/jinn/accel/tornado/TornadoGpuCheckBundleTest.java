package jinn.accel.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/gpu-check --bundle} (issue 19): the archive built from this build's classes fits the 64 MiB a
 * device call may carry, and, unpacked into an empty folder and started with no JDK on the PATH, no
 * JAVA_HOME and nothing else in its environment (as on the GPU machine), it finds OpenCL and lists this
 * machine's TornadoVM devices. The whole check ({@code ./gpu-check --quick}) is rehearsed by hand: see
 * accel-tornado/README.md.
 */
class TornadoGpuCheckBundleTest {

    @Test
    void bundleFitsAndStartsInAnEmptyEnvironment(@TempDir Path tmp) throws Exception {
        Path root = Path.of(System.getProperty("jinn.root", ".")).toAbsolutePath().normalize();
        Path mnist = root.resolve("../shared/data/mnist").normalize();
        assumeTrue(Files.isRegularFile(mnist.resolve("train-images-idx3-ubyte.gz")), "no MNIST beside the checkout: " + mnist);
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "the bundle's jars are repacked with python3");

        Path archive = tmp.resolve("jinn-gpu-check.tar.xz");
        ProcessBuilder build = new ProcessBuilder(root.resolve("bin/gpu-check").toString(), "--bundle", "--no-build", archive.toString());
        Map<String, String> env = build.environment();
        env.put("TORNADOVM_HOME", System.getProperty("tornadovm.home"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        // this build's test class path: its classes, the accel module's tests, their dependencies
        env.put("GPU_CHECK_CLASSPATH", System.getProperty("java.class.path"));
        env.put("JINN_MNIST_DIR", mnist.toString());
        Result built = run(build, 900);
        assertEquals(0, built.exit, built.output);
        long bytes = Files.size(archive);
        assertTrue(bytes <= 64L << 20, "bundle " + bytes + " bytes > 64 MiB\n" + built.output);

        Path unpacked = Files.createDirectory(tmp.resolve("clean"));
        assertEquals(0, run(new ProcessBuilder("tar", "-xJf", archive.toString(), "-C", unpacked.toString()), 300).exit);
        Path out = Files.createDirectory(tmp.resolve("out"));
        ProcessBuilder start = new ProcessBuilder(unpacked.resolve("jinn-gpu-check/gpu-check").toString(), "--devices-only")
                .directory(unpacked.toFile());
        start.environment().clear();
        start.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "HOME", unpacked.toString(), "OUT", out.toString()));
        Result started = run(start, 300);
        Path report = out.resolve("gpu-check-report.md");
        assertTrue(Files.isRegularFile(report), started.output);
        String text = Files.readString(report);
        assertEquals(0, started.exit, started.output + "\n" + text);
        assertTrue(text.contains("## devices: ok"), text);
        assertTrue(text.contains("TornadoVM devices (default first):\n  0:0 "), text);
        assertTrue(text.contains("tornado backend: TornadoVM OPENCL on "), text);
        assertTrue(text.contains("- OpenCL ICD loader: "), text);
        assertTrue(!Files.exists(unpacked.resolve("jinn-gpu-check/jdk/bin/javac")), "a jlinked runtime, not a JDK");
    }

    private record Result(int exit, String output) {}

    private static Result run(ProcessBuilder pb, long seconds) throws IOException, InterruptedException {
        File log = Files.createTempFile("gpu-check", ".log").toFile();
        pb.redirectErrorStream(true).redirectOutput(log);
        Process p = pb.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out after " + seconds + " s\n" + Files.readString(log.toPath(), StandardCharsets.UTF_8));
        }
        String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        log.delete();
        return new Result(p.exitValue(), output);
    }
}
