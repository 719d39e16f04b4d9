package jinn.accel;

import java.util.concurrent.atomic.AtomicIntegerArray;
import jdk.incubator.vector.FloatVector;

/**
 * Packed, cache-blocked GEMM in the style of GotoBLAS/BLIS: a kc-deep slice of op(B) is packed into
 * nr-wide column panels (it stays in L3/L2), an mc×kc block of op(A) into mr-tall row panels (it
 * stays in L2), and the micro-kernel walks them with its tile in registers. Transposed operands are
 * handled while packing, so the kernel reads each step's values contiguous; the AVX-512 kernel also
 * reads a row-major B where it lies when few rows of C would share its packing ({@link #inPlaceColumns}).
 *
 * <p>Threads: calls under {@link #PARALLEL_MIN_MACS} run on the caller alone. Bigger ones split the
 * longer side of C into bands; the operand every band reads is packed once, up front, and shared
 * (up to {@link #sharedPackMax} floats, beyond which each thread packs its own; a small B under a
 * split by rows, up to {@link #PRIVATE_B_MAX}, and a small A under a split by columns, up to
 * {@link #PRIVATE_A_MAX}, each thread packs whole for itself), and the bands are
 * claimed one at a time by the caller and the pool's workers, so nobody waits inside the call.
 * Packing buffers and the call's descriptor are per thread and reused, so a warm call on one thread allocates
 * nothing, and a parallel one only the job its threads share.
 */
final class Gemm {

    /** The kernel for this CPU; tests also run the others (emulated where the width is not native). */
    static final GemmKernel KERNEL = GemmKernel.forThisCpu();

    /**
     * Below this many multiply-adds (about 20-40 µs of one core) waking a worker costs more than
     * it saves: one thread does it.
     */
    static final long PARALLEL_MIN_MACS = 1L << 20;

    /**
     * Largest operand, in floats, that a parallel call packs whole up front and shares (16 MB);
     * beyond it each thread packs its own band. Not final only so that tests can cover both paths.
     */
    static long sharedPackMax = 1L << 22;

    /**
     * Largest B, in floats, that a call split by rows packs on every thread rather than once and shared
     * (256 KB). Sharing saves packing a small B twice but has each core read what the other wrote: on a
     * VM whose two vCPUs took 472 ns to bounce a cache line, each thread packing its own made the weight
     * gradient 784×128·128×256 (TN) 1.24× as fast at two threads and 256×128·128×128 1.04× (bench duel,
     * 41 rounds), and MNIST training 1.08×.
     */
    static final long PRIVATE_B_MAX = 1L << 16;

    /**
     * Largest row-major A, in floats, that a call split by columns packs on every thread rather than once
     * and shared (512 KB), where the kernel packs A by rows ({@link GemmKernel#aRowStride}): packing is
     * then row copies, cheaper than reading the other core's packing. On the VM of PRIVATE_B_MAX, bench
     * duel at two threads, 31 rounds: 128×256·256×128 1.07–1.54× and 128×128·128×256 (NT) 0.93–1.36× in
     * three runs (the host's phases move them), 128×784·784×256 1.30×, 128×256·256×784 (NT) 1.06×; MNIST
     * inference 1.02×, training 0.99×.
     */
    static final long PRIVATE_A_MAX = 1L << 17;

    /**
     * Largest packed A, in floats, that a call packs whole up front (1 MB; MNIST's 128×784 batch takes
     * 139K): the buffer stays with the thread, and a batch of 64 images of 224×224×3 would keep 41 MB.
     */
    private static final long WHOLE_A_MAX = 1L << 18;

    /**
     * Most rows of C for which a kernel with {@link GemmKernel#plainB} reads B in place: beyond,
     * packing pays for itself (1024³ ran 13% slower unpacked, its rows of B 4 KB apart).
     */
    private static final int PLAIN_B_ROWS = 256;

    /** Packing buffers, one set per thread, grown on demand and never shrunk. */
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private static final class Buffers {
        float[] a = new float[0], b = new float[0], tile = new float[0];
        /**
         * This thread's call descriptor, set afresh by each call: a GEMM runs to its end (its parallel
         * chunks included) before the thread can start another, so one per thread serves, and a warm call
         * allocates nothing (80 bytes a call before: half of what a 128-row MNIST prediction left beside
         * its output and classes).
         */
        Gemm call;

        float[] a(int size) { return a.length >= size ? a : (a = new float[size]); }
        float[] b(int size) { return b.length >= size ? b : (b = new float[size]); }
        float[] tile(int size) { return tile.length >= size ? tile : (tile = new float[size]); }
    }

