package jinn.accel.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * The device code: plain Java that TornadoVM compiles to OpenCL. Every kernel takes the same three
 * buffers: {@code d}, one arena holding all operands of the call (each at its own offset), {@code p},
 * the integer parameters (sizes, offsets, strides, op codes, labels) and {@code f}, the float
 * parameters. Sizes travel as data rather than as captured constants, so a kernel compiles once per
 * arena size and then serves every shape that fits.
 *
 * <p>Each function mirrors {@link jinn.accel.ScalarBackend} expression by expression, in float, so
 * that exact ops (+ − × ÷ √, compares) agree bit for bit when the device rounds as IEEE says.
 */
final class Kernels {

    /** GEMM: a work-group of THREADS×THREADS work items computes a BLOCK×BLOCK block of C, each item WORK×WORK of it. */
    static final int THREADS = 16;
    static final int WORK = 4;
    static final int BLOCK = THREADS * WORK;
    /** GEMM: the depth of the slices of A and B staged in local memory at a time. */
    static final int DEPTH = 16;
    /** Work items per group for the row and reduction kernels. */
    static final int GROUP = 64;

    /** Integer parameters every kernel reads from the head of {@code p}; labels follow them. */
    static final int HEADER = 16;

    private Kernels() {}

    // ------------------------------------------------------------------------ GEMM

    /**
     * C = alpha · op(A) · op(B) + beta · C with op(A)[i][q] = d[aOff + i·aRs + q·aCs], op(B)[q][j] =
     * d[bOff + q·bRs + j·bCs]: transposition is only a swap of strides. Per step, the work-group
     * stages a BLOCK×DEPTH slice of A and a DEPTH×BLOCK slice of B in local memory, and each work
     * item multiplies WORK rows by WORK columns of them in registers (rows ty + THREADS·i, columns
     * tx + THREADS·j), so each element read from global memory feeds BLOCK multiply-adds.
     * p = [m, n, k, aOff, aRs, aCs, bOff, bRs, bCs, cOff, ldc, betaIsZero], f = [alpha, beta].
     */
    static void gemm(KernelContext ctx, FloatArray d, IntArray p, FloatArray f) {
        int m = p.get(0);
        int n = p.get(1);
        int k = p.get(2);
        int aOff = p.get(3);
        int aRs = p.get(4);
        int aCs = p.get(5);
        int bOff = p.get(6);
        int bRs = p.get(7);
        int bCs = p.get(8);

        int tx = ctx.localIdx;
        int ty = ctx.localIdy;
        int row0 = ctx.groupIdy * BLOCK;
        int col0 = ctx.groupIdx * BLOCK;
        int flat = ty * THREADS + tx;

        float[] aSlice = ctx.allocateFloatLocalArray(BLOCK * DEPTH);
        float[] bSlice = ctx.allocateFloatLocalArray(DEPTH * BLOCK);

        float c00 = 0.0f, c01 = 0.0f, c02 = 0.0f, c03 = 0.0f;
        float c10 = 0.0f, c11 = 0.0f, c12 = 0.0f, c13 = 0.0f;
        float c20 = 0.0f, c21 = 0.0f, c22 = 0.0f, c23 = 0.0f;
        float c30 = 0.0f, c31 = 0.0f, c32 = 0.0f, c33 = 0.0f;

        for (int q0 = 0; q0 < k; q0 += DEPTH) {
            for (int l = 0; l < (BLOCK * DEPTH) / (THREADS * THREADS); l++) {
                int idx = l * THREADS * THREADS + flat;
                int r = idx / DEPTH;
                int q = idx - r * DEPTH;
                float av = 0.0f;
                if (row0 + r < m && q0 + q < k) {
                    av = d.get(aOff + (row0 + r) * aRs + (q0 + q) * aCs);
                }
                aSlice[idx] = av;
                int qb = idx / BLOCK;
                int cb = idx - qb * BLOCK;
                float bv = 0.0f;
                if (q0 + qb < k && col0 + cb < n) {
                    bv = d.get(bOff + (q0 + qb) * bRs + (col0 + cb) * bCs);
                }
                bSlice[idx] = bv;
            }
            ctx.localBarrier();
            for (int q = 0; q < DEPTH; q++) {
                float a0 = aSlice[ty * DEPTH + q];
                float a1 = aSlice[(ty + THREADS) * DEPTH + q];
                float a2 = aSlice[(ty + 2 * THREADS) * DEPTH + q];
                float a3 = aSlice[(ty + 3 * THREADS) * DEPTH + q];
                float b0 = bSlice[q * BLOCK + tx];
                float b1 = bSlice[q * BLOCK + tx + THREADS];
                float b2 = bSlice[q * BLOCK + tx + 2 * THREADS];
                float b3 = bSlice[q * BLOCK + tx + 3 * THREADS];
                c00 += a0 * b0;
                c01 += a0 * b1;
                c02 += a0 * b2;
                c03 += a0 * b3;
                c10 += a1 * b0;
                c11 += a1 * b1;
                c12 += a1 * b2;
                c13 += a1 * b3;
                c20 += a2 * b0;
                c21 += a2 * b1;
                c22 += a2 * b2;
                c23 += a2 * b3;
                c30 += a3 * b0;
                c31 += a3 * b1;
                c32 += a3 * b2;
                c33 += a3 * b3;
            }
            ctx.localBarrier();
        }
        int row = row0 + ty;
        int col = col0 + tx;
        store(d, p, f, m, n, row, col, c00);
        store(d, p, f, m, n, row, col + THREADS, c01);
        store(d, p, f, m, n, row, col + 2 * THREADS, c02);
        store(d, p, f, m, n, row, col + 3 * THREADS, c03);
        store(d, p, f, m, n, row + THREADS, col, c10);
        store(d, p, f, m, n, row + THREADS, col + THREADS, c11);
        store(d, p, f, m, n, row + THREADS, col + 2 * THREADS, c12);
        store(d, p, f, m, n, row + THREADS, col + 3 * THREADS, c13);
        store(d, p, f, m, n, row + 2 * THREADS, col, c20);
        store(d, p, f, m, n, row + 2 * THREADS, col + THREADS, c21);
        store(d, p, f, m, n, row + 2 * THREADS, col + 2 * THREADS, c22);
        store(d, p, f, m, n, row + 2 * THREADS, col + 3 * THREADS, c23);
        store(d, p, f, m, n, row + 3 * THREADS, col, c30);
        store(d, p, f, m, n, row + 3 * THREADS, col + THREADS, c31);
        store(d, p, f, m, n, row + 3 * THREADS, col + 2 * THREADS, c32);
        store(d, p, f, m, n, row + 3 * THREADS, col + 3 * THREADS, c33);
    }

