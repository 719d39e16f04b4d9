package jinn.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive's kernel driven by the real Jupyter client stack (issue 16, section 3): the pytest
 * suite in kernel/src/test/python (jupyter_kernel_test's conformance suite, jupyter_client
 * scenarios, the tutorials through nbclient, nbconvert and Chromium, kernelspec install) against
 * the kernelspec the archive's own bin/jinn installs into a temporary prefix.
 *
 * <p>The suite runs under Debian's /usr/bin/python3, beside which the jupyter packages are
 * installed (a pyenv python3 earlier on PATH does not see them). Missing packages fail this test
 * with the apt-get line that installs them; nothing is skipped.
 */
class JupyterClientTest {

    static final String PYTHON = "/usr/bin/python3";
    static final String PACKAGES = "python3-jupyter-client jupyter-client python3-nbclient python3-nbformat "
            + "jupyter-nbconvert python3-pytest python3-jupyter-kernel-test chromium";
    /**
     * Bounds the whole suite: 47 tests, 12 minutes on the shared 2-core development VM at a load of
     * 15-19 (about 6 CPU-minutes), four fifths of it the tutorials, each run by jinn export and by nbclient.
     */
    static final long SUITE_TIMEOUT_MINUTES = 30;

    @Test
    void theKernelPassesTheJupyterClientSuite(@TempDir Path tmp) throws Exception {
        Path dist = Path.of(System.getProperty("jinn.dist"));
        Path jinn = dist.resolve("bin/jinn");
        String rootProperty = System.getProperty("jinn.root");
        assertTrue(rootProperty != null, "the system property jinn.root (the checkout) is not set");
        Path root = Path.of(rootProperty);
        Path suite = root.resolve("kernel/src/test/python");
        assertTrue(Files.isDirectory(suite), "no Jupyter client suite at " + suite);
        assertTrue(Files.isExecutable(jinn), "the archive's launcher is missing: " + jinn);

        Result deps = run(List.of(PYTHON, "-c",
                "import jupyter_client, jupyter_kernel_test, nbclient, nbconvert, nbformat, pytest, zmq"), root, Map.of(), 2);
        if (deps.status != 0) {
            fail("the Jupyter client suite needs Debian's Python packages beside " + PYTHON
                    + ": apt-get install " + PACKAGES + "\n" + deps.out);
        }
        if (run(List.of("sh", "-c", "command -v chromium || command -v chromium-browser"), root, Map.of(), 1).status != 0) {
            fail("the Jupyter client suite opens the exported HTML in Chromium: apt-get install chromium");
        }

        // Everything Jupyter reads or writes goes to the temporary folder: no user's kernelspecs,
        // configuration or runtime files take part, and none are left behind.
        Path prefix = tmp.resolve("prefix");
        Path home = Path.of(System.getProperty("jinn.test.home") + "-jupyter");
        Files.createDirectories(home);
        Map<String, String> env = Map.of(
                "JUPYTER_PATH", prefix.resolve("share/jupyter").toString(),
                "JUPYTER_DATA_DIR", tmp.resolve("data").toString(),
                "JUPYTER_CONFIG_DIR", tmp.resolve("config").toString(),
                "JUPYTER_RUNTIME_DIR", tmp.resolve("runtime").toString(),
                "JINN_HOME", home.toString(),
                "JINN_LAUNCHER", jinn.toString(),
                "JINN_TEST_KERNEL", "jinn",
                // No __pycache__ in the source tree.
                "PYTHONDONTWRITEBYTECODE", "1");

        Result install = run(List.of(jinn.toString(), "kernel", "install", "--prefix", prefix.toString()), root, env, 5);
        assertEquals(0, install.status, "jinn kernel install --prefix failed:\n" + install.out);
        assertTrue(Files.isRegularFile(prefix.resolve("share/jupyter/kernels/jinn/kernel.json")),
                "jinn kernel install wrote no kernels/jinn/kernel.json under " + prefix + ":\n" + install.out);

        Result pytest = run(List.of(PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfEsx",
                "--durations=10", suite.toString()), root, env, SUITE_TIMEOUT_MINUTES);
        assertEquals(0, pytest.status, "the Jupyter client suite failed (pytest exit " + pytest.status + "):\n" + pytest.out);
        System.out.println(pytest.out); // the summary and the slowest tests, for the build log
    }

    record Result(int status, String out) {}

    static Result run(List<String> command, Path dir, Map<String, String> env, long minutes) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().remove("JINN_AOT");
        Path out = Files.createTempFile("jupyter-client", ".txt");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail(command + " did not finish in " + minutes + " min; its output:\n" + Files.readString(out));
        }
        String text = Files.readString(out);
        Files.delete(out);
        return new Result(p.exitValue(), text);
    }
}
