package jinn.accel.tornado;

import static jinn.accel.tornado.Kernels.BLOCK;
import static jinn.accel.tornado.Kernels.DEPTH;
import static jinn.accel.tornado.Kernels.GROUP;
import static jinn.accel.tornado.Kernels.THREADS;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * The device code of {@link CompiledMlpStep}: a training step as a handful of kernels that each
 * fuse what the op-by-op path does in several calls. Every layer's arrays are separate device
 * buffers that stay on the device; only {@code batch} (row count and labels) and the input change
 * between steps, so the row count is read from {@code batch[0]} rather than fixed at compile time.
 *
 * <p>Shared float parameters {@code f} = [learning rate, momentum, α of layer 1, α of layer 2, ...].
 */
final class StepKernels {

    /** GEMM epilogues. */
    static final int FORWARD = 0;
    static final int INPUT_GRADIENT = 1;
    static final int WEIGHT_UPDATE = 2;

    /** Where a GEMM's row count comes from: fixed, or the batch's rows as m or as k. */
    static final int FIXED = 0;
    static final int ROWS_AS_M = 1;
    static final int ROWS_AS_K = 2;

    /** Index of a layer's α in {@code f}. */
    static final int ALPHAS = 2;

    private StepKernels() {}

    /**
     * C = op(A) · op(B) with Kernels.gemm's tiling (BLOCK×BLOCK per work-group, WORK×WORK per work
     * item, DEPTH-deep slices in local memory), then an epilogue instead of alpha/beta:
     * FORWARD C = act(sum + aux[col]) (aux: the bias); INPUT_GRADIENT C = sum · act'(aux) (aux: the
     * layer's output, from which every supported derivative follows); WEIGHT_UPDATE C is the weight,
     * sum its gradient, aux its velocity: SGD as jinn.train.Sgd does it.
     * p = [m, n, k, aRs, aCs, bRs, bCs, epilogue, act, alphaIndex, rowsAs].
     */
    static void gemm(KernelContext ctx, FloatArray a, FloatArray b, FloatArray c, FloatArray aux,
                     IntArray batch, IntArray p, FloatArray f) {
        int rowsAs = p.get(10);
        int m = rowsAs == ROWS_AS_M ? batch.get(0) : p.get(0);
        int n = p.get(1);
        int k = rowsAs == ROWS_AS_K ? batch.get(0) : p.get(2);
        int aRs = p.get(3);
        int aCs = p.get(4);
        int bRs = p.get(5);
        int bCs = p.get(6);

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
                    av = a.get((row0 + r) * aRs + (q0 + q) * aCs);
                }
                aSlice[idx] = av;
                int qb = idx / BLOCK;
                int cb = idx - qb * BLOCK;
                float bv = 0.0f;
                if (q0 + qb < k && col0 + cb < n) {
                    bv = b.get((q0 + qb) * bRs + (col0 + cb) * bCs);
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
        epilogue(c, aux, p, f, m, n, row, col, c00);
        epilogue(c, aux, p, f, m, n, row, col + THREADS, c01);
        epilogue(c, aux, p, f, m, n, row, col + 2 * THREADS, c02);
        epilogue(c, aux, p, f, m, n, row, col + 3 * THREADS, c03);
        epilogue(c, aux, p, f, m, n, row + THREADS, col, c10);
        epilogue(c, aux, p, f, m, n, row + THREADS, col + THREADS, c11);
        epilogue(c, aux, p, f, m, n, row + THREADS, col + 2 * THREADS, c12);
        epilogue(c, aux, p, f, m, n, row + THREADS, col + 3 * THREADS, c13);
        epilogue(c, aux, p, f, m, n, row + 2 * THREADS, col, c20);
        epilogue(c, aux, p, f, m, n, row + 2 * THREADS, col + THREADS, c21);
        epilogue(c, aux, p, f, m, n, row + 2 * THREADS, col + 2 * THREADS, c22);
        epilogue(c, aux, p, f, m, n, row + 2 * THREADS, col + 3 * THREADS, c23);
        epilogue(c, aux, p, f, m, n, row + 3 * THREADS, col, c30);
        epilogue(c, aux, p, f, m, n, row + 3 * THREADS, col + THREADS, c31);
        epilogue(c, aux, p, f, m, n, row + 3 * THREADS, col + 2 * THREADS, c32);
        epilogue(c, aux, p, f, m, n, row + 3 * THREADS, col + 3 * THREADS, c33);
    }