    /** C[row][col] = alpha · sum + beta · C[row][col], C's old value unread when beta is 0. */
    private static void store(FloatArray d, IntArray p, FloatArray f, int m, int n, int row, int col, float sum) {
        if (row < m && col < n) {
            int ci = p.get(9) + row * p.get(10) + col;
            float v = f.get(0) * sum;
            if (p.get(11) == 0) {
                float prev = f.get(1) * d.get(ci);
                v = v + prev;
            }
            d.set(ci, v);
        }
    }

    // ------------------------------------------------------------------------ elementwise

    /** p = [op, n, xOff, yOff], f = [param]. */
    static void map(KernelContext ctx, FloatArray d, IntArray p, FloatArray f) {
        int i = ctx.globalIdx;
        if (i < p.get(1)) {
            d.set(p.get(3) + i, unary(p.get(0), f.get(0), d.get(p.get(2) + i)));
        }
    }

    /** p = [op, n, xOff, yOff, dyOff, dxOff], f = [param]: dx += dy · op'(x). */
    static void mapBackward(KernelContext ctx, FloatArray d, IntArray p, FloatArray f) {
        int i = ctx.globalIdx;
        if (i < p.get(1)) {
            float x = d.get(p.get(2) + i);
            float y = d.get(p.get(3) + i);
            float g = d.get(p.get(4) + i) * derivative(p.get(0), f.get(0), x, y);
            // The select keeps TornadoVM from fusing dx + g into fma(): the reference rounds the
            // product before the sum, and the shared suite holds this op to bit equality. (Not
            // Float.NaN: TornadoVM 5.2 emits it as an undeclared OpenCL identifier.)
            float rounded = g != g ? g + 0.0f : g;
            int di = p.get(5) + i;
            float dx = d.get(di);
            d.set(di, dx + rounded);
        }
    }

