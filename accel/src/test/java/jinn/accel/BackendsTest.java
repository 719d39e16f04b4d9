package jinn.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a backend is chosen. The first choice happens once per JVM, so the override rules
 * (-Djinn.backend, JINN_BACKEND) are checked in child JVMs started with those settings.
 */
class BackendsTest {

    @Test
    void cpuIsFoundAndRankedAboveScalar() {
        List<String> names = Backends.available().stream().map(Backend::name).toList();
        assertEquals(List.of("cpu", "scalar"), names, "available backends, best first");
    }

    @Test
    void findIgnoresCaseAndSpaces() {
        assertTrue(Backends.find(" CPU ") instanceof CpuBackend);
        assertTrue(Backends.find("scalar") instanceof ScalarBackend);
    }

    @Test
    void unknownNameListsTheChoices() {
        var e = assertThrows(IllegalArgumentException.class, () -> Backends.find("fpga9000"));
        assertEquals("no backend named 'fpga9000'. Available: cpu, scalar", e.getMessage());
    }

    @Test
    void tornadoAndGpuNamesSayTornadoVmIsNotInstalled() {
        var e = assertThrows(IllegalArgumentException.class, () -> Backends.find("tornado"));
        assertEquals("no backend named 'tornado': TornadoVM is not installed in this build of jinn. To use it, install"
                + " the TornadoVM SDK, set TORNADOVM_HOME and rebuild; README.md (\"Choosing a backend\") and"
                + " accel-tornado/README.md say how. Available: cpu, scalar", e.getMessage());
        var gpu = assertThrows(IllegalArgumentException.class, () -> Backends.find("GPU"));
        assertEquals(true, gpu.getMessage().startsWith("no backend named 'gpu' (GPUs and OpenCL devices are reached through"
                + " the 'tornado' backend): TornadoVM is not installed"), gpu.getMessage());
    }

    @Test
    void useSwitchesAndSaysWhy() {
        Backend before = Backends.current();
        try {
            Backend scalar = Backends.use("scalar");
            assertSame(scalar, Backends.current());
            assertEquals("chosen with Backends.use(\"scalar\")", Backends.selectionReason());
        } finally {
            Backends.use(before);
        }
    }

    @Test
    void cpuBackendDescribesItselfAndRejectsZeroThreads() {
        CpuBackend cpu = new CpuBackend(2);
        assertEquals(2, cpu.threads());
        assertTrue(cpu.description().startsWith("CPU ") && cpu.description().contains("2 threads")
                && cpu.description().contains("-bit vectors"), "description: " + cpu.description());
        var e = assertThrows(IllegalArgumentException.class, () -> new CpuBackend(0));
        assertEquals("cpu backend: threads must be at least 1, received 0", e.getMessage());
    }

    @Test
    void defaultIsTheFastestAvailable() throws Exception {
        assertEquals("cpu | the fastest available (override with -Djinn.backend= or JINN_BACKEND)",
                probe(List.of(), Map.of()));
    }

    @Test
    void systemPropertyOverrides() throws Exception {
        assertEquals("scalar | chosen by -Djinn.backend=scalar", probe(List.of("-Djinn.backend=scalar"), Map.of()));
    }

    @Test
    void environmentVariableOverrides() throws Exception {
        assertEquals("scalar | chosen by JINN_BACKEND=scalar", probe(List.of(), Map.of("JINN_BACKEND", "scalar")));
    }

    @Test
    void systemPropertyWinsOverEnvironment() throws Exception {
        assertEquals("cpu | chosen by -Djinn.backend=cpu",
                probe(List.of("-Djinn.backend=cpu"), Map.of("JINN_BACKEND", "scalar")));
    }

    @Test
    void unknownOverrideIsAnErrorListingTheChoices() throws Exception {
        assertEquals("error: no backend named 'tpu'. Available: cpu, scalar", probe(List.of("-Djinn.backend=tpu"), Map.of()));
    }

    @Test
    void withoutTheVectorModuleCpuStepsAsideForScalar() throws Exception {
        assertEquals("scalar | the fastest available (override with -Djinn.backend= or JINN_BACKEND)",
                probe(List.of(), Map.of(), false));
    }

    /** What jinn's launcher passes on JDK 25+ instead of --add-modules (see VectorModule). */
    private static final List<String> OPEN_FOR_VECTOR_MODULE = List.of(
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-exports", "java.base/jdk.internal.loader=ALL-UNNAMED");

    @Test
    void withTheJdkPackagesOpenCpuLoadsTheVectorModuleItself() throws Exception {
        assertEquals("cpu | the fastest available (override with -Djinn.backend= or JINN_BACKEND)",
                probe(OPEN_FOR_VECTOR_MODULE, Map.of(), false));
    }

    @Test
    void loadingTheVectorModuleCanBeTurnedOff() throws Exception {
        List<String> args = new ArrayList<>(OPEN_FOR_VECTOR_MODULE);
        args.add("-Djinn.vector.load=false");
        assertEquals("scalar | the fastest available (override with -Djinn.backend= or JINN_BACKEND)",
                probe(args, Map.of(), false));
    }

    @Test
    void aVectorModuleLoadedAtRunTimeIsTheBootLoadersAndItsKernelsAreCompiled() throws Exception {
        // On the boot loader the JIT trusts the Vector API's @ForceInline and intrinsics; a warm GEMM
        // that allocated would mean they were lost and every vector op is a boxed object.
        assertEquals("loader null | in boot layer false | gemm error below 1e-4 true | warm bytes per call below 1 KB true",
                probe(OPEN_FOR_VECTOR_MODULE, Map.of(), false, VectorModuleProbe.class));
        assertEquals("loader null | in boot layer true | gemm error below 1e-4 true | warm bytes per call below 1 KB true",
                probe(List.of(), Map.of(), true, VectorModuleProbe.class));
    }

    @Test
    void withoutFusedMultiplyAddTheKernelsStillRunAsVectorCode() throws Exception {
        // A CPU or VM without FMA3 (-XX:-UseFMA is what the JVM sets there): FloatVector.fma has no
        // intrinsic and boxed every vector, 60 MB per 64³ GEMM; the kernels multiply and add instead.
        assertEquals("loader null | in boot layer true | gemm error below 1e-4 true | warm bytes per call below 1 KB true",
                probe(List.of("-XX:-UseFMA"), Map.of(), true, VectorModuleProbe.class));
    }

    private static String probe(List<String> jvmArgs, Map<String, String> env) throws IOException, InterruptedException {
        return probe(jvmArgs, env, true);
    }

    private static String probe(List<String> jvmArgs, Map<String, String> env, boolean vectorModule)
            throws IOException, InterruptedException {
        return probe(jvmArgs, env, vectorModule, BackendProbe.class);
    }

    private static String probe(List<String> jvmArgs, Map<String, String> env, boolean vectorModule, Class<?> main)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (vectorModule) cmd.add("--add-modules=jdk.incubator.vector");
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("JINN_BACKEND");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "probe JVM exit status; output:\n" + out);
        // The incubator module announces itself on stderr; the probe's answer is the last line.
        String[] lines = out.strip().split("\\R");
        return lines[lines.length - 1];
    }
}
