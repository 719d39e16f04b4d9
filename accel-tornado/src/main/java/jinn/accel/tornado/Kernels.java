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

    /** GEMM tile edge: a work-group of TILE×TILE work items computes a TILE×TILE block of C. */
    static final int TILE = 16;
    /** Work items per group for the row and reduction kernels. */
    static final int GROUP = 64;

    /** Integer parameters every kernel reads from the head of {@code p}; labels follow them. */
    static final int HEADER = 16;

    private Kernels() {}

    // ------------------------------------------------------------------------ GEMM

    /**
     * C = alpha · op(A) · op(B) + beta · C with op(A)[i][q] = d[aOff + i·aRs + q·aCs], op(B)[q][j] =
     * d[bOff + q·bRs + j·bCs]: transposition is only a swap of strides. Tiles of A and B are staged in
     * local memory so each element is read from global memory once per tile rather than TILE times.
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
        int cOff = p.get(9);
        int ldc = p.get(10);
        int betaIsZero = p.get(11);
        float alpha = f.get(0);
        float beta = f.get(1);

        int lc = ctx.localIdx;
        int lr = ctx.localIdy;
        int col = ctx.groupIdx * TILE + lc;
        int row = ctx.groupIdy * TILE + lr;

        float[] aTile = ctx.allocateFloatLocalArray(TILE * TILE);
        float[] bTile = ctx.allocateFloatLocalArray(TILE * TILE);

        float sum = 0.0f;
        int tiles = (k + TILE - 1) / TILE;
        for (int t = 0; t < tiles; t++) {
            int qa = t * TILE + lc;
            float av = 0.0f;
            if (row < m && qa < k) {
                av = d.get(aOff + row * aRs + qa * aCs);
            }
            aTile[lr * TILE + lc] = av;
            int qb = t * TILE + lr;
            float bv = 0.0f;
            if (qb < k && col < n) {
                bv = d.get(bOff + qb * bRs + col * bCs);
            }
            bTile[lr * TILE + lc] = bv;
            ctx.localBarrier();
            for (int q = 0; q < TILE; q++) {
                sum += aTile[lr * TILE + q] * bTile[q * TILE + lc];
            }
            ctx.localBarrier();
        }
        if (row < m && col < n) {
            int ci = cOff + row * ldc + col;
            float v = alpha * sum;
            if (betaIsZero == 0) {
                float prev = beta * d.get(ci);
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
            int di = p.get(5) + i;
            float dx = d.get(di);
            d.set(di, dx + g);
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
            r = v > 0.0f ? 1.0f : 0.0f;
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
}