    /** p = [op, n, aOff, aInc, bOff, bInc, outOff]. */
    static void zip(KernelContext ctx, FloatArray d, IntArray p, FloatArray f) {
        int i = ctx.globalIdx;
        if (i < p.get(1)) {
            float a = d.get(p.get(2) + i * p.get(3));
            float b = d.get(p.get(4) + i * p.get(5));
            d.set(p.get(6) + i, binary(p.get(0), a, b));
        }
    }

    /** Op codes are the {@link jinn.accel.UnaryOp} ordinals; checked against the enum by the tests. */
    static float unary(int op, float p, float v) {
        float r;
        if (op == 0) {
            r = v;
        } else if (op == 1) {
            r = -v;
        } else if (op == 2) {
            r = TornadoMath.abs(v);
        } else if (op == 3) {
            r = TornadoMath.exp(v);
        } else if (op == 4) {
            r = TornadoMath.log(v);
        } else if (op == 5) {
            r = TornadoMath.sqrt(v);
        } else if (op == 6) {
            r = v * v;
        } else if (op == 7) {
            r = 1.0f / v;
        } else if (op == 8) {
            r = TornadoMath.pow(v, p);
        } else if (op == 9) {
            r = v * p;
        } else if (op == 10) {
            r = v + p;
        } else if (op == 11) {
            r = 1.0f / (1.0f + TornadoMath.exp(-v));
        } else if (op == 12) {
            r = TornadoMath.tanh(v);
        } else if (op == 13) {
            r = v > 0.0f ? v : 0.0f;
        } else if (op == 14) {
            r = v > 0.0f ? v : p * v;
        } else {
            r = v >= 0.0f ? 1.0f : 0.0f;
        }
        return r;
    }

    static float derivative(int op, float p, float x, float y) {
        float r;
        if (op == 0 || op == 10) {
            r = 1.0f;
        } else if (op == 1) {
            r = -1.0f;
        } else if (op == 2) {
            r = x > 0.0f ? 1.0f : (x < 0.0f ? -1.0f : 0.0f);
        } else if (op == 3) {
            r = y;
        } else if (op == 4) {
            r = 1.0f / x;
        } else if (op == 5) {
            r = 0.5f / y;
        } else if (op == 6) {
            r = 2.0f * x;
        } else if (op == 7) {
            r = -y * y;
        } else if (op == 8) {
            r = p * TornadoMath.pow(x, p - 1.0f);
        } else if (op == 9) {
            r = p;
        } else if (op == 11) {
            r = y * (1.0f - y);
        } else if (op == 12) {
            r = 1.0f - y * y;
        } else if (op == 13) {
            r = x > 0.0f ? 1.0f : 0.0f;
        } else {
            r = x > 0.0f ? 1.0f : p;
        }
        return r;
    }

    /** Op codes are the {@link jinn.accel.BinaryOp} ordinals. MAX and MIN follow Math.max/min on NaN and ±0. */
    static float binary(int op, float a, float b) {
        float r;
        if (op == 0) {
            r = a + b;
        } else if (op == 1) {
            r = a - b;
        } else if (op == 2) {
            r = a * b;
        } else if (op == 3) {
            r = a / b;
        } else if (op == 4 || op == 5) {
            if (a != a) {
                r = a;
            } else if (b != b) {
                r = b;
            } else if (a == b && a == 0.0f) {
                // Zeros differ only in sign: max(−0, 0) = 0, min(−0, 0) = −0.
                r = op == 4 ? a + b : -(-a + -b);
            } else if (a == b) {
                r = a;
            } else if (op == 4) {
                r = a > b ? a : b;
            } else {
                r = a < b ? a : b;
            }
        } else if (op == 6) {
            r = a == b ? 1.0f : 0.0f;
        } else {
            r = a > b ? 1.0f : 0.0f;
        }
        return r;
    }

    // ------------------------------------------------------------------------ reductions

