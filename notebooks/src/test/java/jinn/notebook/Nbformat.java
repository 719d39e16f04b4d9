package jinn.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Validates a notebook file with Jupyter's own validator, Debian's python3-nbformat (installed for
 * /usr/bin/python3, which .ci/run installs). A machine without it fails the test and says how to get it.
 */
final class Nbformat {

    static final String PYTHON = "/usr/bin/python3";

    private Nbformat() {}

    static void validate(Path ipynb) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) fail(PYTHON + " is missing: apt-get install -y python3-nbformat");
        Process p = new ProcessBuilder(PYTHON, "-c", """
                import sys, nbformat
                nb = nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT)
                assert nb.nbformat == 4, "nbformat %s" % nb.nbformat
                nbformat.validate(nb)
                print("valid")
                """, ipynb.toString()).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("nbformat validation of " + ipynb + " did not finish in 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (out.contains("No module named 'nbformat'")) fail("python3-nbformat is missing: apt-get install -y python3-nbformat");
        assertEquals(0, p.exitValue(), "nbformat.validate(" + ipynb + ") failed:\n" + out);
    }
}
