package jinn.accel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every op of every backend that {@link Backends#available()} finds, compared with
 * {@link ScalarBackend}. A new backend (TornadoVM, ...) runs this suite by registering itself.
 *
 * <p>Tolerances, stated per op: GEMM may differ from the double-accumulated reference by
 * (k + 2) · 2⁻²³ · (|alpha| Σp|a·b| + |beta·c|), the classic bound for a float dot product of
 * length k in any summation order. Ops built from IEEE-exact operations (+ − × ÷ √, compares,
 * blends) must match bit for bit. exp, log, tanh, pow and what is built from them may differ by
 * 1e-5 relative (about 80 ulps: vector math libraries promise a few ulps; sigmoid and softmax
 * add a division and a shift) plus 1e-6 absolute near zero.
 */
class BackendConformanceTest {

    private static final ScalarBackend REF = new ScalarBackend();
    private static final float EPS = Math.ulp(1f);
    private static final double FUNCTION_REL = 1e-5, FUNCTION_ABS = 1e-6;

    /** Sizes around the vector widths (4, 8, 16 lanes) and the GEMM tiles (6×16, 8×32). */
    private static final int[] LENGTHS = {0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 1027};

    private static Stream<Backend> backends() {
        List<Backend> found = Backends.available();
        assertTrue(found.stream().anyMatch(b -> b.name().equals("cpu")),
                "expected the cpu backend among the available ones, found " + found.stream().map(Backend::name).toList());
        return found.stream().filter(b -> !(b instanceof ScalarBackend));
    }

    // ---------------------------------------------------------------- GEMM

    /**
     * Up to {@link Gemm#SMALL_MACS} multiply-adds (512) the CPU backend takes its small path, plain dot
     * products: 2×4×3 is the tutorials' 2×3·3×4 (the bench's tiny row), 4×1×2 the perceptron's, 8×8×8
     * the last size on that path and 8×8×9 the first past it. 130×250×70 and 97×113×600 take the
     * parallel path by columns, 301×37×150 by rows (≥ 2²⁰ multiply-adds). NT 16×25×2304 (a first
     * convolution's weight gradient) and 5×3×2063 (odd rows, a short last block of columns, a k that
     * leaves a scalar tail) take the dot-product path ({@link GemmDots}), and NT 9×70×2050 its way for a
     * wide C (B's rows outside, on two threads, a short last block of 2 columns).
     */
    private static final int[][] GEMM_SHAPES = {
            {1, 1, 1}, {2, 3, 4}, {2, 4, 3}, {4, 1, 2}, {8, 8, 8}, {8, 8, 9}, {1, 17, 5}, {7, 1, 9}, {5, 7, 3}, {6, 16, 8}, {13, 31, 17}, {8, 32, 1},
            {33, 65, 129}, {64, 64, 64}, {3, 5, 1031}, {130, 250, 70}, {97, 113, 600}, {250, 9, 300}, {301, 37, 150}, {2, 2100, 20},
            {16, 25, 2304}, {5, 3, 2063}, {9, 70, 2050},
    };
    /** {alpha, beta}; beta 0 runs with NaN in C, which must not leak through. */
    private static final float[][] ALPHA_BETA = {{1, 0}, {0.5f, 0}, {1, 1}, {-1.5f, 0.25f}, {0, 2}};

    @TestFactory
    Stream<DynamicNode> gemm() {
        return backends().map(backend -> {
            List<DynamicNode> cases = new ArrayList<>();
            for (int[] s : GEMM_SHAPES) {
                for (int t = 0; t < 4; t++) {
                    boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                    for (float[] ab : ALPHA_BETA) {
                        String name = String.format("%s%s m=%d n=%d k=%d alpha=%s beta=%s",
                                ta ? "T" : "N", tb ? "T" : "N", s[0], s[1], s[2], ab[0], ab[1]);
                        cases.add(dynamicTest(name, () -> checkGemm(backend, ta, tb, s[0], s[1], s[2], ab[0], ab[1])));
                    }
                }
            }
            return dynamicContainer(backend.name(), cases);
        });
    }

    /**
     * Parallel calls that share one packed operand over several k blocks, split by columns and by
     * rows: the blocks are packed, a slice at a time, by whichever thread needs each first, while
     * others compute.
     */
    @TestFactory
    Stream<DynamicNode> gemmParallelWithSharedPacking() {
        // {48, 784, 300}: bands of unequal width (784 columns are 24.5 AVX-512 panels); {300, 288, 250}:
        // a shared B of one k block in several slices. Splits by rows share B only beyond
        // Gemm.PRIVATE_B_MAX floats, so those shapes' B is larger.
        int[][] shapes = {{64, 300, 700}, {300, 140, 600}, {130, 131, 1030}, {48, 784, 300}, {300, 288, 250}};
        CpuBackend cpu = new CpuBackend(2);
        return eachTranspose(shapes, (ta, tb, m, n, k) -> {
            assertTrue((long) m * n * k >= Gemm.PARALLEL_MIN_MACS, "too small to go parallel");
            for (int round = 0; round < 3; round++) checkGemm(cpu, ta, tb, m, n, k, 1f, round == 2 ? 1f : 0f);
        });
    }

    /**
     * Splits by rows whose B is small enough for each thread to pack all of it (Gemm.PRIVATE_B_MAX), as
     * the MLP's weight gradients: each thread then reads only what it wrote.
     */
    @TestFactory
    Stream<DynamicNode> gemmParallelByRowsWithAPrivateSmallB() {
        int[][] shapes = {{784, 256, 64}, {300, 40, 600}, {257, 100, 130}};
        CpuBackend cpu = new CpuBackend(2);
        return eachTranspose(shapes, (ta, tb, m, n, k) -> {
            assertTrue((long) m * n * k >= Gemm.PARALLEL_MIN_MACS && m > n, "not a parallel split by rows");
            assertTrue((long) (n + 31) / 32 * 32 * k <= Gemm.PRIVATE_B_MAX, "B too big to pack on each thread");
            checkGemm(cpu, ta, tb, m, n, k, 1f, 0f);
            checkGemm(cpu, ta, tb, m, n, k, -1.5f, 0.25f);
        });
    }

    /**
     * Splits by columns whose row-major A is small enough for each thread to pack all of it
     * (Gemm.PRIVATE_A_MAX), with the AVX-512 kernel, which packs A by rows (emulated where not native),
     * and with this CPU's: both its private path and, for a transposed or larger A, the shared one.
     */
    @TestFactory
    Stream<DynamicNode> gemmParallelByColumnsWithAPrivateSmallA() {
        int[][] shapes = {{64, 300, 700}, {48, 784, 300}, {36, 100, 300}, {136, 137, 1000}};
        return Stream.of(new GemmKernel512(), Gemm.KERNEL).map(kernel -> {
            Backend backend = new CpuBackend(2, kernel);
            return dynamicContainer(kernel.describe(), eachTranspose(shapes, (ta, tb, m, n, k) -> {
                assertTrue((long) m * n * k >= Gemm.PARALLEL_MIN_MACS && n >= m, "not a parallel split by columns");
                assertEquals(m != 136, (long) (m + 7) / 8 * 8 * k <= Gemm.PRIVATE_A_MAX, "only the last shape's A is too big to pack on each thread");
                checkGemm(backend, ta, tb, m, n, k, 1f, 0f);
                checkGemm(backend, ta, tb, m, n, k, -1.5f, 0.25f);
            }));
        });
    }

    /** Parallel calls whose shared operand is too big to pack whole: each thread packs its own band. */
    @TestFactory
    Stream<DynamicNode> gemmParallelWithoutSharedPacking() {
        int[][] shapes = {{130, 250, 70}, {301, 37, 150}, {97, 113, 600}};
        CpuBackend cpu = new CpuBackend(2);
        return eachTranspose(shapes, (ta, tb, m, n, k) -> {
            long saved = Gemm.sharedPackMax;
            Gemm.sharedPackMax = 0;
            try {
                checkGemm(cpu, ta, tb, m, n, k, -1.5f, 0.25f);
            } finally {
                Gemm.sharedPackMax = saved;
            }
        });
    }

    /**
     * Each vector width's micro-kernel, also those this CPU does not run natively (the Vector API
     * emulates them, slowly, so the shapes stay small): an AVX2 machine still checks the AVX-512
     * kernel's packing and edges.
     */
    @TestFactory
    Stream<DynamicNode> gemmEveryKernel() {
        // n of 33 and 70 give whole column panels and a tail (the AVX-512 kernel reads the whole ones
        // of a plain B in place, its first row tile copying each for the next ones, m of 9 and more;
        // the tail packed; B's NaN padding shows a read past them); k of 300 gives two k blocks of both.
        int[][] shapes = {{1, 1, 1}, {9, 33, 17}, {17, 70, 9}, {3, 5, 260}, {10, 40, 300}};
        return Stream.of(new GemmKernel128(), new GemmKernel256(), new GemmKernel512()).map(kernel -> {
            Backend backend = new CpuBackend(2, kernel);
            return dynamicContainer(kernel.describe(),
                    eachTranspose(shapes, (ta, tb, m, n, k) -> checkGemm(backend, ta, tb, m, n, k, -1.5f, 0.25f)));
        });
    }

    /** One GEMM check of a shape with the given transposes. */
    private interface GemmCase {
        void check(boolean transA, boolean transB, int m, int n, int k) throws Throwable;
    }

    /** One dynamic test per shape {m, n, k} and combination of transposes, named "TN m=.. n=.. k=..". */
    private static Stream<DynamicNode> eachTranspose(int[][] shapes, GemmCase body) {
        return Arrays.stream(shapes).flatMap(s -> java.util.stream.IntStream.range(0, 4).mapToObj(t -> {
            boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
            return dynamicTest(String.format("%s%s m=%d n=%d k=%d", ta ? "T" : "N", tb ? "T" : "N", s[0], s[1], s[2]),
                    () -> body.check(ta, tb, s[0], s[1], s[2]));
        }));
    }

    /**
     * Operands sit inside larger buffers: an offset in front, and rows padded to a leading dimension
     * wider than the matrix. Padding is NaN in A and B (reading it would poison C) and a sentinel in C
     * (writing it is a bug).
     */
    private static void checkGemm(Backend backend, boolean ta, boolean tb, int m, int n, int k, float alpha, float beta) {
        Random rnd = new Random(31L * m + 17L * n + k + (ta ? 5 : 0) + (tb ? 7 : 0));
        int aRows = ta ? k : m, aCols = ta ? m : k, bRows = tb ? n : k, bCols = tb ? k : n;
        int lda = aCols + 3, ldb = bCols + 11, ldc = n + 5, aOff = 7, bOff = 2, cOff = 13;
        float[] a = padded(rnd, aOff, aRows, aCols, lda, Float.NaN);
        float[] b = padded(rnd, bOff, bRows, bCols, ldb, Float.NaN);
        float[] c = padded(rnd, cOff, m, n, ldc, 1234.5f);
        if (beta == 0) {
            for (int i = 0; i < m; i++) Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, Float.NaN);
        }
        float[] expected = c.clone(), got = c.clone();
        REF.gemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, expected, cOff, ldc);
        backend.gemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, got, cOff, ldc);

        // The magnitude each element's error scales with: the same product on absolute values.
        float[] absA = abs(a), absB = abs(b), mag = abs(c);
        if (beta == 0) mag = new float[c.length];
        REF.gemm(ta, tb, m, n, k, Math.abs(alpha), absA, aOff, lda, absB, bOff, ldb, Math.abs(beta), mag, cOff, ldc);
        for (int i = 0; i < c.length; i++) {
            int rel = i - cOff, row = rel / ldc, col = rel % ldc;
            boolean inside = rel >= 0 && row < m && col < n;
            if (!inside) {
                if (Float.floatToRawIntBits(got[i]) != Float.floatToRawIntBits(c[i])) {
                    fail("wrote outside C at buffer index " + i + ": expected " + c[i] + " untouched, received " + got[i]);
                }
                continue;
            }
            double tol = (k + 2) * EPS * mag[i] + Float.MIN_NORMAL;
            if (!(Math.abs(got[i] - expected[i]) <= tol)) {
                fail(String.format("C[%d][%d]: expected %s, received %s (tolerance %.3g)", row, col, expected[i], got[i], tol));
            }
        }
    }

    private static float[] padded(Random rnd, int off, int rows, int cols, int ld, float pad) {
        float[] x = new float[off + Math.max(0, rows - 1) * ld + cols + 4];
        Arrays.fill(x, pad);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) x[off + r * ld + j] = rnd.nextFloat() * 2 - 1;
        }
        return x;
    }

    private static float[] abs(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Float.isNaN(x[i]) ? 0f : Math.abs(x[i]);
        return y;
    }

    // ---------------------------------------------------------------- elementwise

    private static boolean exactOp(UnaryOp op) {
        return switch (op) {
            case EXP, LOG, POW, SIGMOID, TANH -> false;
            default -> true;
        };
    }

    private static float paramOf(UnaryOp op) {
        return switch (op) {
            case POW -> 2.5f;
            case SCALE -> -1.7f;
            case ADD_SCALAR -> 0.3f;
            case LEAKY_RELU -> 0.1f;
            default -> 0f;
        };
    }

    /** Inputs inside each op's domain; exp and friends also see large magnitudes. */
    private static float[] inputs(UnaryOp op, int n, int off, Random rnd) {
        float[] x = new float[off + n + 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (op) {
                case LOG, SQRT, POW, RECIPROCAL -> 0.05f + 4 * rnd.nextFloat();
                case EXP -> 40 * rnd.nextFloat() - 20;
                case SIGMOID, TANH -> 60 * rnd.nextFloat() - 30;
                default -> 10 * rnd.nextFloat() - 5;
            };
        }
        if (n > 2 && op != UnaryOp.LOG && op != UnaryOp.SQRT && op != UnaryOp.POW && op != UnaryOp.RECIPROCAL) {
            x[off] = 0f;
            x[off + 1] = -0f;
        }
        return x;
    }

    @TestFactory
    Stream<DynamicNode> map() {
        return backends().map(backend -> dynamicContainer(backend.name(), Arrays.stream(UnaryOp.values()).flatMap(op ->
                Arrays.stream(LENGTHS).mapToObj(n -> dynamicTest(op + " n=" + n, () -> {
                    Random rnd = new Random(op.ordinal() * 1000L + n);
                    int xOff = 3, yOff = 5;
                    float[] x = inputs(op, n, xOff, rnd);
                    float[] expected = new float[yOff + n + 2], got = new float[yOff + n + 2];
                    Arrays.fill(expected, 99f);
                    Arrays.fill(got, 99f);
                    REF.map(op, paramOf(op), x, xOff, expected, yOff, n);
                    backend.map(op, paramOf(op), x, xOff, got, yOff, n);
                    assertClose(op + " n=" + n, expected, got, exactOp(op));
                })))));
    }

    @TestFactory
    Stream<DynamicNode> mapBackward() {
        return backends().map(backend -> dynamicContainer(backend.name(), Arrays.stream(UnaryOp.values())
                .filter(op -> op != UnaryOp.STEP).flatMap(op ->
                Arrays.stream(LENGTHS).mapToObj(n -> dynamicTest(op + " n=" + n, () -> {
                    Random rnd = new Random(op.ordinal() * 7000L + n);
                    int xOff = 1, yOff = 4, dyOff = 2, dxOff = 6;
                    float p = paramOf(op);
                    float[] x = inputs(op, n, xOff, rnd);
                    float[] y = new float[yOff + n];
                    REF.map(op, p, x, xOff, y, yOff, n);
                    float[] dy = new float[dyOff + n];
                    for (int i = 0; i < dy.length; i++) dy[i] = rnd.nextFloat() * 2 - 1;
                    float[] expected = new float[dxOff + n + 3];
                    for (int i = 0; i < expected.length; i++) expected[i] = rnd.nextFloat();
                    float[] got = expected.clone();
                    REF.mapBackward(op, p, x, xOff, y, yOff, dy, dyOff, expected, dxOff, n);
                    backend.mapBackward(op, p, x, xOff, y, yOff, dy, dyOff, got, dxOff, n);
                    // The derivative of POW goes through pow itself; everything else is exact arithmetic.
                    assertClose(op + "' n=" + n, expected, got, op != UnaryOp.POW);
                })))));
    }

    @TestFactory
    Stream<DynamicNode> stepHasNoGradient() {
        return backends().map(backend -> dynamicTest(backend.name(), () -> {
            float[] v = new float[4];
            var e = assertThrows(UnsupportedOperationException.class,
                    () -> backend.mapBackward(UnaryOp.STEP, 0, v, 0, v, 0, v, 0, v.clone(), 0, 4));
            assertEquals("step has no gradient: it is flat everywhere except a jump at 0", e.getMessage());
        }));
    }

    @TestFactory
    Stream<DynamicNode> zip() {
        int[][] incs = {{1, 1}, {0, 1}, {1, 0}, {0, 0}};
        return backends().map(backend -> dynamicContainer(backend.name(), Arrays.stream(BinaryOp.values()).flatMap(op ->
                Arrays.stream(incs).flatMap(inc -> Arrays.stream(LENGTHS).mapToObj(n ->
                        dynamicTest(op + " aInc=" + inc[0] + " bInc=" + inc[1] + " n=" + n, () -> {
                            Random rnd = new Random(op.ordinal() * 100L + n + inc[0] * 3 + inc[1]);
                            int aOff = 2, bOff = 9, outOff = 4;
                            float[] a = new float[aOff + n + 1], b = new float[bOff + n + 1];
                            for (int i = 0; i < a.length; i++) a[i] = rnd.nextInt(7) - 3 + rnd.nextInt(2) * 0.5f;
                            for (int i = 0; i < b.length; i++) b[i] = rnd.nextInt(7) - 3 + 0.25f * rnd.nextInt(3);
                            b[bOff] = b[bOff] == 0 ? 1 : b[bOff]; // the broadcast divisor
                            float[] expected = new float[outOff + n + 2], got = new float[outOff + n + 2];
                            Arrays.fill(expected, -7f);
                            Arrays.fill(got, -7f);
                            REF.zip(op, n, a, aOff, inc[0], b, bOff, inc[1], expected, outOff);
                            backend.zip(op, n, a, aOff, inc[0], b, bOff, inc[1], got, outOff);
                            assertClose(op + " n=" + n, expected, got, true);
                        }))))));
    }

    // ---------------------------------------------------------------- reductions and softmax

    @TestFactory
    Stream<DynamicNode> reduce() {
        int[][] shapes = {{1, 1, 1}, {3, 17, 1}, {2, 1000, 1}, {1, 1027, 1}, {4, 7, 3}, {2, 33, 17}, {3, 5, 64}, {2, 0, 5}, {1, 0, 1}};
        return backends().map(backend -> dynamicContainer(backend.name(), Arrays.stream(ReduceOp.values()).flatMap(op ->
                Arrays.stream(shapes).map(s -> dynamicTest(op + " outer=" + s[0] + " len=" + s[1] + " inner=" + s[2], () -> {
                    Random rnd = new Random(op.ordinal() + 31L * s[1] + s[2]);
                    int xOff = 5, outOff = 3, size = s[0] * s[1] * s[2];
                    float[] x = new float[xOff + size + 2];
                    for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat() * 8 - 4;
                    float[] expected = new float[outOff + s[0] * s[2] + 2], got = new float[expected.length];
                    REF.reduce(op, x, xOff, s[0], s[1], s[2], expected, outOff);
                    backend.reduce(op, x, xOff, s[0], s[1], s[2], got, outOff);
                    for (int i = 0; i < expected.length; i++) {
                        // A float sum of len terms may be off by (len + 2)·eps relative to Σ|x|; max and min are exact.
                        double tol = op == ReduceOp.SUM ? (s[1] + 2) * EPS * 4 * s[1] : 0;
                        if (!(Math.abs(expected[i] - got[i]) <= tol) && !(Float.compare(expected[i], got[i]) == 0)) {
                            fail(op + " out[" + i + "]: expected " + expected[i] + ", received " + got[i] + " (tolerance " + tol + ")");
                        }
                    }
                })))));
    }

    private static final int[][] ROWS_COLS = {{1, 1}, {3, 7}, {2, 10}, {5, 33}, {4, 1000}, {128, 10}};

    @TestFactory
    Stream<DynamicNode> softmax() {
        return backends().map(backend -> dynamicContainer(backend.name(), Stream.of(false, true).flatMap(log ->
                Arrays.stream(ROWS_COLS).map(s -> dynamicTest((log ? "log" : "") + "softmax " + s[0] + "x" + s[1], () -> {
                    Random rnd = new Random(s[0] * 7L + s[1]);
                    int xOff = 3, outOff = 1;
                    float[] x = new float[xOff + s[0] * s[1]];
                    for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat() * 20 - 10;
                    float[] expected = new float[outOff + s[0] * s[1] + 2], got = new float[expected.length];
                    REF.softmax(x, xOff, s[0], s[1], expected, outOff, log);
                    backend.softmax(x, xOff, s[0], s[1], got, outOff, log);
                    assertClose("softmax", expected, got, false);
                })))));
    }

    /** Activations and softmax may write over their input (the inference plan runs them in place). */
    @TestFactory
    Stream<DynamicNode> activationsAndSoftmaxInPlace() {
        return Stream.concat(backends(), Stream.of(REF)).map(backend -> dynamicTest(backend.name(), () -> {
            Random rnd = new Random(5);
            int off = 3, rows = 7, cols = 33, n = rows * cols;
            float[] x = new float[off + n];
            for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat() * 8 - 4;
            for (UnaryOp op : DenseChain.ACTIVATIONS) {
                float[] apart = new float[off + n], inPlace = x.clone();
                backend.map(op, paramOf(op), x, off, apart, off, n);
                backend.map(op, paramOf(op), inPlace, off, inPlace, off, n);
                assertArrayEquals(Arrays.copyOfRange(apart, off, off + n), Arrays.copyOfRange(inPlace, off, off + n), 0f, op + " in place");
            }
            float[] apart = new float[off + n], inPlace = x.clone();
            backend.softmax(x, off, rows, cols, apart, off, false);
            backend.softmax(inPlace, off, rows, cols, inPlace, off, false);
            assertArrayEquals(Arrays.copyOfRange(apart, off, off + n), Arrays.copyOfRange(inPlace, off, off + n), 0f, "softmax in place");
        }));
    }

    @TestFactory
    Stream<DynamicNode> softmaxOfLargeLogitsStaysFinite() {
        return backends().map(backend -> dynamicTest(backend.name(), () -> {
            float[] x = {1010, 1000, 990}, p = new float[3], lp = new float[3];
            backend.softmax(x, 0, 1, 3, p, 0, false);
            backend.softmax(x, 0, 1, 3, lp, 0, true);
            float[] expected = {0.99995460f, 4.5397868e-05f, 2.0610600e-09f};
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[i], p[i], 1e-5 * expected[i], "softmax([1010, 1000, 990])[" + i + "]");
                assertEquals(Math.log(expected[i]), lp[i], 1e-4, "logSoftmax([1010, 1000, 990])[" + i + "]");
            }
        }));
    }

    @TestFactory
    Stream<DynamicNode> softmaxCrossEntropy() {
        return backends().map(backend -> dynamicContainer(backend.name(), Stream.of(true, false).flatMap(withGrad ->
                Arrays.stream(ROWS_COLS).map(s -> dynamicTest((withGrad ? "loss+grad " : "loss ") + s[0] + "x" + s[1], () -> {
                    Random rnd = new Random(s[0] * 13L + s[1]);
                    int off = 2, gradOff = 5, rows = s[0], cols = s[1];
                    float[] x = new float[off + rows * cols];
                    for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat() * 30 - 15;
                    int[] labels = rnd.ints(rows, 0, cols).toArray();
                    float scale = 1f / rows;
                    float[] expected = withGrad ? new float[gradOff + rows * cols + 1] : null;
                    float[] got = withGrad ? new float[expected.length] : null;
                    float refLoss = REF.softmaxCrossEntropy(x, off, rows, cols, labels, expected, gradOff, scale);
                    float loss = backend.softmaxCrossEntropy(x, off, rows, cols, labels, got, gradOff, scale);
                    assertEquals(refLoss, loss, FUNCTION_REL * Math.abs(refLoss) + FUNCTION_ABS * rows, "loss");
                    if (withGrad) assertClose("gradient", expected, got, false);
                })))));
    }

    @TestFactory
    Stream<DynamicNode> softmaxCrossEntropyNamesABadLabel() {
        return backends().filter(b -> b instanceof CpuBackend).map(backend -> dynamicTest(backend.name(), () -> {
            float[] x = new float[6];
            var e = assertThrows(IllegalArgumentException.class,
                    () -> backend.softmaxCrossEntropy(x, 0, 2, 3, new int[]{1, 3}, null, 0, 1f));
            assertEquals("softmaxCrossEntropy: label 3 at row 1 is out of range for 3 classes (valid: 0 to 2)", e.getMessage());
        }));
    }

    private static void assertClose(String what, float[] expected, float[] got, boolean exact) {
        assertEquals(expected.length, got.length, what + ": output length");
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i], g = got[i];
            if (Float.compare(e, g) == 0) continue;
            if (!exact && Math.abs(e - g) <= FUNCTION_REL * Math.abs(e) + FUNCTION_ABS) continue;
            fail(what + " at index " + i + ": expected " + e + ", received " + g + (exact ? " (must be exact)" : ""));
        }
    }

    // ---------------------------------------------------------------- im2col / col2im

    /**
     * {c, h, w, kH, kW, sH, sW, padTop, padLeft, outH, outW, n}: "valid" and "same" 3×3, 5×5 over
     * MNIST's 28×28, stride 2 with odd sizes, a window wider than the image with padding, 1×1, a
     * batch big enough (64 × 26 × 26 × 9 values) for the CPU backend's parallel path; and, without
     * padding, maps whose rows straddle the CPU's vectors (24, 4, 5, 7 and, wider than 16 lanes, 19
     * wide; a vertical stride of 2; windows that stop short of the image's last rows and columns); rows
     * of 16 and 8 (one or two rows a vector of 16 or 8 lanes: the unmasked path, and the masked one for
     * the windows near the end of the input), 5 rows of 8 (a last vector half full), 8 wide with a
     * vertical stride of 2.
     */
    private static final int[][] CONV_SHAPES = {
            {1, 5, 5, 3, 3, 1, 1, 0, 0, 3, 3, 2}, {2, 5, 5, 3, 3, 1, 1, 1, 1, 5, 5, 3}, {3, 7, 6, 5, 5, 2, 2, 2, 2, 4, 3, 2},
            {1, 4, 4, 5, 5, 1, 1, 2, 2, 4, 4, 1}, {4, 3, 3, 1, 1, 1, 1, 0, 0, 3, 3, 5}, {2, 9, 8, 3, 2, 3, 2, 0, 1, 3, 5, 3},
            {1, 28, 28, 3, 3, 1, 1, 0, 0, 26, 26, 64}, {16, 12, 12, 5, 5, 1, 1, 0, 0, 8, 8, 40},
            {1, 28, 28, 5, 5, 1, 1, 0, 0, 24, 24, 3}, {3, 7, 7, 4, 4, 1, 1, 0, 0, 4, 4, 5}, {2, 9, 7, 3, 3, 2, 1, 0, 0, 4, 5, 3},
            {1, 20, 20, 2, 2, 1, 1, 0, 0, 19, 19, 2}, {2, 6, 9, 2, 3, 1, 1, 0, 0, 3, 7, 3},
            {2, 18, 20, 3, 5, 1, 1, 0, 0, 16, 16, 3}, {1, 7, 10, 3, 3, 1, 1, 0, 0, 5, 8, 2}, {2, 11, 9, 4, 2, 2, 1, 0, 0, 4, 8, 3},
    };

    private static float[] random(int n, Random rnd) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) rnd.nextGaussian();
        return a;
    }

    private static ConvShape convShape(int[] s) {
        return new ConvShape(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10]);
    }

    /** Pure data movement: every backend must match the reference bit for bit, padding zeros included. */
    @TestFactory
    Stream<DynamicNode> im2col() {
        return backends().map(backend -> dynamicContainer(backend.name(), Arrays.stream(CONV_SHAPES).map(s -> dynamicTest(
                Arrays.toString(s), () -> {
                    ConvShape g = convShape(s);
                    int n = s[11];
                    float[] x = random(3 + n * g.imageSize(), new Random(s[0] * 31 + s[1]));
                    float[] want = new float[5 + n * g.positions() * g.patchSize()];
                    float[] got = new float[want.length];
                    Arrays.fill(want, Float.NaN);   // every value of the rows must be written, none left over
                    Arrays.fill(got, Float.NaN);
                    for (int i = 0; i < 5; i++) want[i] = got[i] = 7f;
                    REF.im2col(g, n, x, 3, want, 5);
                    backend.im2col(g, n, x, 3, got, 5);
                    for (int i = 5; i < want.length; i++) assertTrue(!Float.isNaN(want[i]), "reference left value " + i + " unwritten");
                    assertArrayEquals(want, got, backend.name() + " im2col " + g);
                }))));
    }

    /**
     * Columns of images [i0, i1) written in place among the whole batch's (rows ld = n · positions
     * apart), one chunk after another, make the batch's im2col, and each chunk touches only its own
     * columns: what a convolution that works a few images at a time keeps for its weight gradient.
     */
    @TestFactory
    Stream<DynamicNode> im2colOfAChunkWritesItsColumnsInPlace() {
        return backends().map(backend -> dynamicContainer(backend.name(), Arrays.stream(CONV_SHAPES).filter(s -> s[11] > 1).map(s -> dynamicTest(
                Arrays.toString(s), () -> {
                    ConvShape g = convShape(s);
                    int n = s[11], pos = g.positions(), ld = n * pos, chunk = Math.max(1, n / 3);
                    float[] x = random(3 + n * g.imageSize(), new Random(s[0] * 29 + s[1]));
                    float[] want = new float[5 + ld * g.patchSize()];
                    REF.im2col(g, n, x, 3, want, 5);
                    float[] got = new float[want.length];
                    Arrays.fill(got, Float.NaN);
                    for (int i = 0; i < 5; i++) want[i] = got[i] = 7f;
                    for (int i0 = 0; i0 < n; i0 += chunk) {
                        int i1 = Math.min(n, i0 + chunk);
                        backend.im2col(g, i1 - i0, x, 3 + i0 * g.imageSize(), got, 5 + i0 * pos, ld);
                        for (int row = 0; i1 < n && row < g.patchSize(); row++) {
                            assertTrue(Float.isNaN(got[5 + row * ld + i1 * pos]),
                                    backend.name() + " chunk [" + i0 + ", " + i1 + ") wrote past its columns in row " + row);
                        }
                    }
                    assertArrayEquals(want, got, backend.name() + " im2col in chunks of " + chunk + " images " + g);
                }))));
    }

    /** col2im adds in row order on every backend, so its sums match bit for bit too; it adds to what dx holds. */
    @TestFactory
    Stream<DynamicNode> col2im() {
        return backends().map(backend -> dynamicContainer(backend.name(), Arrays.stream(CONV_SHAPES).map(s -> dynamicTest(
                Arrays.toString(s), () -> {
                    ConvShape g = convShape(s);
                    int n = s[11];
                    float[] cols = random(2 + n * g.positions() * g.patchSize(), new Random(s[2] * 17 + s[3]));
                    float[] want = random(4 + n * g.imageSize(), new Random(5));
                    float[] got = want.clone();
                    REF.col2im(g, n, cols, 2, want, 4);
                    backend.col2im(g, n, cols, 2, got, 4);
                    assertArrayEquals(want, got, backend.name() + " col2im " + g);
                }))));
    }

    /** The adjoint property that makes col2im the gradient of im2col: ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩. */
    @org.junit.jupiter.api.Test
    void col2imIsTheAdjointOfIm2col() {
        for (int[] s : CONV_SHAPES) {
            ConvShape g = convShape(s);
            int n = Math.min(s[11], 3);
            float[] x = random(n * g.imageSize(), new Random(1)), c = random(n * g.positions() * g.patchSize(), new Random(2));
            float[] cx = new float[c.length], xc = new float[x.length];
            REF.im2col(g, n, x, 0, cx, 0);
            REF.col2im(g, n, c, 0, xc, 0);
            double left = 0, right = 0, scale = 0;
            for (int i = 0; i < c.length; i++) { left += (double) cx[i] * c[i]; scale += Math.abs((double) cx[i] * c[i]); }
            for (int i = 0; i < x.length; i++) right += (double) x[i] * xc[i];
            assertEquals(left, right, 1e-5 * scale + 1e-6, "adjoint " + g);
        }
    }

    @org.junit.jupiter.api.Test
    void convShapeRefusesNonsense() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ConvShape(1, 5, 5, 3, 3, 0, 1, 0, 0, 3, 3));
        assertTrue(e.getMessage().startsWith("convolution geometry: every size must be positive"), e.getMessage());
    }
}