    /**
     * One work-group per output: x viewed as [outer, len, inner], output g = o·inner + i. The group's
     * GROUP work items stride over len, then combine their partial results in local memory.
     * p = [op, outer, len, inner, xOff, outOff] with op the {@link jinn.accel.ReduceOp} ordinal.
     */
    static void reduce(KernelContext ctx, FloatArray d, IntArray p, FloatArray f) {
        int op = p.get(0);
        int len = p.get(2);
        int inner = p.get(3);
        int g = ctx.groupIdx;
        int lid = ctx.localIdx;
        int o = g / inner;
        int i = g - o * inner;
        int base = p.get(4) + o * len * inner + i;

        float acc = op == 0 ? 0.0f : (op == 1 ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY);
        for (int r = lid; r < len; r += GROUP) {
            float v = d.get(base + r * inner);
            acc = combine(op, acc, v);
        }
        float[] part = ctx.allocateFloatLocalArray(GROUP);
        part[lid] = acc;
        for (int stride = GROUP / 2; stride > 0; stride /= 2) {
            ctx.localBarrier();
            if (lid < stride) {
                part[lid] = combine(op, part[lid], part[lid + stride]);
            }
        }
        if (lid == 0) {
            d.set(p.get(5) + g, part[0]);
        }
    }

    private static float combine(int op, float acc, float v) {
        float r;
        if (op == 0) {
            r = acc + v;
        } else if (op == 1) {
            r = (v > acc || v != v) ? v : acc;
        } else {
            r = (v < acc || v != v) ? v : acc;
        }
        return r;
    }

    // ------------------------------------------------------------------------ softmax

    /**
     * One work-group per row: max, then the sum of exponentials, each combined in local memory,
     * then the row is written. p = [rows, cols, xOff, outOff, log].
     */
    static void softmax(KernelContext ctx, FloatArray d, IntArray p, FloatArray f) {
        int cols = p.get(1);
        int row = ctx.groupIdx;
        int lid = ctx.localIdx;
        int x0 = p.get(2) + row * cols;
        int y0 = p.get(3) + row * cols;
        float[] part = ctx.allocateFloatLocalArray(GROUP);

        float max = Float.NEGATIVE_INFINITY;
        for (int j = lid; j < cols; j += GROUP) {
            max = TornadoMath.max(max, d.get(x0 + j));
        }
        part[lid] = max;
        for (int stride = GROUP / 2; stride > 0; stride /= 2) {
            ctx.localBarrier();
            if (lid < stride) {
                part[lid] = TornadoMath.max(part[lid], part[lid + stride]);
            }
        }
        ctx.localBarrier();
        max = part[0];
        ctx.localBarrier();

        float sum = 0.0f;
        for (int j = lid; j < cols; j += GROUP) {
            sum += TornadoMath.exp(d.get(x0 + j) - max);
        }
        part[lid] = sum;
        for (int stride = GROUP / 2; stride > 0; stride /= 2) {
            ctx.localBarrier();
            if (lid < stride) {
                part[lid] = part[lid] + part[lid + stride];
            }
        }
        ctx.localBarrier();
        float logSum = TornadoMath.log(part[0]);

        int log = p.get(4);
        for (int j = lid; j < cols; j += GROUP) {
            float shifted = d.get(x0 + j) - max;
            float v = shifted - logSum;
            if (log == 0) {
                v = TornadoMath.exp(v);
            }
            d.set(y0 + j, v);
        }
    }

    /**
     * Fused softmax cross-entropy, one work-group per row. Writes each row's loss
     * (log Σ exp − (x[label] − max)) to d[lossOff + row] (the host sums them in double) and, when
     * asked, the gradient (softmax − onehot) · scale. p = [rows, cols, xOff, gradOff, lossOff,
     * withGrad, 0..., labels from HEADER], f = [scale].
     */
    static void softmaxCrossEntropy(KernelContext ctx, FloatArray d, IntArray p, FloatArray f) {
        int cols = p.get(1);
        int row = ctx.groupIdx;
        int lid = ctx.localIdx;
        int x0 = p.get(2) + row * cols;
        int label = p.get(HEADER + row);
        float[] part = ctx.allocateFloatLocalArray(GROUP);

        float max = Float.NEGATIVE_INFINITY;
        for (int j = lid; j < cols; j += GROUP) {
            max = TornadoMath.max(max, d.get(x0 + j));
        }
        part[lid] = max;
        for (int stride = GROUP / 2; stride > 0; stride /= 2) {
            ctx.localBarrier();
            if (lid < stride) {
                part[lid] = TornadoMath.max(part[lid], part[lid + stride]);
            }
        }
        ctx.localBarrier();
        max = part[0];
        ctx.localBarrier();

        float sum = 0.0f;
        for (int j = lid; j < cols; j += GROUP) {
            sum += TornadoMath.exp(d.get(x0 + j) - max);
        }
        part[lid] = sum;
        for (int stride = GROUP / 2; stride > 0; stride /= 2) {
            ctx.localBarrier();
            if (lid < stride) {
                part[lid] = part[lid] + part[lid + stride];
            }
        }
        ctx.localBarrier();
        float logSum = TornadoMath.log(part[0]);

        if (lid == 0) {
            d.set(p.get(4) + row, logSum - (d.get(x0 + label) - max));
        }
        if (p.get(5) != 0) {
            float scale = f.get(0);
            int g0 = p.get(3) + row * cols;
            for (int j = lid; j < cols; j += GROUP) {
                float prob = TornadoMath.exp(d.get(x0 + j) - max - logSum);
                float hot = j == label ? 1.0f : 0.0f;
                d.set(g0 + j, (prob - hot) * scale);
            }
        }
    }

