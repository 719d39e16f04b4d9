package jinn.accel;

import jdk.incubator.vector.FloatVector;

/**
 * A register-tiled GEMM micro-kernel: C[mr×nr] (=|+=) alpha · Apanel · Bpanel over kc steps, where
 * the panels are packed so that each step reads nr contiguous values of B and mr values of A: side
 * by side, or one from each of mr rows a constant {@link #aRowStride} apart.
 *
 * <p>One subclass per vector width, each with its species as a {@code static final} constant: a
 * species held in a field or passed as an argument stops the JIT from turning vector calls into
 * instructions. Exactly one subclass is loaded per JVM, so the virtual call to {@link #tile} is
 * monomorphic and inlined.
 */
abstract class GemmKernel {

    /**
     * Whether the JVM fuses multiply-adds (-XX:+UseFMA, on by default where the CPU has FMA3). Without
     * it FloatVector.fma has no intrinsic and boxes every vector: a 64³ GEMM allocated 60 MB and ran
     * at 0.0 GFLOP/s (-XX:-UseFMA here). The kernels then multiply and add, which C2 compiles on any
     * x86 with SSE or AVX (CPUs before 2013, and VMs that hide FMA).
     */
    private static final boolean FMA = jvmFusesMultiplyAdd();

    private static boolean jvmFusesMultiplyAdd() {
        try {
            var vm = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return vm == null || !"false".equals(vm.getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError e) {
            return true; // not HotSpot, or no management module: assume the usual case
        }
    }

    /** a·b + c for every kernel: fused where the JVM has FMA, else a multiply and an add ({@link #FMA} is a constant to C2). */
    static FloatVector fma(FloatVector a, FloatVector b, FloatVector c) {
        return FMA ? a.fma(b, c) : a.mul(b).add(c);
    }

    /** Vector width in bits; rows and columns of the register tile. */
    final int bits, mr, nr;
    /** Cache blocking: depth of a packed panel, rows of a packed A block, columns of a packed B block. */
    final int kc, mc, nc;

    /**
     * Whether the kernel may read a row-major B where it is, nr floats of each row, instead of a
     * packed panel. Only the 8×32 tile gains: each B row it loads is two full cache lines used by
     * 16 FMAs, and skipping the pack made one-thread GEMMs at the MLP's shapes 3–5% faster and
     * MNIST inference 5%. The 4×16 tile lost 5–25% (one line per step, for 8 FMAs; measured on
     * the same Zen 4 with -XX:UseAVX=2). Kernels without it are passed bStep == nr only and step by
     * the constant, one variable fewer in a loop that has 16 registers (medians 1.00–1.03× so).
     */
    final boolean plainB;

    /**
     * How a packed A panel lies: 0 where each step's mr values sit side by side (a[ai + p·mr + r]),
     * else by rows, this many floats apart (a[ai + r·aRowStride + p]), at least kc. By rows, packing a
     * row-major A copies rows and a transposed one transposes; side by side, the other way round.
     */
    final int aRowStride;

    GemmKernel(int bits, int mr, int nr, int kc, int mc, int nc) {
        this(bits, mr, nr, kc, mc, nc, 0);
    }

    GemmKernel(int bits, int mr, int nr, int kc, int mc, int nc, int aRowStride) {
        if (aRowStride != 0 && aRowStride < kc) throw new IllegalArgumentException("A rows " + aRowStride + " apart cannot hold kc = " + kc);
        this.aRowStride = aRowStride;
        this.bits = bits;
        this.plainB = bits == 512;
        this.mr = mr;
        this.nr = nr;
        this.kc = kc;
        this.mc = mc;
        this.nc = nc;
    }

    /**
     * One tile: c[ci + r·ldc + j] (+)= Σp a[ai + p·mr + r] · b[bi + p·bStep + j] (a[ai + r·aRowStride + p]
     * where {@link #aRowStride} is set), adding to C when
     * {@code add}, else overwriting it. alpha and beta are applied by the caller (alpha while
     * packing A, beta before the first panel): the fewer vector calls in here, the surer C2 is to
     * inline and intrinsify every one of them, and a single one left out boxes a vector per step.
     */
    abstract void tile(int kc, float[] a, int ai, float[] b, int bi, int bStep, float[] c, int ci, int ldc, boolean add);

    /**
     * The same tile, which also copies the nr values of B it reads at each step to bc[bci + p·nr + j]:
     * a B panel read in place is packed by the first tile that reads it, so the tiles after it read
     * the copy, contiguous in L1.
     */
    void tileCopyingB(int kc, float[] a, int ai, float[] b, int bi, int bStep, float[] bc, int bci, float[] c, int ci, int ldc, boolean add) {
        tile(kc, a, ai, b, bi, bStep, c, ci, ldc, add);
        for (int p = 0; p < kc; p++) System.arraycopy(b, bi + p * bStep, bc, bci + p * nr, nr);
    }

    /** What a person reads in the backend description. */
    final String describe() {
        return mr + "x" + nr + " FMA tile, " + bits + "-bit vectors";
    }

    /** The kernel that fits the widest vectors this CPU runs natively. */
    static GemmKernel forThisCpu() {
        return switch (FloatVector.SPECIES_PREFERRED.vectorBitSize()) {
            case 512 -> new GemmKernel512();
            case 256 -> new GemmKernel256();
            default -> new GemmKernel128();
        };
    }
}
