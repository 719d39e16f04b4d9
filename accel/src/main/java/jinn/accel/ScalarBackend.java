package jinn.accel;

/**
 * The reference backend: plain loops, accumulation in double where it matters, obviously right.
 * Every other backend is tested against this one. Never chosen automatically when a faster one
 * is available; select it with {@code -Djinn.backend=scalar}.
 */
public final class ScalarBackend implements Backend {

    @Override public String name() { return "scalar"; }
    @Override public String description() { return "scalar reference (plain Java loops, one thread)"; }
    @Override public int priority() { return 0; }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += (double) av * bv;
                }
                int ci = cOff + i * ldc + j;
                float prev = beta == 0f ? 0f : beta * c[ci];
                c[ci] = (float) (alpha * s) + prev;
            }
        }
    }

    @Override
    public void map(UnaryOp op, float param, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = apply(op, param, x[xOff + i]);
    }

    /** The definition of each unary op; other backends must agree with it. */
    public static float apply(UnaryOp op, float p, float v) {
        return switch (op) {
            case IDENTITY -> v;
            case NEG -> -v;
            case ABS -> Math.abs(v);
            case EXP -> (float) Math.exp(v);
            case LOG -> (float) Math.log(v);
            case SQRT -> (float) Math.sqrt(v);
            case SQUARE -> v * v;
            case RECIPROCAL -> 1f / v;
            case POW -> (float) Math.pow(v, p);
            case SCALE -> v * p;
            case ADD_SCALAR -> v + p;
            case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-v)));
            case TANH -> (float) Math.tanh(v);
            case RELU -> v > 0 ? v : 0f;
            case LEAKY_RELU -> v > 0 ? v : p * v;
            case STEP -> v >= 0 ? 1f : 0f;
        };
    }

    /** op'(x), given x and y = op(x). */
    public static float derivative(UnaryOp op, float p, float x, float y) {
        return switch (op) {
            case IDENTITY, ADD_SCALAR -> 1f;
            case NEG -> -1f;
            case ABS -> x > 0 ? 1f : x < 0 ? -1f : 0f;
            case EXP -> y;
            case LOG, RECIPROCAL -> op == UnaryOp.LOG ? 1f / x : -y * y;
            case SQRT -> 0.5f / y;
            case SQUARE -> 2f * x;
            case POW -> (float) (p * Math.pow(x, p - 1));
            case SCALE -> p;
            case SIGMOID -> y * (1f - y);
            case TANH -> 1f - y * y;
            case RELU -> x > 0 ? 1f : 0f;
            case LEAKY_RELU -> x > 0 ? 1f : p;
            case STEP -> throw new UnsupportedOperationException(
                    "step has no gradient: it is flat everywhere except a jump at 0");
        };
    }

    @Override
    public void mapBackward(UnaryOp op, float param, float[] x, int xOff, float[] y, int yOff,
                            float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        for (int i = 0; i < n; i++) {
            dx[dxOff + i] += dy[dyOff + i] * derivative(op, param, x[xOff + i], y[yOff + i]);
        }
    }

    /** The definition of each binary op. */
    public static float apply(BinaryOp op, float a, float b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case EQ -> a == b ? 1f : 0f;
            case GT -> a > b ? 1f : 0f;
        };
    }

    @Override
    public void zip(BinaryOp op, int n, float[] a, int aOff, int aInc, float[] b, int bOff, int bInc,
                    float[] out, int outOff) {
        for (int i = 0; i < n; i++) out[outOff + i] = apply(op, a[aOff + i * aInc], b[bOff + i * bInc]);
    }

    @Override
    public void reduce(ReduceOp op, float[] x, int xOff, int outer, int len, int inner, float[] out, int outOff) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = xOff + o * len * inner + i;
                double acc = switch (op) {
                    case SUM -> 0.0;
                    case MAX -> Double.NEGATIVE_INFINITY;
                    case MIN -> Double.POSITIVE_INFINITY;
                };
                for (int r = 0; r < len; r++) {
                    float v = x[base + r * inner];
                    acc = switch (op) {
                        case SUM -> acc + v;
                        case MAX -> Math.max(acc, v);
                        case MIN -> Math.min(acc, v);
                    };
                }
                out[outOff + o * inner + i] = (float) acc;
            }
        }
    }

    @Override
    public void softmax(float[] x, int xOff, int rows, int cols, float[] out, int outOff, boolean log) {
        for (int r = 0; r < rows; r++) {
            int row = xOff + r * cols, orow = outOff + r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) max = Math.max(max, x[row + j]);
            double sum = 0;
            for (int j = 0; j < cols; j++) sum += Math.exp(x[row + j] - max);
            double logSum = Math.log(sum);
            for (int j = 0; j < cols; j++) {
                double shifted = x[row + j] - max;
                out[orow + j] = (float) (log ? shifted - logSum : Math.exp(shifted - logSum));
            }
        }
    }

    @Override
    public float softmaxCrossEntropy(float[] logits, int off, int rows, int cols, int[] labels,
                                     float[] grad, int gradOff, float gradScale) {
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            int row = off + r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) max = Math.max(max, logits[row + j]);
            double sum = 0;
            for (int j = 0; j < cols; j++) sum += Math.exp(logits[row + j] - max);
            double logSum = Math.log(sum);
            int label = labels[r];
            loss += logSum - (logits[row + label] - max);
            if (grad != null) {
                int grow = gradOff + r * cols;
                for (int j = 0; j < cols; j++) {
                    double p = Math.exp(logits[row + j] - max - logSum);
                    grad[grow + j] = (float) ((p - (j == label ? 1 : 0)) * gradScale);
                }
            }
        }
        return (float) loss;
    }

    @Override
    public void im2col(ConvShape shape, int n, float[] x, int xOff, float[] cols, int colsOff, int ld) {
        Im2col.referenceIm2col(shape, n, x, xOff, cols, colsOff, ld);
    }

    @Override
    public void col2im(ConvShape shape, int n, float[] cols, int colsOff, float[] dx, int dxOff) {
        Im2col.referenceCol2im(shape, n, cols, colsOff, dx, dxOff);
    }
}