    private static void epilogue(FloatArray c, FloatArray aux, IntArray p, FloatArray f, int m, int n, int row, int col, float sum) {
        if (row < m && col < n) {
            int ci = row * n + col;
            int mode = p.get(7);
            int act = p.get(8);
            float alpha = f.get(p.get(9));
            if (mode == FORWARD) {
                float z = sum + aux.get(col);
                c.set(ci, Kernels.unary(act, alpha, z));
            } else if (mode == INPUT_GRADIENT) {
                float y = aux.get(ci);
                c.set(ci, sum * Kernels.derivative(act, alpha, y, y));
            } else {
                c.set(ci, sgd(c.get(ci), sum, aux, ci, f));
            }
        }
    }

    /** One parameter's SGD update, as jinn.train.Sgd: w − lr·g, or with momentum v ← μ·v − lr·g, w + v. */
    private static float sgd(float w, float g, FloatArray velocity, int i, FloatArray f) {
        float lr = f.get(0);
        float momentum = f.get(1);
        float out;
        if (momentum == 0.0f) {
            out = w - lr * g;
        } else {
            float v = momentum * velocity.get(i) - lr * g;
            velocity.set(i, v);
            out = w + v;
        }
        return out;
    }

    /**
     * Bias gradient and update, one work-group per unit j: the column sum of dz over the batch's
     * rows, combined in local memory, then SGD on bias[j]. p = [n].
     */
    static void biasUpdate(KernelContext ctx, FloatArray dz, FloatArray bias, FloatArray velocity,
                           IntArray batch, IntArray p, FloatArray f) {
        int n = p.get(0);
        int rows = batch.get(0);
        int j = ctx.groupIdx;
        int lid = ctx.localIdx;
        float acc = 0.0f;
        for (int r = lid; r < rows; r += GROUP) {
            acc += dz.get(r * n + j);
        }
        float[] part = ctx.allocateFloatLocalArray(GROUP);
        part[lid] = acc;
        for (int stride = GROUP / 2; stride > 0; stride /= 2) {
            ctx.localBarrier();
            if (lid < stride) {
                part[lid] = part[lid] + part[lid + stride];
            }
        }
        if (lid == 0) {
            bias.set(j, sgd(bias.get(j), part[0], velocity, j, f));
        }
    }

    /**
     * Softmax cross-entropy on the logits, one work item per row (class counts are small): writes
     * the row's loss to out[row], 1 to out[batchSize + row] when the first largest logit is the
     * label, and the gradient of the batch's mean loss, times the last activation's derivative, to dz.
     * batch = [rows, labels...], p = [cols, act, alphaIndex, batchSize].
     */
    static void softmaxCrossEntropy(KernelContext ctx, FloatArray logits, FloatArray dz, FloatArray out,
                                    IntArray batch, IntArray p, FloatArray f) {
        int row = ctx.globalIdx;
        int rows = batch.get(0);
        if (row < rows) {
            int cols = p.get(0);
            int act = p.get(1);
            float alpha = f.get(p.get(2));
            int label = batch.get(1 + row);
            int x0 = row * cols;
            float max = Float.NEGATIVE_INFINITY;
            int best = 0;
            for (int j = 0; j < cols; j++) {
                float v = logits.get(x0 + j);
                if (v > max) {
                    max = v;
                    best = j;
                }
            }
            float sum = 0.0f;
            for (int j = 0; j < cols; j++) {
                sum += TornadoMath.exp(logits.get(x0 + j) - max);
            }
            float logSum = TornadoMath.log(sum);
            out.set(row, logSum - (logits.get(x0 + label) - max));
            out.set(p.get(3) + row, best == label ? 1.0f : 0.0f);
            float scale = 1.0f / rows;
            for (int j = 0; j < cols; j++) {
                float y = logits.get(x0 + j);
                float prob = TornadoMath.exp(y - max - logSum);
                float hot = j == label ? 1.0f : 0.0f;
                dz.set(x0 + j, (prob - hot) * scale * Kernels.derivative(act, alpha, y, y));
            }
        }
    }
}
