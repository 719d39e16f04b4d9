package jinn.accel;

/**
 * Packed, cache-blocked GEMM in the style of GotoBLAS/BLIS: a kc-deep slice of op(B) is packed into
 * nr-wide column panels (it stays in L3/L2), an mc×kc block of op(A) into mr-tall row panels (it
 * stays in L2), and the micro-kernel walks them with its tile in registers. Transposed operands are
 * handled while packing, so the kernel always reads contiguous memory.
 *
 * <p>Work is split over threads once per call: each thread owns a band of C's rows or columns and
 * packs what it reads, so threads never wait on each other inside the call.
 */
final class Gemm {

    static final GemmKernel KERNEL = GemmKernel.forThisCpu();

    /** Below this many multiply-adds a call finishes in tens of microseconds: one thread is faster. */
    static final long PARALLEL_MIN_MACS = 1L << 18;

    /** Packing buffers, one set per thread, grown on demand and never shrunk. */
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private static final class Buffers {
        float[] a = new float[0], b = new float[0];
        final float[] tile = new float[KERNEL.mr * KERNEL.nr];

        float[] a(int size) { return a.length >= size ? a : (a = new float[size]); }
        float[] b(int size) { return b.length >= size ? b : (b = new float[size]); }
    }

    private final boolean transA, transB;
    private final int m, n, k, lda, ldb, ldc, aOff, bOff, cOff;
    private final float alpha, beta;
    private final float[] a, b, c;

    private Gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                 float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                 float beta, float[] c, int cOff, int ldc) {
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
    }

    static void gemm(int threads, boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) return;
        if (k <= 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        Gemm g = new Gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        GemmKernel kr = KERNEL;
        long macs = (long) m * n * k;
        int tasks = macs < PARALLEL_MIN_MACS ? 1 : threads;
        // Split the longer side of C so each thread's band stays wide enough to fill the tiles.
        boolean byColumns = n >= m;
        int unit = byColumns ? kr.nr : kr.mr;
        int units = ((byColumns ? n : m) + unit - 1) / unit;
        tasks = Math.max(1, Math.min(tasks, units));
        if (tasks == 1) {
            g.run(0, m, 0, n);
            return;
        }
        int total = byColumns ? n : m;
        int per = units / tasks, extra = units % tasks;
        int finalTasks = tasks;
        CpuPool.run(tasks, t -> {
            int from = (t * per + Math.min(t, extra)) * unit;
            int to = Math.min(total, ((t + 1) * per + Math.min(t + 1, extra)) * unit);
            if (t == finalTasks - 1) to = total;
            if (from >= to) return;
            if (byColumns) g.run(0, m, from, to); else g.run(from, to, 0, n);
        });
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
        GemmKernel kr = KERNEL;
        int mr = kr.mr, nr = kr.nr;
        Buffers buf = BUFFERS.get();
        int kcMax = Math.min(kr.kc, k);
        float[] ap = buf.a(roundUp(Math.min(kr.mc, i1 - i0), mr) * kcMax);
        float[] bp = buf.b(roundUp(Math.min(kr.nc, j1 - j0), nr) * kcMax);
        float[] tile = buf.tile;
        for (int jc = j0; jc < j1; jc += kr.nc) {
            int nc = Math.min(kr.nc, j1 - jc);
            for (int pc = 0; pc < k; pc += kr.kc) {
                int kc = Math.min(kr.kc, k - pc);
                float betaNow = pc == 0 ? beta : 1f;
                packB(bp, pc, kc, jc, nc);
                for (int ic = i0; ic < i1; ic += kr.mc) {
                    int mc = Math.min(kr.mc, i1 - ic);
                    packA(ap, ic, mc, pc, kc);
                    for (int jr = 0; jr < nc; jr += nr) {
                        int nrNow = Math.min(nr, nc - jr);
                        for (int ir = 0; ir < mc; ir += mr) {
                            int mrNow = Math.min(mr, mc - ir);
                            int ci = cOff + (ic + ir) * ldc + jc + jr;
                            if (mrNow == mr && nrNow == nr) {
                                kr.tile(kc, ap, ir * kc, bp, jr * kc, c, ci, ldc, alpha, betaNow);
                            } else {
                                kr.tile(kc, ap, ir * kc, bp, jr * kc, tile, 0, nr, 1f, 0f);
                                mergeEdge(tile, nr, mrNow, nrNow, ci, betaNow);
                            }
                        }
                    }
                }
            }
        }
    }

    private void mergeEdge(float[] tile, int nr, int rows, int cols, int ci, float betaNow) {
        for (int r = 0; r < rows; r++) {
            int row = ci + r * ldc;
            for (int j = 0; j < cols; j++) {
                float v = alpha * tile[r * nr + j];
                c[row + j] = betaNow == 0f ? v : v + betaNow * c[row + j];
            }
        }
    }

    /** op(A)[ic:ic+mc, pc:pc+kc] into mr-row panels: panel q holds, for each p, its mr values contiguous. */
    private void packA(float[] ap, int ic, int mc, int pc, int kc) {
        int mr = KERNEL.mr;
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int panel = ir * kc;
            if (transA) {
                // A is stored k×m: the mr values of one p sit side by side.
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * lda + ic + ir, dst = panel + p * mr;
                    for (int r = 0; r < rows; r++) ap[dst + r] = a[src + r];
                    for (int r = rows; r < mr; r++) ap[dst + r] = 0f;
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (ic + ir + r) * lda + pc, dst = panel + r;
                    for (int p = 0; p < kc; p++) ap[dst + p * mr] = a[src + p];
                }
                for (int r = rows; r < mr; r++) {
                    for (int p = 0; p < kc; p++) ap[panel + r + p * mr] = 0f;
                }
            }
        }
    }

    /** op(B)[pc:pc+kc, jc:jc+nc] into nr-column panels: panel q holds, for each p, its nr values contiguous. */
    private void packB(float[] bp, int pc, int kc, int jc, int nc) {
        int nr = KERNEL.nr;
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int panel = jr * kc;
            if (transB) {
                // B is stored n×k: column j of op(B) is row j of B.
                for (int j = 0; j < cols; j++) {
                    int src = bOff + (jc + jr + j) * ldb + pc, dst = panel + j;
                    for (int p = 0; p < kc; p++) bp[dst + p * nr] = b[src + p];
                }
                for (int j = cols; j < nr; j++) {
                    for (int p = 0; p < kc; p++) bp[panel + j + p * nr] = 0f;
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + jc + jr, dst = panel + p * nr;
                    System.arraycopy(b, src, bp, dst, cols);
                    for (int j = cols; j < nr; j++) bp[dst + j] = 0f;
                }
            }
        }
    }

    private static int roundUp(int v, int unit) {
        return (v + unit - 1) / unit * unit;
    }
}