    // Not final: one descriptor per thread is set afresh by each call (Buffers.call).
    private GemmKernel kr;
    private boolean transA, transB;
    private int m, n, k, lda, ldb, ldc, aOff, bOff, cOff;
    private float alpha, beta;
    private float[] a, b, c;
    /** Set while a call runs on this descriptor. */
    private boolean busy;
    /**
     * Depth of the k blocks: the kernel's kc, evened out over the blocks k needs (784 becomes
     * 200 + 200 + 200 + 184 rather than 3 × 256 + 16), so no block is a short tail that pays a
     * full pass over C. A multiple of 8, so the 8-wide transposes in packing have no scalar tail.
     */
    private int kcStep;

    private Gemm() {}

    private void set(GemmKernel kr, boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        this.kr = kr;
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.a = a;
        this.aOff = aOff;
        this.lda = lda;
        this.b = b;
        this.bOff = bOff;
        this.ldb = ldb;
        this.beta = beta;
        this.c = c;
        this.cOff = cOff;
        this.ldc = ldc;
        int blocks = (k + kr.kc - 1) / kr.kc;
        this.kcStep = Math.min(kr.kc, roundUp((k + blocks - 1) / blocks, 8));
    }

    static void gemm(GemmKernel kr, int threads, boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) return;
        if (k <= 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        long macs = (long) m * n * k;
        if (macs <= SMALL_MACS) {
            small(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        if (GemmDots.suits(transA, transB, m, n, k)) {
            GemmDots.gemm(threads, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        Buffers buf = BUFFERS.get();
        Gemm g = buf.call;
        if (g == null || g.busy) {
            g = new Gemm(); // busy only if a GEMM were started from inside one: then a descriptor of its own
            if (buf.call == null) buf.call = g;
        }
        g.set(kr, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        g.busy = true;
        try {
            g.execute(threads, macs);
        } finally {
            g.busy = false;
            g.a = g.b = g.c = null; // the thread keeps its descriptor, not the caller's arrays
        }
    }

    /** The call this descriptor was set for, on this thread, or split over up to {@code threads}. */
    private void execute(int threads, long macs) {
        Gemm g = this;
        if (threads <= 1 || macs < PARALLEL_MIN_MACS) {
            g.run(0, m, 0, n);
            return;
        }
        // Split the longer side of C; the operand every thread reads is packed once and shared, but for
        // a small B under a split by rows and a small row-major A under a split by columns, which each
        // thread packs for itself (PRIVATE_B_MAX, PRIVATE_A_MAX).
        boolean byColumns = n >= m;
        long shared = byColumns ? (long) roundUp(m, kr.mr) * k : (long) roundUp(n, kr.nr) * k;
        long privateMax = byColumns ? (kr.aRowStride > 0 && !transA ? PRIVATE_A_MAX : 0) : PRIVATE_B_MAX;
        if (shared <= sharedPackMax && shared > privateMax) {
            g.runShared(threads, byColumns);
            return;
        }
        int unit = byColumns ? kr.nr : kr.mr;
        int units = ((byColumns ? n : m) + unit - 1) / unit;
        int tasks = Math.max(1, Math.min(threads, units));
        int total = byColumns ? n : m;
        int per = units / tasks, extra = units % tasks;
        CpuPool.run(tasks, tasks, t -> {
            int from = (t * per + Math.min(t, extra)) * unit;
            int to = t == tasks - 1 ? total : Math.min(total, ((t + 1) * per + Math.min(t + 1, extra)) * unit);
            if (from >= to) return;
            if (byColumns) g.run(0, m, from, to); else g.run(from, to, 0, n);
        });
    }

    /**
     * Up to this many multiply-adds a call skips the packed path: a tutorial's 2×3·3×4 paid more for
     * the descriptor, the thread-local buffers, packing both operands and merging edge tiles through a
     * scratch tile than for its 24 multiply-adds (0.11 µs against OpenBLAS's 0.03).
     */
    static final long SMALL_MACS = Long.getLong("jinn.gemm.smallMacs", 512);

    /**
     * A tiny product as plain dot products, no buffers: each entry sums its k products in order and
     * then is scaled and added to beta·C, in double as {@link ScalarBackend} does: a float sum in order
     * rounded differently enough from the packed path's to fail a finite-difference check of conv2d.
     * The transposes choose the strides, so one loop serves all four cases.
     */
    private static void small(boolean transA, boolean transB, int m, int n, int k, float alpha,
                              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float beta, float[] c, int cOff, int ldc) {
        int aRow = transA ? 1 : lda, aStep = transA ? lda : 1;
        int bCol = transB ? ldb : 1, bStep = transB ? 1 : ldb;
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc, ai = aOff + i * aRow;
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0, ap = ai, bp = bOff + j * bCol; p < k; p++, ap += aStep, bp += bStep) sum += (double) a[ap] * b[bp];
                c[ci + j] = (float) (beta == 0f ? alpha * sum : alpha * sum + beta * (double) c[ci + j]);
            }
        }
    }

    /** C = beta · C, where beta == 0 clears C without reading it. */
    private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) java.util.Arrays.fill(c, row, row + n, 0f);
            else if (beta != 1f) for (int j = 0; j < n; j++) c[row + j] *= beta;
        }
    }

    /** C[i0:i1, j0:j1] on the calling thread. */
    private void run(int i0, int i1, int j0, int j1) {
        int mr = kr.mr, nr = kr.nr;
        Buffers buf = BUFFERS.get();
        // One block of rows and of columns, as in inference: all of A is packed up front, each row of a
        // row-major A read whole, front to back, rather than a k block's stretch of every row at a time
        // (MNIST inference 1.026x at one thread, 1.092x at two, where each thread predicts its own rows;
        // bench duel, 41 rounds).
        int aStride = aBlock(Math.min(kr.mc, i1 - i0), kcStep);
        boolean whole = i1 - i0 <= kr.mc && j1 - j0 <= kr.nc && kr.aRowStride > 0 && !transA && alpha == 1f
                && (long) aStride * blocks() <= WHOLE_A_MAX;
        float[] ap = buf.a(whole ? aStride * blocks() : aStride);
        float[] bp = buf.b(bBlock(Math.min(kr.nc, j1 - j0), kcStep) + bAt(kr.nr, kcStep));
        float[] tile = buf.tile(mr * nr);
        scaleByBeta(i0, i1, j0, j1);
        if (whole) packAWhole(ap, aStride, i0, i1 - i0);
        for (int jc = j0; jc < j1; jc += kr.nc) {
            int nc = Math.min(kr.nc, j1 - jc);
            for (int pc = 0; pc < k; pc += kcStep) {
                int kc = Math.min(kcStep, k - pc);
                boolean add = pc > 0 || beta != 0f;
                int inPlace = inPlaceColumns(i1 - i0, nc);
                packB(bp, 0, pc, kc, jc + inPlace, nc - inPlace);
                for (int ic = i0; ic < i1; ic += kr.mc) {
                    int mc = Math.min(kr.mc, i1 - ic);
                    int a0 = whole ? pc / kcStep * aStride : 0;
                    if (!whole) packA(ap, 0, ic, mc, pc, kc);
                    int aStep = aAt(mr, kc);
                    for (int jr = 0; jr < nc; jr += nr) {
                        boolean plain = jr < inPlace;
                        float[] bs = plain ? b : bp;
                        int bi = plain ? bOff + pc * ldb + jc + jr : bAt(jr - inPlace, kc), bStep = plain ? ldb : nr;
                        panelTiles(ap, a0, aStep, bs, bi, bStep, plain ? bp : null, bBlock(nc - inPlace, kc), kc,
                                ic, mc, jc + jr, nc - jr, add, tile);
                    }
                }
            }
        }
    }

    /**
     * The parallel path: the operand every thread reads (all of op(A) when C is split by columns,
     * all of op(B) when by rows) is packed once and shared, and bands of C are handed out a chunk
     * at a time. Each thread packs only its own slice of the other operand. The shared operand's
     * k blocks are packed, a slice of panels at a time, by whichever thread first needs each
     * ({@link SharedBlocks}), so no thread packs all of it while the others wait.
     */
    private void runShared(int threads, boolean byColumns) {
        scaleByBeta(0, m, 0, n);
        Buffers buf = BUFFERS.get();
        int mr = kr.mr, nr = kr.nr;
        if (byColumns) {
            int blockStride = aBlock(m, kcStep), slice = slicePanels(m, mr, threads) * mr;
            float[] shared = buf.a(blockStride * blocks());
            SharedBlocks packed = new SharedBlocks(blocks(), (m + slice - 1) / slice, (q, s) -> {
                int row = s * slice, kc = Math.min(kcStep, k - q * kcStep);
                packA(shared, q * blockStride + aAt(row, kc), row, Math.min(slice, m - row), q * kcStep, kc);
            });
            // Bands of up to 8 panels, a multiple of the threads of them, evenly wide: a band reuses each
            // packed block of A across its columns, and bands of 2 panels made 1024³ stream all of A
            // from L3 for every 64 columns; none repacks A. Rows keep bands of 8 panels: evening
            // 784 rows into 14 bands of 7 measured slower (bench duel, 0.86-0.98x) than 13 of 8.
            int panels = (n + nr - 1) / nr, bands = bands(panels, threads, 8);
            CpuPool.run(threads, bands, ch -> columnsWithSharedA(shared, blockStride, packed,
                    bandStart(ch, panels, bands) * nr, Math.min(n, bandStart(ch + 1, panels, bands) * nr)));
        } else {
            int blockStride = bBlock(n, kcStep), slice = slicePanels(n, nr, threads) * nr;
            float[] shared = buf.b(blockStride * blocks());
            SharedBlocks packed = new SharedBlocks(blocks(), (n + slice - 1) / slice, (q, s) -> {
                int col = s * slice, kc = Math.min(kcStep, k - q * kcStep);
                packB(shared, q * blockStride + bAt(col, kc), q * kcStep, kc, col, Math.min(slice, n - col));
            });
            int group = 8 * mr, chunks = (m + group - 1) / group;
            CpuPool.run(threads, chunks, ch -> rowsWithSharedB(shared, blockStride, packed, ch * group, Math.min(m, (ch + 1) * group)));
        }
    }

    /**
     * Panels per slice of a shared k block: at most 8, and at least two slices per thread. A shape
     * with a single k block (k ≤ kc, as in 128×128×256) had one thread pack all of it while the other
     * waited; in slices, both pack. Eight panels of AVX-512's 32 columns were still the whole block of
     * the weight gradients' shared B (n = 256 or 128), so there one thread packed again while the
     * other waited.
     */
    static int slicePanels(int width, int panelWidth, int threads) {
        int panels = (width + panelWidth - 1) / panelWidth;
        return Math.max(1, Math.min(8, panels / (2 * threads)));
    }

    /**
     * How many bands of C a parallel call cuts: a multiple of the threads, each of at most {@code most}
     * panels. 784 rows in fixed bands of 8 panels made 13, 7 for one thread and 6 for the other.
     */
    static int bands(int panels, int threads, int most) {
        return Math.min(panels, threads * ((panels + threads * most - 1) / (threads * most)));
    }

    /** The first panel of band {@code band} when {@code panels} are cut into {@code bands} as evenly as they go. */
    static int bandStart(int band, int panels, int bands) {
        return (int) ((long) band * panels / bands);
    }

    /** Packs slice s of k block q of a shared operand. */
    private interface SlicePacker {
        void pack(int q, int s);
    }

    /**
     * The k blocks of a shared packed operand, each cut into slices of panels, each slice packed once
     * by the first thread that needs its block. A thread whose block is still being packed by others
     * packs later blocks' slices meanwhile, then waits; at worst it spins for the time one slice takes.
     */
    private static final class SharedBlocks {
        private static final int NOT_PACKED = 0, PACKING = 1, PACKED = 2;
        private final AtomicIntegerArray state;
        private final int slices;
        private final SlicePacker pack;

        SharedBlocks(int blocks, int slices, SlicePacker pack) {
            this.state = new AtomicIntegerArray(blocks * slices);
            this.slices = slices;
            this.pack = pack;
        }

        /** Returns once every slice of block q is packed (and its contents visible to this thread). */
        void await(int q) {
            int from = q * slices, to = from + slices;
            for (int i = from; i < to; i++) claim(i);
            for (int i = to; i < state.length() && !packed(from, to); i++) claim(i);
            while (!packed(from, to)) Thread.onSpinWait();
        }

        private boolean packed(int from, int to) {
            for (int i = from; i < to; i++) if (state.get(i) != PACKED) return false;
            return true;
        }

        private void claim(int i) {
            if (state.get(i) != NOT_PACKED || !state.compareAndSet(i, NOT_PACKED, PACKING)) return;
            try {
                pack.pack(i / slices, i % slices);
            } finally {
                state.set(i, PACKED); // even on failure, so nobody waits forever; the pool rethrows it
            }
        }
    }

    /** C[:, j0:j1] from the shared packed A (k block q at q·blockStride) and this thread's packing of B. */
    private void columnsWithSharedA(float[] ap, int blockStride, SharedBlocks packed, int j0, int j1) {
        int mr = kr.mr, nr = kr.nr, cols = j1 - j0;
        Buffers buf = BUFFERS.get();
        float[] bp = buf.b(bBlock(cols, kcStep) + bAt(nr, kcStep));
        float[] tile = buf.tile(mr * nr);
        for (int pc = 0; pc < k; pc += kcStep) {
            int kc = Math.min(kcStep, k - pc);
            boolean add = pc > 0 || beta != 0f;
            int inPlace = inPlaceColumns(m, cols);
            packB(bp, 0, pc, kc, j0 + inPlace, cols - inPlace);
            packed.await(pc / kcStep);
            for (int ic = 0; ic < m; ic += kr.mc) {
                int icEnd = Math.min(m, ic + kr.mc);
                int aStep = aAt(mr, kc), block = pc / kcStep * blockStride;
                for (int jr = 0; jr < cols; jr += nr) {
                    boolean plain = jr < inPlace;
                    float[] bs = plain ? b : bp;
                    int bi = plain ? bOff + pc * ldb + j0 + jr : bAt(jr - inPlace, kc), bStep = plain ? ldb : nr;
                    panelTiles(ap, block + aAt(ic, kc), aStep, bs, bi, bStep, plain ? bp : null, bBlock(cols - inPlace, kc), kc,
                            ic, icEnd - ic, j0 + jr, cols - jr, add, tile);
                }
            }
        }
    }

    /** C[i0:i1, :] from the shared packed B (k block q at q·blockStride) and this thread's packing of A. */
    private void rowsWithSharedB(float[] bp, int blockStride, SharedBlocks packed, int i0, int i1) {
        int mr = kr.mr, nr = kr.nr, rows = i1 - i0;
        Buffers buf = BUFFERS.get();
        float[] ap = buf.a(aBlock(rows, kcStep));
        float[] tile = buf.tile(mr * nr);
        for (int pc = 0; pc < k; pc += kcStep) {
            int kc = Math.min(kcStep, k - pc);
            boolean add = pc > 0 || beta != 0f;
            packA(ap, 0, i0, rows, pc, kc);
            packed.await(pc / kcStep);
            int aStep = aAt(mr, kc), bStep = bAt(nr, kc);
            for (int jr = 0, bi = pc / kcStep * blockStride; jr < n; jr += nr, bi += bStep) {
                for (int ir = 0, ai = 0; ir < rows; ir += mr, ai += aStep) {
                    tile(ap, ai, bp, bi, nr, kc, i0 + ir, jr, rows - ir, n - jr, add, tile);
                }
            }
        }
    }

    /**
     * The tiles of rows [row, row+rows) against one B panel at bs[bi], bStep floats a step, the first at
     * ap[ai] and each next A panel aStep on. Where {@code copyTo} is given, the panel is B in place
     * (rows ldb apart: 1 KB for MNIST's 784×256 weights, so its 200 rows fall into 8 of L1's 64 sets and
     * each tile read it again from L2): the first tile copies it to copyTo[at] as it goes, a packed
     * panel the other tiles then read from L1. Only the stores are added, where packing every panel
     * first had cost the reads that the in-place path saves. NN 128×256·784 at one thread 1.03–1.07×,
     * 64 rows 1.055×, MNIST inference 1.007–1.075× over four duels (bench duel, 21–41 rounds, Zen 5).
     */
    private void panelTiles(float[] ap, int ai, int aStep, float[] bs, int bi, int bStep, float[] copyTo, int at, int kc,
                            int row, int rows, int col, int colsLeft, boolean add, float[] scratch) {
        int ir = 0;
        if (copyTo != null && rows > kr.mr) {
            // A full tile: the panels read in place are whole, and more rows follow this one.
            kr.tileCopyingB(kc, ap, ai, bs, bi, bStep, copyTo, at, c, cOff + row * ldc + col, ldc, add);
            bs = copyTo;
            bi = at;
            bStep = kr.nr;
            ir = kr.mr;
            ai += aStep;
        }
        for (; ir < rows; ir += kr.mr, ai += aStep) tile(ap, ai, bs, bi, bStep, kc, row + ir, col, rows - ir, colsLeft, add, scratch);
    }

    /**
     * One register tile of C at (row, col), its B panel bStep floats a step (nr packed, ldb in place);
     * edge tiles go through a scratch tile and are merged.
     */
    private void tile(float[] ap, int ai, float[] bp, int bi, int bStep, int kc, int row, int col, int rowsLeft, int colsLeft,
                      boolean add, float[] scratch) {
        int mr = kr.mr, nr = kr.nr;
        int ci = cOff + row * ldc + col;
        if (rowsLeft >= mr && colsLeft >= nr) {
            kr.tile(kc, ap, ai, bp, bi, bStep, c, ci, ldc, add);
        } else {
            kr.tile(kc, ap, ai, bp, bi, bStep, scratch, 0, nr, false);
            mergeEdge(scratch, nr, Math.min(mr, rowsLeft), Math.min(nr, colsLeft), ci, add);
        }
    }

    /**
     * How many of these columns of B the kernel reads in place, unpacked: the whole panels of a
     * row-major B, where the kernel gains by it and few rows of C would share the packing (see
     * {@link GemmKernel#plainB}); none otherwise. The rest is packed.
     */
    private int inPlaceColumns(int rows, int cols) {
        return kr.plainB && !transB && rows <= PLAIN_B_ROWS ? cols - cols % kr.nr : 0;
    }

    /** beta other than 0 and 1 scales C once up front; the kernel then only stores or adds. */
    private void scaleByBeta(int i0, int i1, int j0, int j1) {
        if (beta == 0f || beta == 1f) return;
        for (int i = i0; i < i1; i++) {
            int row = cOff + i * ldc;
            for (int j = j0; j < j1; j++) c[row + j] *= beta;
        }
    }

    private void mergeEdge(float[] tile, int nr, int rows, int cols, int ci, boolean add) {
        for (int r = 0; r < rows; r++) {
            int row = ci + r * ldc;
            for (int j = 0; j < cols; j++) c[row + j] = add ? c[row + j] + tile[r * nr + j] : tile[r * nr + j];
        }
    }

    /** op(A)[ic:ic+mc, pc:pc+kc] into mr-row panels: panel q holds, for each p, its mr values contiguous. */
    private void packA(float[] ap, int base, int ic, int mc, int pc, int kc) {
        packAPanels(ap, base, ic, mc, pc, kc);
        if (alpha != 1f) {
            int end = base + aBlock(mc, kc);
            for (int i = base; i < end; i++) ap[i] *= alpha;
        }
    }

    private void packAPanels(float[] ap, int base, int ic, int mc, int pc, int kc) {
        int mr = kr.mr;
        if (kr.aRowStride > 0) {
            packAByRows(ap, base, ic, mc, pc, kc);
            return;
        }
        if (transA) {
            // A is stored k×m, so row p of A holds the mr values of step p of every panel side by
            // side. Reading it front to back lets the prefetcher stream it; walking one panel at a
            // time instead jumps lda floats per step, often a new page, which no prefetcher follows.
            scatterRows(a, aOff + pc * lda + ic, lda, ap, base, aAt(mr, kc), kc, mr, mc - mc % mr);
        }
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int panel = base + aAt(ir, kc);
            if (transA) {
                if (rows == mr) continue; // full panels are packed below, a row of A at a time
                // A is stored k×m: the mr values of one p sit side by side.
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * lda + ic + ir, dst = panel + p * mr;
                    for (int r = 0; r < rows; r++) ap[dst + r] = a[src + r];
                    for (int r = rows; r < mr; r++) ap[dst + r] = 0f;
                }
            } else if (rows == mr) {
                gatherRows(a, aOff + (ic + ir) * lda + pc, lda, ap, panel, kc, mr);
            } else {
                for (int p = 0; p < kc; p++) {
                    int dst = panel + p * mr, src = aOff + (ic + ir) * lda + pc + p;
                    for (int r = 0; r < rows; r++) ap[dst + r] = a[src + r * lda];
                    for (int r = rows; r < mr; r++) ap[dst + r] = 0f;
                }
            }
        }
    }

    /**
     * Every k block of a row-major A's rows [i0, i0+rows) packed by rows, block q at q·blockStride:
     * row by row, each read whole.
     */
    private void packAWhole(float[] ap, int blockStride, int i0, int rows) {
        int rs = kr.aRowStride, blocks = blocks();
        for (int i = 0; i < roundUp(rows, kr.mr); i++) {
            for (int q = 0; q < blocks; q++) {
                int kc = Math.min(kcStep, k - q * kcStep), dst = q * blockStride + i * rs;
                if (i < rows) System.arraycopy(a, aOff + (i0 + i) * lda + q * kcStep, ap, dst, kc);
                else java.util.Arrays.fill(ap, dst, dst + kc, 0f);
            }
        }
    }

    /**
     * The same into panels of mr rows, each row's kc values contiguous and rows aRowStride apart (see
     * {@link GemmKernel#aRowStride}), so that row i of the block lies at base + i·aRowStride whatever
     * its panel; rows past the matrix's last, up to a whole panel, are zeros.
     */
    private void packAByRows(float[] ap, int base, int ic, int mc, int pc, int kc) {
        int rs = kr.aRowStride, rows = roundUp(mc, kr.mr);
        if (!transA) {
            for (int i = 0; i < mc; i++) System.arraycopy(a, aOff + (ic + i) * lda + pc, ap, base + i * rs, kc);
        } else {
            // A is stored k×m, so its columns are the block's rows: transposed 8×8 in registers, eight
            // rows of A at a time, each read front to back across the block (see packAPanels).
            // Packing it side by side instead, a copy of eight floats per row of A, with a second
            // AVX-512 tile reading that layout, ran the weight gradients 784×128·128×256 0.98× and
            // 256×128·128×128 0.90× (bench duel, 21 rounds; the second also lost B read in place):
            // packing took 10% either way (async-profiler). A build that packed nothing ran them
            // 1.12× and 1.20×: moving A's data costs that much, not the shuffles.
            int full = Transpose8.NATIVE ? mc - mc % 8 : 0, whole = kc - kc % 8;
            for (int p = 0; p < whole && full > 0; p += 8) {
                for (int i = 0; i < full; i += 8) Transpose8.transpose(a, aOff + (pc + p) * lda + ic + i, lda, ap, base + i * rs + p, rs);
            }
            for (int i = 0; i < mc; i++) {
                int dst = base + i * rs, src = aOff + pc * lda + ic + i;
                for (int p = i < full ? whole : 0; p < kc; p++) ap[dst + p] = a[src + p * lda];
            }
        }
        for (int i = mc; i < rows; i++) java.util.Arrays.fill(ap, base + i * rs, base + i * rs + kc, 0f);
    }

    /** op(B)[pc:pc+kc, jc:jc+nc] into nr-column panels: panel q holds, for each p, its nr values contiguous. */
    private void packB(float[] bp, int base, int pc, int kc, int jc, int nc) {
        int nr = kr.nr;
        if (!transB) {
            // Row p of B holds step p of every panel: read it front to back (see packAPanels).
            scatterRows(b, bOff + pc * ldb + jc, ldb, bp, base, bAt(nr, kc), kc, nr, nc - nc % nr);
        }
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int panel = base + bAt(jr, kc);
            if (!transB) {
                if (cols == nr) continue; // full panels are packed above, a row of B at a time
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + jc + jr, dst = panel + p * nr;
                    System.arraycopy(b, src, bp, dst, cols);
                    java.util.Arrays.fill(bp, dst + cols, dst + nr, 0f);
                }
            } else if (cols == nr) {
                // B is stored n×k: column j of op(B) is row j of B.
                gatherRows(b, bOff + (jc + jr) * ldb + pc, ldb, bp, panel, kc, nr);
            } else {
                for (int p = 0; p < kc; p++) {
                    int dst = panel + p * nr, src = bOff + (jc + jr) * ldb + pc + p;
                    for (int j = 0; j < cols; j++) bp[dst + j] = b[src + j * ldb];
                    for (int j = cols; j < nr; j++) bp[dst + j] = 0f;
                }
            }
        }
    }

    /**
     * Packs kc rows of a row-major matrix whose rows run across panels: row p, columns
     * [q·width, (q+1)·width) go to dst[base + q·stride + p·width], for the first {@code cols}
     * columns (a multiple of width). Kept small and on its own so C2 compiles it tight: inside the
     * big packing methods the same loop ran several times slower.
     *
     * <p>The moves are System.arraycopy of a constant length, which C2 turns into vector moves or its
     * arraycopy stub, not Vector API calls. With FloatVector moves here (512-bit for the AVX-512 tile's
     * 32-wide B panels, 256-bit for its 8-wide A panels), a GEMM that packed both, such as the TN weight
     * gradient 784×128·128×256 or 1024³, allocated 164 KB (up to 766 KB) per call for as long as the
     * JVM ran, in some runs and not others (175 KB per MNIST training step; 2.5–5 MB per 1024³ call):
     * FloatVector.intoArray is one method for every vector size, its profile had seen both sizes, and
     * C2, which inlines the load's intrinsic late, could not tell the store's vector class when it
     * compiled this method, so it left the store a call and boxed the vector each time
     * (-XX:CompileCommand=PrintInlining,jinn.accel.Gemm::* shows "VectorSupport::store ... failed to
     * inline (intrinsic)"). Whether it could depended on which code had run first.
     */
    private static void scatterRows(float[] src, int from, int ld, float[] dst, int base, int stride, int kc,
                                    int width, int cols) {
        if (cols <= 0) return;
        switch (width) {
            case 4 -> scatter4(src, from, ld, dst, base, stride, kc, cols);
            case 8 -> scatter8(src, from, ld, dst, base, stride, kc, cols);
            case 16 -> scatter16(src, from, ld, dst, base, stride, kc, cols);
            case 32 -> scatter32(src, from, ld, dst, base, stride, kc, cols);
            default -> scatterAny(src, from, ld, dst, base, stride, kc, width, cols);
        }
    }

    // One method per width, the length a constant in each: the AVX2 tile's 4-row A panels and
    // 16-column B panels, the AVX-512 tile's 8-row A panels and 32-column B panels.

    private static void scatter4(float[] src, int from, int ld, float[] dst, int base, int stride, int kc, int cols) {
        for (int p = 0; p < kc; p++) {
            for (int q = 0, s = from + p * ld, d = base + p * 4; q < cols; q += 4, d += stride) System.arraycopy(src, s + q, dst, d, 4);
        }
    }

    private static void scatter8(float[] src, int from, int ld, float[] dst, int base, int stride, int kc, int cols) {
        for (int p = 0; p < kc; p++) {
            for (int q = 0, s = from + p * ld, d = base + p * 8; q < cols; q += 8, d += stride) System.arraycopy(src, s + q, dst, d, 8);
        }
    }

    /**
     * The AVX2 tile's B panels, as two 256-bit moves rather than an arraycopy: on AVX2 C2 calls its
     * arraycopy stub for each 64-byte copy (no partial inlining without AVX-512's masks), and the
     * stub calls took 8% of MNIST inference on Zen 3 (async-profiler), packing the weights for every
     * 128-row batch. Only the 4×16 kernel packs 16-wide panels, and only where 256 bits is the widest
     * vector the JVM uses, so intoArray's profile sees one vector class and C2 inlines it (the
     * failure described above needs two).
     */
    private static void scatter16(float[] src, int from, int ld, float[] dst, int base, int stride, int kc, int cols) {
        for (int p = 0; p < kc; p++) {
            for (int q = 0, s = from + p * ld, d = base + p * 16; q < cols; q += 16, d += stride) {
                FloatVector.fromArray(FloatVector.SPECIES_256, src, s + q).intoArray(dst, d);
                FloatVector.fromArray(FloatVector.SPECIES_256, src, s + q + 8).intoArray(dst, d + 8);
            }
        }
    }

    private static void scatter32(float[] src, int from, int ld, float[] dst, int base, int stride, int kc, int cols) {
        for (int p = 0; p < kc; p++) {
            for (int q = 0, s = from + p * ld, d = base + p * 32; q < cols; q += 32, d += stride) System.arraycopy(src, s + q, dst, d, 32);
        }
    }

    /** Any other width (the 128-bit kernel's 6-row A panels). */
    private static void scatterAny(float[] src, int from, int ld, float[] dst, int base, int stride, int kc, int width, int cols) {
        for (int p = 0; p < kc; p++) {
            for (int q = 0, s = from + p * ld, d = base + p * width; q < cols; q += width, d += stride) System.arraycopy(src, s + q, dst, d, width);
        }
    }

    /**
     * One full panel from {@code width} rows of a row-major matrix, each row read along p:
     * dst[panel + p·width + r] = src[from + r·ld + p], transposed 8×8 (or 4×8) in registers. Eight
     * rows at a time, each read front to back: eight streams the prefetcher follows, rather than
     * every row of the panel touched at each step. Small and static for the reason scatterRows is.
     */
    private static void gatherRows(float[] src, int from, int ld, float[] dst, int panel, int kc, int width) {
        int p = 0;
        if (width == 4 && Transpose8.NATIVE) {
            for (; p + 8 <= kc; p += 8) Transpose8.transpose4(src, from + p, ld, dst, panel + p * 4);
        } else if (width % 8 == 0 && Transpose8.NATIVE) {
            int end = kc - kc % 8;
            for (int r = 0; r < width; r += 8) {
                for (p = 0; p < end; p += 8) Transpose8.transpose(src, from + r * ld + p, ld, dst, panel + p * width + r, width);
            }
            p = end;
        }
        for (; p < kc; p++) {
            for (int r = 0; r < width; r++) dst[panel + p * width + r] = src[from + r * ld + p];
        }
    }

    /**
     * Packed panels are PAD floats apart rather than back to back: with kc a power of two, panels
     * kc·mr floats apart all fall into the same few L1 sets, and packing, which writes a row
     * across every panel at once, evicted its own lines at each step.
     */
    private static final int PAD = 16;

    /** Offset of the A panel holding row ir of a packed block of depth kc (by rows: its rows are already apart). */
    private int aAt(int ir, int kc) { return kr.aRowStride > 0 ? ir * kr.aRowStride : ir / kr.mr * (kc * kr.mr + PAD); }

    /** Offset of the B panel holding column jr of a packed block of depth kc. */
    private int bAt(int jr, int kc) { return jr / kr.nr * (kc * kr.nr + PAD); }

    /** Floats a packed block of op(A) with this many rows takes. */
    private int aBlock(int rows, int kc) { return aAt(roundUp(rows, kr.mr), kc); }

    /** Floats a packed block of op(B) with this many columns takes. */
    private int bBlock(int cols, int kc) { return bAt(roundUp(cols, kr.nr), kc); }

    /** Number of k blocks. */
    private int blocks() { return (k + kcStep - 1) / kcStep; }

    private static int roundUp(int v, int unit) {
        return (v + unit - 1) / unit * unit;
    }
}
