package jinn.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code bin/jinn} started at once (issue 17): one builds and one trains the start-up cache
 * while the other waits for it, and a failed cache is tried again later instead of never.
 */
class LauncherConcurrencyTest {

    static final long TIMEOUT_SECONDS = 180;
    static Path dist;
    static String version;

    @BeforeAll
    static void archive() {
        dist = Path.of(System.getProperty("jinn.dist"));
        version = "jinn " + System.getProperty("jinn.version") + " (Java " + Runtime.version() + ")";
        Assumptions.assumeTrue(onPath("flock"), "flock (util-linux) is not installed: the launcher runs unlocked without it");
    }

    record Result(int status, String out, String err) {}

    /** Starts every command at once and waits for all. */
    static List<Result> together(List<List<String>> commands, Map<String, String> env) throws Exception {
        List<Process> processes = new ArrayList<>();
        List<Path[]> files = new ArrayList<>();
        for (List<String> command : commands) {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().remove("JINN_AOT");
            pb.environment().putAll(env);
            Path out = Files.createTempFile("jinn-out", ".txt");
            Path err = Files.createTempFile("jinn-err", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            processes.add(pb.start());
            files.add(new Path[]{out, err});
        }
        List<Result> results = new ArrayList<>();
        try {
            for (int i = 0; i < processes.size(); i++) {
                Process p = processes.get(i);
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    processes.forEach(Process::destroyForcibly);
                    fail(commands.get(i) + " did not finish in " + TIMEOUT_SECONDS + " s; stderr:\n" + Files.readString(files.get(i)[1]));
                }
                results.add(new Result(p.exitValue(), Files.readString(files.get(i)[0]), Files.readString(files.get(i)[1])));
            }
        } finally {
            for (Path[] pair : files) for (Path f : pair) Files.deleteIfExists(f);
        }
        return results;
    }

    static List<Path> aot(Path home) throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("aot"))) {
            return files.sorted().toList();
        }
    }

    @Test
    void twoFirstStartsAtOnceTrainOneCacheAndBothStart(@TempDir Path home) throws Exception {
        String jinn = dist.resolve("bin/jinn").toString();
        List<Result> rs = together(List.of(List.of(jinn, "--version"), List.of(jinn, "--version")), Map.of("JINN_HOME", home.toString()));
        for (Result r : rs) {
            assertEquals(0, r.status, r.toString());
            assertEquals(version, r.out.strip(), r.toString());
            assertFalse(r.err.contains("could not be made"), r.toString());
        }
        String suffix = Runtime.version().feature() >= 25 ? ".aot" : ".jsa";
        List<Path> files = aot(home);
        assertEquals(1, files.stream().filter(p -> p.toString().endsWith(suffix)).count(), "one cache: " + files);
        assertTrue(files.stream().noneMatch(p -> p.toString().contains(".tmp") || p.toString().endsWith(".failed")
                || p.toString().endsWith(".disabled")), "nothing else: " + files);
        long trained = rs.stream().filter(r -> r.err.contains("preparing a start-up cache")).count();
        assertTrue(trained <= 1, "one start trains, the other waits: " + rs);

        // A failed cache is not condemned: skipped for an hour, then tried again.
        Path cache = files.stream().filter(p -> p.toString().endsWith(suffix)).findFirst().orElseThrow();
        Files.delete(cache);
        Path failed = Path.of(cache + ".failed");
        Files.createFile(failed);
        Result skipped = together(List.of(List.of(jinn, "--version")), Map.of("JINN_HOME", home.toString())).get(0);
        assertEquals(0, skipped.status, skipped.toString());
        assertFalse(Files.exists(cache), "within the hour after a failure, no new try");
        Files.setLastModifiedTime(failed, FileTime.fromMillis(System.currentTimeMillis() - 2 * 3600_000L));
        Result retried = together(List.of(List.of(jinn, "--version")), Map.of("JINN_HOME", home.toString())).get(0);
        assertEquals(0, retried.status, retried.toString());
        assertTrue(Files.size(cache) > 0, "tried again after an hour: " + aot(home));
        assertFalse(Files.exists(failed), "the failure marker goes once a cache is made");
    }

    /**
     * A checkout whose sources are newer than its build, started twice at once: a stand-in for
     * Maven (it records when it runs and copies the archive's jars) must run once, not twice
     * over the same tree, and both starts must then run.
     */
    @Test
    void twoStartsOfAChangedCheckoutBuildOnce(@TempDir Path checkout) throws Exception {
        Files.createDirectories(checkout.resolve("bin"));
        for (String script : List.of("jinn", "find-java")) {
            Files.copy(dist.resolve("bin").resolve(script), checkout.resolve("bin").resolve(script));
        }
        Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(checkout.resolve("repl/src/main/java"));
        Path fakeBin = Files.createDirectories(checkout.resolve("fake-bin"));
        Path log = checkout.resolve("mvn.log");
        Path mvn = fakeBin.resolve("mvn");
        Files.writeString(mvn, """
                #!/usr/bin/env bash
                echo "start $$" >> "%s"
                sleep 3
                lib=dist/target/jinn-0/jinn-0/lib
                mkdir -p "$lib" && cp "%s"/*.jar "$lib"/
                echo "end $$" >> "%s"
                """.formatted(log, dist.resolve("lib"), log));
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        String jinn = checkout.resolve("bin/jinn").toString();
        Map<String, String> env = Map.of("JINN_HOME", checkout.resolve("home").toString(), "JINN_AOT", "0",
                "PATH", fakeBin + ":" + System.getenv("PATH"));
        List<Result> rs = together(List.of(List.of(jinn, "--version"), List.of(jinn, "--version")), env);
        for (Result r : rs) {
            assertEquals(0, r.status, r.toString());
            assertEquals(version, r.out.strip(), r.toString());
        }
        List<String> runs = Files.readAllLines(log);
        assertEquals(2, runs.size(), "Maven ran once, start to end, not twice at once: " + runs);
        assertTrue(runs.get(0).startsWith("start ") && runs.get(1).startsWith("end "), runs.toString());
        assertTrue(rs.stream().anyMatch(r -> r.err.contains("another jinn is building jinn; waiting")), rs.toString());
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) return true;
        }
        return false;
    }
}