    // ------------------------------------------------------------------------ im2col / col2im

    /**
     * One value of cols per work item, as {@code Im2col.referenceIm2col} defines it: row (ch · kH + ky)
     * · kW + kx, column img · positions + oy · outW + ox holds x[img][ch][oy · sH + ky − padTop][ox · sW
     * + kx − padLeft], or 0 where that falls in the padding. Rows are {@code ld} apart.
     * p = [c, h, w, kH, kW, sH, sW, padTop, padLeft, outH, outW, n, xOff, colsOff, ld].
     */
    static void im2col(KernelContext ctx, FloatArray d, IntArray p, FloatArray f) {
        int c = p.get(0);
        int h = p.get(1);
        int w = p.get(2);
        int kH = p.get(3);
        int kW = p.get(4);
        int outH = p.get(9);
        int outW = p.get(10);
        int n = p.get(11);
        int positions = outH * outW;
        int width = n * positions;
        int e = ctx.globalIdx;
        if (e < c * kH * kW * width) {
            int row = e / width;
            int col = e - row * width;
            int img = col / positions;
            int q = col - img * positions;
            int oy = q / outW;
            int ox = q - oy * outW;
            int kx = row - (row / kW) * kW;
            int chKy = row / kW;
            int ky = chKy - (chKy / kH) * kH;
            int ch = chKy / kH;
            int y = oy * p.get(5) + ky - p.get(7);
            int x = ox * p.get(6) + kx - p.get(8);
            float v = 0.0f;
            if (y >= 0 && y < h && x >= 0 && x < w) {
                v = d.get(p.get(12) + ((img * c + ch) * h + y) * w + x);
            }
            d.set(p.get(13) + row * p.get(14) + col, v);
        }
    }

    /**
     * One pixel of dx per work item: dx += every value of cols read from that pixel, added in (ky, kx)
     * order as {@code Im2col.referenceCol2im} adds them (for one pixel, each (ky, kx) reads it from at
     * most one output position), so the sums agree bit for bit.
     * p = [c, h, w, kH, kW, sH, sW, padTop, padLeft, outH, outW, n, colsOff, dxOff].
     */
    static void col2im(KernelContext ctx, FloatArray d, IntArray p, FloatArray f) {
        int c = p.get(0);
        int h = p.get(1);
        int w = p.get(2);
        int kH = p.get(3);
        int kW = p.get(4);
        int sH = p.get(5);
        int sW = p.get(6);
        int outH = p.get(9);
        int outW = p.get(10);
        int n = p.get(11);
        int positions = outH * outW;
        int width = n * positions;
        int e = ctx.globalIdx;
        if (e < n * c * h * w) {
            int x = e - (e / w) * w;
            int rest = e / w;
            int y = rest - (rest / h) * h;
            rest = rest / h;
            int ch = rest - (rest / c) * c;
            int img = rest / c;
            int dxAt = p.get(13) + e;
            float sum = d.get(dxAt);
            for (int ky = 0; ky < kH; ky++) {
                // oy · sH = y + padTop − ky
                int ty = y + p.get(7) - ky;
                int oy = ty / sH;
                if (ty >= 0 && oy * sH == ty && oy < outH) {
                    for (int kx = 0; kx < kW; kx++) {
                        int tx = x + p.get(8) - kx;
                        int ox = tx / sW;
                        if (tx >= 0 && ox * sW == tx && ox < outW) {
                            sum = sum + d.get(p.get(12) + ((ch * kH + ky) * kW + kx) * width + img * positions + oy * outW + ox);
                        }
                    }
                }
            }
            d.set(dxAt, sum);
        }
    }
}
