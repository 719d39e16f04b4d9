package jinn.bench;

import java.util.Map;
import jdk.incubator.vector.FloatVector;

/**
 * {@code bin/bench --avx2}: the whole table held to AVX2 on an AVX-512 machine, so the code paths an AVX2
 * machine (Zen 3) runs can be measured, and improved, where only AVX-512 machines are at hand. jinn runs
 * with {@code -XX:UseAVX=2} (bin/bench puts it in JAVA_TOOL_OPTIONS, so the first-epoch and notebook
 * processes get it too), which makes its 256-bit 4×16 GEMM tile the one chosen; OpenBLAS, in this JVM and
 * under PyTorch, runs its Haswell kernels, the ones its Zen target uses on an AVX2 Zen; PyTorch's own
 * kernels are held to AVX2 ({@code ATEN_CPU_CAPABILITY}) and so is oneDNN's JIT. The caches, memory and
 * clock are still this machine's: figures from it are the AVX2 code on this core, not an AVX2 machine.
 */
final class Avx2Only {

    private Avx2Only() {}

    /** Set by bin/bench --avx2, which also starts this JVM with -XX:UseAVX=2. */
    static final boolean ON = Boolean.getBoolean("jinn.bench.avx2");

    /** OpenBLAS's core type for AVX2: its Zen target uses the same single-precision kernels. */
    static final String OPENBLAS_CORE = "Haswell";

    /** What holds each peer to AVX2: OpenBLAS, ATen's own kernels, oneDNN's JIT (both spellings). */
    private static final Map<String, String> PEER_ENVIRONMENT = Map.of(
            "OPENBLAS_CORETYPE", OPENBLAS_CORE,
            "ATEN_CPU_CAPABILITY", "avx2",
            "DNNL_MAX_CPU_ISA", "AVX2",
            "ONEDNN_MAX_CPU_ISA", "AVX2");

    /** Holds a PyTorch child to AVX2 when the table is. */
    static void peerEnvironment(Map<String, String> env) {
        if (ON) env.putAll(PEER_ENVIRONMENT);
    }

    /**
     * For an argument --avx2: exits with a message unless this JVM is held to AVX2 as bin/bench --avx2
     * starts it, so that figures are never labelled AVX2 where they are not.
     */
    static void requested() {
        String why = unheld(ON, FloatVector.SPECIES_PREFERRED.vectorBitSize());
        if (why != null) {
            System.err.println("bench: " + why);
            System.exit(2);
        }
    }

    /** Why --avx2 does not hold in a JVM with the mode {@code on} and vectors this wide; null when it does. */
    static String unheld(boolean on, int vectorBits) {
        if (!on) return "--avx2 needs bin/bench --avx2, which starts this JVM with -XX:UseAVX=2";
        if (vectorBits > 256) return "--avx2, but this JVM's vectors are " + vectorBits + " bits (-XX:UseAVX=2 did not take)";
        return null;
    }

    /**
     * Null when the mode is off or in force; else why not (the OpenBLAS loaded here on other kernels),
     * which makes the table refuse to run.
     */
    static String problem(boolean on, String openBlasCore) {
        if (!on) return null;
        if (!OPENBLAS_CORE.equals(openBlasCore)) {
            return "--avx2, but OpenBLAS here runs the kernels for " + openBlasCore + ", not " + OPENBLAS_CORE
                    + ": run it through bin/bench --avx2, which sets OPENBLAS_CORETYPE for this JVM";
        }
        return null;
    }

    static String describe() {
        return "AVX2 only (--avx2): jinn with -XX:UseAVX=2, OpenBLAS on its " + OPENBLAS_CORE + " kernels, PyTorch with"
                + " ATEN_CPU_CAPABILITY=avx2 and oneDNN at AVX2, on this machine's caches and clock";
    }
}
