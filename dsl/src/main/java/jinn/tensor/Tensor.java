package jinn.tensor;

import jinn.accel.Backend;
import jinn.accel.Backends;
import jinn.accel.BinaryOp;
import jinn.accel.ReduceOp;
import jinn.accel.UnaryOp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * An n-dimensional array of float32 with reverse-mode automatic differentiation.
 *
 * <pre>{@code
 * var w = Tensor.randn(new Random(1), 3, 2).requiresGrad(true);
 * var loss = Tensor.tensor(new double[][]{{1, 2, 3}}).matmul(w).sigmoid().sum();
 * loss.backward();          // w.grad() now holds d loss / d w
 * }</pre>
 *
 * <p>Storage is a flat row-major {@code float[]} with an offset, a shape and strides; reshape of a
 * contiguous tensor, transpose and slicing rows are views that share the buffer. Every operation
 * runs its kernels on {@link Backends#current()} and, while gradients are enabled and an input
 * requires a gradient, records a node whose {@link Backward} pushes gradients to its inputs.
 * {@link #backward()} visits the graph in reverse topological order and then frees it.
 */
public final class Tensor {

    /** Pushes the gradient of an op's output back to its inputs (accumulating into their grads). */
    @FunctionalInterface
    interface Backward {
        void apply(Tensor gradOfOutput);
    }

    private record Node(String op, Tensor[] inputs, Backward backward) {}

    final float[] data;
    final int offset;
    final int[] shape;
    final int[] strides;

    private boolean requiresGrad;
    private Tensor grad;
    /** False after zeroGrad(): the buffer is kept for reuse but holds no gradient. */
    private boolean gradLive;
    private Node node;
    private boolean graphFreed;

    Tensor(float[] data, int offset, int[] shape, int[] strides) {
        this.data = data;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
    }

    private Tensor(float[] data, int[] shape) {
        this(data, 0, shape, Shapes.contiguousStrides(shape));
    }

    // ---------------------------------------------------------------- creation

    /** Wraps {@code data} (no copy) as a tensor of the given shape. */
    public static Tensor of(float[] data, int... shape) {
        int n = Shapes.size(shape);
        if (data.length != n) {
            throw new IllegalArgumentException("Tensor.of: shape " + Shapes.str(shape) + " needs " + n
                    + " values, got an array of " + data.length);
        }
        return new Tensor(data, shape.clone());
    }

    /** A tensor from a Java array of any nesting (float, double, int, long) or a single number. */
    public static Tensor tensor(Object nested) {
        return NestedArrays.toTensor(nested);
    }

    /** A tensor of rank 0 holding one number: {@code Tensor.scalar(2).item()} is 2. */
    public static Tensor scalar(float v) {
        return new Tensor(new float[]{v}, new int[0]);
    }

    /** Zeros of the given shape: {@code Tensor.zeros(2, 3)}. */
    public static Tensor zeros(int... shape) {
        return new Tensor(new float[Shapes.size(shape)], shape.clone());
    }

    /** Ones of the given shape: {@code Tensor.ones(4)}. */
    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    /** Every value {@code value}, in the given shape: {@code Tensor.full(0.5f, 2, 2)}. */
    public static Tensor full(float value, int... shape) {
        float[] d = new float[Shapes.size(shape)];
        Arrays.fill(d, value);
        return new Tensor(d, shape.clone());
    }

    /** start, start+step, ... up to but excluding end (NumPy's arange). */
    public static Tensor arange(float start, float end, float step) {
        if (step == 0 || (end - start) / step < 0) {
            throw new IllegalArgumentException("arange: step " + step + " never gets from " + start + " to " + end);
        }
        int n = (int) Math.ceil((end - start) / step);
        float[] d = new float[n];
        for (int i = 0; i < n; i++) d[i] = start + i * step;
        return new Tensor(d, new int[]{n});
    }

    /** 0, 1, ..., end - 1 as a tensor of shape [end]: {@code Tensor.arange(5)}. */
    public static Tensor arange(int end) {
        return arange(0, end, 1);
    }

    /** Uniform in [0, 1), from the given generator so results are reproducible. */
    public static Tensor rand(Random random, int... shape) {
        float[] d = new float[Shapes.size(shape)];
        for (int i = 0; i < d.length; i++) d[i] = random.nextFloat();
        return new Tensor(d, shape.clone());
    }

    /** Standard normal, from the given generator. */
    public static Tensor randn(Random random, int... shape) {
        float[] d = new float[Shapes.size(shape)];
        for (int i = 0; i < d.length; i++) d[i] = (float) random.nextGaussian();
        return new Tensor(d, shape.clone());
    }

    // ---------------------------------------------------------------- shape and values

    /** The size along each axis: [60000, 784] for MNIST's training images, [] for a scalar. A copy. */
    public int[] shape() { return shape.clone(); }

    /** The number of axes: 0 for a scalar, 1 for a vector, 2 for a matrix (a batch of rows). */
    public int rank() { return shape.length; }

    /** How many values it holds: the product of its shape, 6 for [2, 3]. */
    public int size() { return Shapes.size(shape); }

    /** The size along one axis; negative counts from the end: {@code x.dim(-1)} is the number of columns. */
    public int dim(int axis) { return shape[Shapes.axis("dim", axis, shape.length)]; }

    /** Always "float32": jinn computes in single precision. */
    public String dtype() { return "float32"; }

    /** True when its values lie in row-major order in its buffer with nothing between (a transpose is not). */
    public boolean isContiguous() {
        // Compared in place, not against a freshly made strides array: the inference plan asks this of
        // its input and every weight on each batch, which left five arrays per prediction.
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (strides[i] != acc) return false;
            acc *= shape[i];
        }
        return true;
    }

    /** This tensor if contiguous, else a contiguous copy (which still carries gradients). */
    public Tensor contiguous() {
        if (isContiguous()) return this;
        float[] out = new float[size()];
        copyStrided(out);
        Tensor r = new Tensor(out, shape.clone());
        return record(r, "contiguous", g -> this.accumulate(g), this);
    }

    /** The backing buffer; only meaningful with {@link #offset()} on a contiguous tensor. */
    public float[] data() { return data; }

    /** Where this tensor's first value is in {@link #data()}; non-zero for a view such as {@code rows(5, 10)}. */
    public int offset() { return offset; }

    /** A contiguous row-major copy of the values. */
    public float[] toArray() {
        float[] out = new float[size()];
        if (isContiguous()) System.arraycopy(data, offset, out, 0, out.length);
        else copyStrided(out);
        return out;
    }

    /** The one value of a tensor that holds exactly one, as a Java float: {@code loss.item()}. */
    public float item() {
        if (size() != 1) {
            throw new IllegalStateException("item: needs a tensor with exactly one value, this one has shape "
                    + Shapes.str(shape) + " (" + size() + " values)");
        }
        return data[offset];
    }

    /** The value at an index, one number per axis: {@code m.get(1, 0)} is row 1, column 0. */
    public float get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: a tensor of shape " + Shapes.str(shape) + " needs "
                    + shape.length + " indices, got " + index.length);
        }
        int p = offset;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("get: index " + index[i] + " is out of range for axis " + i
                        + " of size " + shape[i] + " (shape " + Shapes.str(shape) + ")");
            }
            p += index[i] * strides[i];
        }
        return data[p];
    }

    private void copyStrided(float[] out) {
        int n = out.length;
        if (n == 0) return;
        int rank = shape.length;
        int[] idx = new int[rank];
        int p = offset;
        for (int i = 0; i < n; i++) {
            out[i] = data[p];
            for (int ax = rank - 1; ax >= 0; ax--) {
                idx[ax]++;
                p += strides[ax];
                if (idx[ax] < shape[ax]) break;
                p -= idx[ax] * strides[ax];
                idx[ax] = 0;
            }
        }
    }

    // ---------------------------------------------------------------- autograd

    /** Whether backward() computes a gradient for this tensor: true for weights, and for results computed from them. */
    public boolean requiresGrad() { return requiresGrad; }

    /** Marks a leaf tensor (a parameter, an input) as needing its gradient. */
    public Tensor requiresGrad(boolean on) {
        if (node != null && !on) {
            throw new IllegalStateException("requiresGrad(false) on the result of '" + node.op
                    + "': use detach() to cut a tensor out of the graph");
        }
        this.requiresGrad = on;
        return this;
    }

    /** The accumulated gradient, or null before any backward reached this tensor. */
    public Tensor grad() { return gradLive ? grad : null; }

    /**
     * Forgets the gradient. The buffer is kept and overwritten by the next backward, so a training
     * loop allocates no gradient memory after its first step; a grad() tensor obtained earlier
     * sees the new values then.
     */
    public void zeroGrad() { gradLive = false; }

    /** The same values, cut out of the graph. Shares storage. */
    public Tensor detach() {
        return new Tensor(data, offset, shape, strides);
    }

    /** Runs the block's operations without recording a graph: {@code try (var g = Tensor.noGrad()) {...}}. */
    public static NoGrad noGrad() {
        return GradMode.disable();
    }

    /** False inside a {@code try (var g = noGrad())} block, where no graph is recorded. */
    public static boolean isGradEnabled() {
        return GradMode.enabled();
    }

    /** The name of the op that produced this tensor, or null for a leaf. */
    public String op() { return node == null ? null : node.op; }

    /** The tensors that op read (none for a leaf): the graph that {@link #backward()} walks back. */
    public java.util.List<Tensor> inputs() { return node == null ? java.util.List.of() : java.util.List.of(node.inputs); }

    /** Back-propagates from this scalar: fills grad() of every tensor that requires a gradient. */
    public void backward() {
        if (size() != 1) {
            throw new IllegalStateException("backward: needs a scalar (one value) to start from, got shape "
                    + Shapes.str(shape) + "; reduce it first, e.g. loss.sum() or loss.mean()");
        }
        backward(Tensor.ones(shape));
    }

    /** Back-propagates a given gradient of this tensor (same shape). */
    public void backward(Tensor gradient) {
        if (!Arrays.equals(gradient.shape, shape)) {
            throw new IllegalArgumentException("backward: gradient shape " + Shapes.str(gradient.shape)
                    + " differs from tensor shape " + Shapes.str(shape));
        }
        if (graphFreed) {
            throw new IllegalStateException("backward: the graph behind this tensor was freed by an earlier backward(); "
                    + "recompute the forward pass to differentiate again");
        }
        if (node == null && !requiresGrad) {
            throw new IllegalStateException("backward: this tensor does not depend on any tensor that requires a gradient; "
                    + "call requiresGrad(true) on the parameters first");
        }
        List<Tensor> order = topologicalOrder();
        accumulate(gradient);
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            Node n = t.node;
            if (n == null || !t.gradLive) continue;
            n.backward.apply(t.grad);
        }
        // Free the graph: intermediate results drop their inputs and gradients, leaves keep theirs.
        for (Tensor t : order) {
            if (t.node != null) {
                t.node = null;
                t.graphFreed = true;
                if (t != this) {
                    t.grad = null;
                    t.gradLive = false;
                }
            }
        }
    }

    private List<Tensor> topologicalOrder() {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        // Iterative DFS: deep graphs (long training loops unrolled by hand) must not overflow the stack.
        ArrayList<Object[]> stack = new ArrayList<>();
        stack.add(new Object[]{this, 0});
        seen.add(this);
        while (!stack.isEmpty()) {
            Object[] top = stack.get(stack.size() - 1);
            Tensor t = (Tensor) top[0];
            int next = (Integer) top[1];
            Tensor[] inputs = t.node == null ? new Tensor[0] : t.node.inputs;
            if (next < inputs.length) {
                top[1] = next + 1;
                Tensor in = inputs[next];
                if (in.graphFreed) {
                    throw new IllegalStateException("backward: part of this graph (the result of an earlier op) was freed by an "
                            + "earlier backward(); recompute the forward pass to differentiate again");
                }
                if (in.needsGrad() && seen.add(in)) stack.add(new Object[]{in, 0});
            } else {
                stack.remove(stack.size() - 1);
                order.add(t);
            }
        }
        return order;
    }

    boolean needsGrad() {
        return requiresGrad || node != null;
    }

    /** grad += g, where g has this tensor's shape. */
    void accumulate(Tensor g) {
        if (!needsGrad()) return;
        if (!Arrays.equals(g.shape, shape)) {
            throw new IllegalStateException("internal: gradient of shape " + Shapes.str(g.shape)
                    + " for a tensor of shape " + Shapes.str(shape));
        }
        Tensor gc = g.contiguous();
        if (!gradLive) {
            float[] buf = gradBuffer();
            System.arraycopy(gc.data, gc.offset, buf, 0, buf.length);
            gradLive = true;
        } else {
            backend().zip(BinaryOp.ADD, grad.size(), grad.data, 0, 1, gc.data, gc.offset, 1, grad.data, 0);
        }
    }

    /** True when grad holds a gradient (so kernels add to it rather than overwrite it). */
    boolean hasLiveGrad() { return gradLive; }

    /**
     * The contiguous buffer this tensor's gradient lives in, created if missing. Its contents are
     * stale unless {@link #hasLiveGrad()}; kernels that write gradients straight into it (GEMM with
     * beta 0 or 1) then call {@link #markGradLive()}. This is what spares training a gradient
     * allocation and copy per parameter per step.
     */
    float[] gradBuffer() {
        if (grad == null) grad = new Tensor(new float[size()], shape.clone());
        return grad.data;
    }

    void markGradLive() { gradLive = true; }

    /** The gradient buffer zeroed if it held no gradient, ready for kernels that accumulate (dx += ...). */
    float[] gradAccumulator() {
        float[] buf = gradBuffer();
        if (!gradLive) {
            Arrays.fill(buf, 0f);
            gradLive = true;
        }
        return buf;
    }

    /** Attaches a node to {@code out} when gradients are on and any input needs one. */
    static Tensor record(Tensor out, String op, Backward backward, Tensor... inputs) {
        if (!GradMode.enabled()) return out;
        for (Tensor in : inputs) {
            if (in.needsGrad()) {
                out.node = new Node(op, inputs, backward);
                return out;
            }
        }
        return out;
    }

    static Backend backend() {
        return Backends.current();
    }

    // ---------------------------------------------------------------- views

    /** Same values in a new shape; one dimension may be -1 (inferred). A view when contiguous. */
    public Tensor reshape(int... newShape) {
        int[] ns = newShape.clone();
        int infer = -1, known = 1;
        for (int i = 0; i < ns.length; i++) {
            if (ns[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("reshape: only one dimension may be -1, got " + Shapes.str(newShape));
                infer = i;
            } else known *= ns[i];
        }
        if (infer >= 0) {
            if (known == 0 || size() % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + Shapes.str(shape) + " (" + size()
                        + " values) into " + Shapes.str(newShape));
            }
            ns[infer] = size() / known;
        }
        if (Shapes.size(ns) != size()) {
            throw new IllegalArgumentException("reshape: cannot reshape " + Shapes.str(shape) + " (" + size()
                    + " values) into " + Shapes.str(newShape) + " (" + Shapes.size(ns) + " values)");
        }
        Tensor src = contiguous();
        Tensor r = new Tensor(src.data, src.offset, ns, Shapes.contiguousStrides(ns));
        return record(r, "reshape", g -> src.accumulate(g.reshape(src.shape)), src);
    }

    /** Swaps the last two axes (a matrix transpose); a view. */
    public Tensor transpose() {
        if (rank() < 2) {
            throw new IllegalArgumentException("transpose: needs at least 2 dimensions, got shape " + Shapes.str(shape));
        }
        return transpose(rank() - 2, rank() - 1);
    }

    /** Short for {@link #transpose()}. */
    public Tensor T() { return transpose(); }

    /** Swaps two axes; a view. */
    public Tensor transpose(int a, int b) {
        int x = Shapes.axis("transpose", a, rank()), y = Shapes.axis("transpose", b, rank());
        int[] ns = shape.clone(), st = strides.clone();
        ns[x] = shape[y]; ns[y] = shape[x];
        st[x] = strides[y]; st[y] = strides[x];
        Tensor r = new Tensor(data, offset, ns, st);
        return record(r, "transpose", g -> this.accumulate(g.transpose(x, y)), this);
    }

    /** Rows [from, to) along the first axis: a batch slice, a view. */
    public Tensor rows(int from, int to) {
        if (rank() == 0) throw new IllegalArgumentException("rows: a scalar has no rows");
        if (from < 0 || to > shape[0] || from > to) {
            throw new IndexOutOfBoundsException("rows: [" + from + ", " + to + ") is out of range for " + shape[0]
                    + " rows (shape " + Shapes.str(shape) + ")");
        }
        int[] ns = shape.clone();
        ns[0] = to - from;
        Tensor r = new Tensor(data, offset + from * strides[0], ns, strides);
        return record(r, "rows", g -> {
            Tensor full = Tensor.zeros(shape);
            Tensor gc = g.contiguous();
            int rowSize = size() / Math.max(1, shape[0]);
            System.arraycopy(gc.data, gc.offset, full.data, from * rowSize, gc.size());
            this.accumulate(full);
        }, this);
    }

    /** A new tensor of the given rows (first axis), in that order; repeats allowed. */
    public Tensor gather(int[] rowIndices) {
        if (rank() == 0) throw new IllegalArgumentException("gather: a scalar has no rows");
        Tensor src = contiguous();
        int rowSize = size() / Math.max(1, shape[0]);
        int[] ns = shape.clone();
        ns[0] = rowIndices.length;
        float[] out = new float[rowIndices.length * rowSize];
        for (int i = 0; i < rowIndices.length; i++) {
            int r = rowIndices[i];
            if (r < 0 || r >= shape[0]) {
                throw new IndexOutOfBoundsException("gather: row " + r + " (position " + i + ") is out of range for "
                        + shape[0] + " rows");
            }
            System.arraycopy(src.data, src.offset + r * rowSize, out, i * rowSize, rowSize);
        }
        Tensor res = new Tensor(out, ns);
        return record(res, "gather", g -> {
            Tensor gc = g.contiguous();
            float[] acc = new float[src.size()];
            for (int i = 0; i < rowIndices.length; i++) {
                int base = rowIndices[i] * rowSize;
                for (int j = 0; j < rowSize; j++) acc[base + j] += gc.data[gc.offset + i * rowSize + j];
            }
            src.accumulate(new Tensor(acc, src.shape.clone()));
        }, src);
    }

    /** Joins tensors along an axis; all other dimensions must match. */
    public static Tensor concat(int axis, Tensor... parts) {
        if (parts.length == 0) throw new IllegalArgumentException("concat: needs at least one tensor");
        int rank = parts[0].rank();
        int ax = Shapes.axis("concat", axis, rank);
        int total = 0;
        for (int i = 0; i < parts.length; i++) {
            Tensor t = parts[i];
            boolean ok = t.rank() == rank;
            for (int d = 0; ok && d < rank; d++) ok = d == ax || t.shape[d] == parts[0].shape[d];
            if (!ok) {
                throw new IllegalArgumentException("concat: tensor " + i + " has shape " + Shapes.str(t.shape)
                        + " but tensor 0 has " + Shapes.str(parts[0].shape) + "; all axes except " + ax + " must match");
            }
            total += t.shape[ax];
        }
        int[] ns = parts[0].shape.clone();
        ns[ax] = total;
        int outer = 1, inner = 1;
        for (int d = 0; d < ax; d++) outer *= ns[d];
        for (int d = ax + 1; d < rank; d++) inner *= ns[d];
        float[] out = new float[Shapes.size(ns)];
        Tensor[] cs = new Tensor[parts.length];
        int at = 0;
        for (int i = 0; i < parts.length; i++) {
            cs[i] = parts[i].contiguous();
            int chunk = cs[i].shape[ax] * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(cs[i].data, cs[i].offset + o * chunk, out, o * total * inner + at, chunk);
            }
            at += chunk;
        }
        final int fouter = outer, finner = inner, ftotal = total;
        return record(new Tensor(out, ns), "concat", g -> {
            Tensor gc = g.contiguous();
            int pos = 0;
            for (Tensor c : cs) {
                int chunk = c.shape[ax] * finner;
                float[] part = new float[c.size()];
                for (int o = 0; o < fouter; o++) {
                    System.arraycopy(gc.data, gc.offset + o * ftotal * finner + pos, part, o * chunk, chunk);
                }
                c.accumulate(new Tensor(part, c.shape.clone()));
                pos += chunk;
            }
        }, cs);
    }

    // ---------------------------------------------------------------- elementwise

    private Tensor unary(UnaryOp op, float param, String name) {
        Tensor x = contiguous();
        float[] out = new float[x.size()];
        backend().map(op, param, x.data, x.offset, out, 0, out.length);
        Tensor y = new Tensor(out, shape.clone());
        return record(y, name, g -> {
            if (op == UnaryOp.STEP) {
                throw new IllegalStateException("backward through step(): the step function has no gradient "
                        + "(it is flat everywhere and jumps at 0), so nothing can be learned through it. "
                        + "Use sigmoid() or relu() in networks trained by backpropagation");
            }
            Tensor gc = g.contiguous();
            float[] dx = x.gradAccumulator();
            backend().mapBackward(op, param, x.data, x.offset, y.data, y.offset, gc.data, gc.offset, dx, 0, dx.length);
        }, x);
    }

    /** -x for every value. */
    public Tensor neg() { return unary(UnaryOp.NEG, 0, "neg"); }
    /** |x| for every value. */
    public Tensor abs() { return unary(UnaryOp.ABS, 0, "abs"); }
    /** e to the power of every value. */
    public Tensor exp() { return unary(UnaryOp.EXP, 0, "exp"); }
    /** The natural logarithm of every value (NaN below 0, -Infinity at 0). */
    public Tensor log() { return unary(UnaryOp.LOG, 0, "log"); }
    /** The square root of every value. */
    public Tensor sqrt() { return unary(UnaryOp.SQRT, 0, "sqrt"); }
    /** x² for every value: {@code pred.sub(target).square().mean()} is the mean squared error. */
    public Tensor square() { return unary(UnaryOp.SQUARE, 0, "square"); }
    /** Every value to the given power: {@code x.pow(3)}. */
    public Tensor pow(float exponent) { return unary(UnaryOp.POW, exponent, "pow"); }
    /** The sigmoid 1 / (1 + e^-x) of every value: squashes any number into (0, 1). */
    public Tensor sigmoid() { return unary(UnaryOp.SIGMOID, 0, "sigmoid"); }
    /** The hyperbolic tangent of every value: squashes into (-1, 1), centred on 0. */
    public Tensor tanh() { return unary(UnaryOp.TANH, 0, "tanh"); }
    /** max(0, x) for every value: the rectified linear unit. */
    public Tensor relu() { return unary(UnaryOp.RELU, 0, "relu"); }

    /** The seeds' default slope for negative inputs: max(0.1·x, x). */
    public static final float DEFAULT_LEAKY_SLOPE = 0.1f;

    /** max(alpha·x, x); {@link #leakyRelu()} uses alpha = 0.1 as the seed documents do. */
    public Tensor leakyRelu(float alpha) { return unary(UnaryOp.LEAKY_RELU, alpha, "leakyRelu"); }
    /** Leaky ReLU with the default slope for negative values: x above 0, a small multiple of x below. */
    public Tensor leakyRelu() { return leakyRelu(DEFAULT_LEAKY_SLOPE); }

    /** 1 where x ≥ 0 else 0 (the seeds' np.where(x >= 0, 1, 0)). Has no gradient: backward through it is an error that says so. */
    public Tensor step() { return unary(UnaryOp.STEP, 0, "step"); }

    /** The values unchanged (a copy in the graph): the identity activation. */
    public Tensor identity() { return unary(UnaryOp.IDENTITY, 0, "identity"); }

    /** x + v for every value. */
    public Tensor add(float v) { return unary(UnaryOp.ADD_SCALAR, v, "add"); }
    /** x - v for every value. */
    public Tensor sub(float v) { return unary(UnaryOp.ADD_SCALAR, -v, "sub"); }
    /** x · v for every value: {@code w.grad().mul(0.1f)}. */
    public Tensor mul(float v) { return unary(UnaryOp.SCALE, v, "mul"); }
    /** x / v for every value. */
    public Tensor div(float v) { return unary(UnaryOp.SCALE, 1f / v, "div"); }

    /** Element by element sum; shapes broadcast as in NumPy: a [batch, 10] matrix plus a [10] bias adds the bias to every row. */
    public Tensor add(Tensor o) { return binary(BinaryOp.ADD, o, "add"); }
    /** Element by element difference, broadcasting as {@link #add(Tensor)} does. */
    public Tensor sub(Tensor o) { return binary(BinaryOp.SUB, o, "sub"); }
    /** Element by element product (not the matrix product: that is {@link #matmul(Tensor)}), broadcasting as {@link #add(Tensor)} does. */
    public Tensor mul(Tensor o) { return binary(BinaryOp.MUL, o, "mul"); }
    /** Element by element quotient, broadcasting as {@link #add(Tensor)} does. */
    public Tensor div(Tensor o) { return binary(BinaryOp.DIV, o, "div"); }
    /** The larger of the two values at each position, broadcasting: {@code x.maximum(Tensor.zeros(1))} is ReLU. */
    public Tensor maximum(Tensor o) { return binary(BinaryOp.MAX, o, "maximum"); }

    /** 1 where this == o (broadcast), else 0. No gradient. */
    public Tensor eq(Tensor o) { return binary(BinaryOp.EQ, o, "eq"); }

    private Tensor binary(BinaryOp op, Tensor other, String name) {
        int[] outShape = Shapes.broadcast(name, shape, other.shape);
        Tensor a = contiguous(), b = other.contiguous();
        float[] out = new float[Shapes.size(outShape)];
        zipBroadcast(op, a, b, outShape, out);
        Tensor y = new Tensor(out, outShape);
        return record(y, name, g -> {
            switch (op) {
                case ADD -> {
                    a.accumulate(g.sumTo(a.shape));
                    b.accumulate(g.sumTo(b.shape));
                }
                case SUB -> {
                    a.accumulate(g.sumTo(a.shape));
                    b.accumulate(g.neg().sumTo(b.shape));
                }
                case MUL -> {
                    if (a.needsGrad()) a.accumulate(g.mul(b.detach()).sumTo(a.shape));
                    if (b.needsGrad()) b.accumulate(g.mul(a.detach()).sumTo(b.shape));
                }
                case DIV -> {
                    Tensor bd = b.detach();
                    if (a.needsGrad()) a.accumulate(g.div(bd).sumTo(a.shape));
                    if (b.needsGrad()) b.accumulate(g.mul(y.detach()).div(bd).neg().sumTo(b.shape));
                }
                case MAX, MIN -> {
                    // The gradient goes to whichever input was chosen (to a on ties).
                    Tensor pickA = op == BinaryOp.MAX ? a.detach().binary(BinaryOp.GT, b.detach(), "cmp")
                            : b.detach().binary(BinaryOp.GT, a.detach(), "cmp");
                    Tensor tie = a.detach().binary(BinaryOp.EQ, b.detach(), "cmp");
                    Tensor toA = pickA.add(tie);
                    if (a.needsGrad()) a.accumulate(g.mul(toA).sumTo(a.shape));
                    if (b.needsGrad()) b.accumulate(g.mul(toA.neg().add(1f)).sumTo(b.shape));
                }
                case EQ, GT -> throw new IllegalStateException(name + " has no gradient (it is a comparison)");
            }
        }, a, b);
    }

    /** out = a op b with NumPy broadcasting; the innermost axis goes to the backend in one call per row. */
    private static void zipBroadcast(BinaryOp op, Tensor a, Tensor b, int[] outShape, float[] out) {
        Backend be = backend();
        if (Arrays.equals(a.shape, b.shape)) {
            be.zip(op, out.length, a.data, a.offset, 1, b.data, b.offset, 1, out, 0);
            return;
        }
        if (out.length == 0) return;
        int rank = outShape.length;
        if (rank == 0) {
            be.zip(op, 1, a.data, a.offset, 0, b.data, b.offset, 0, out, 0);
            return;
        }
        int[] sa = Shapes.broadcastStrides(a.shape, outShape), sb = Shapes.broadcastStrides(b.shape, outShape);
        int inner = outShape[rank - 1];
        int rows = out.length / inner;
        int[] idx = new int[rank];
        int pa = a.offset, pb = b.offset;
        for (int r = 0; r < rows; r++) {
            be.zip(op, inner, a.data, pa, sa[rank - 1], b.data, pb, sb[rank - 1], out, r * inner);
            for (int ax = rank - 2; ax >= 0; ax--) {
                idx[ax]++;
                pa += sa[ax];
                pb += sb[ax];
                if (idx[ax] < outShape[ax]) break;
                pa -= idx[ax] * sa[ax];
                pb -= idx[ax] * sb[ax];
                idx[ax] = 0;
            }
        }
    }

    /** Sums a broadcast result back down to {@code target} (the gradient of broadcasting). */
    Tensor sumTo(int[] target) {
        if (Arrays.equals(shape, target)) return this;
        Tensor t = this;
        int lead = t.rank() - target.length;
        for (int i = 0; i < lead; i++) t = t.sum(0, false);
        for (int ax = 0; ax < target.length; ax++) {
            if (target[ax] == 1 && t.shape[ax] != 1) t = t.sum(ax, true);
        }
        return t;
    }

    // ---------------------------------------------------------------- reductions

    /** Sum of all values, a scalar. */
    public Tensor sum() {
        return reduceAll(ReduceOp.SUM, "sum");
    }

    /** The mean of all values, as a scalar tensor: {@code loss.mean().item()}. */
    public Tensor mean() {
        return sum().mul(1f / Math.max(1, size()));
    }

    /** The largest value, as a scalar tensor. */
    public Tensor max() {
        return reduceAll(ReduceOp.MAX, "max");
    }

    /** Sums along one axis; keepDims keeps that axis with size 1 so the result broadcasts back: a [3, 4] tensor gives [3, 1] for {@code sum(1, true)}. */
    public Tensor sum(int axis, boolean keepDims) { return reduceAxis(ReduceOp.SUM, axis, keepDims, "sum"); }

    /** Sums along one axis, which disappears: a [3, 4] tensor gives [4] for {@code sum(0)} (column sums), [3] for {@code sum(1)}. */
    public Tensor sum(int axis) { return sum(axis, false); }

    /** The mean along one axis; keepDims keeps that axis with size 1 (see {@link #sum(int, boolean)}). */
    public Tensor mean(int axis, boolean keepDims) {
        int ax = Shapes.axis("mean", axis, rank());
        return sum(ax, keepDims).mul(1f / Math.max(1, shape[ax]));
    }

    /** The mean along one axis, which disappears: {@code x.mean(0)} is the mean of each column. */
    public Tensor mean(int axis) { return mean(axis, false); }

    /** The largest value along one axis; keepDims keeps that axis with size 1. */
    public Tensor max(int axis, boolean keepDims) { return reduceAxis(ReduceOp.MAX, axis, keepDims, "max"); }

    /** The largest value along one axis, which disappears: {@code scores.max(1)} is each row's best score. */
    public Tensor max(int axis) { return max(axis, false); }

    private Tensor reduceAll(ReduceOp op, String name) {
        if (size() == 0 && op != ReduceOp.SUM) {
            throw new IllegalArgumentException(name + ": an empty tensor (shape " + Shapes.str(shape) + ") has no " + name);
        }
        Tensor flat = reshape(size());
        return flat.reduceAxis(op, 0, false, name);
    }

    private Tensor reduceAxis(ReduceOp op, int axis, boolean keepDims, String name) {
        int ax = Shapes.axis(name, axis, rank());
        if (shape[ax] == 0 && op != ReduceOp.SUM) {
            throw new IllegalArgumentException(name + ": axis " + ax + " of shape " + Shapes.str(shape) + " is empty");
        }
        Tensor x = contiguous();
        int outer = 1, inner = 1;
        for (int d = 0; d < ax; d++) outer *= shape[d];
        for (int d = ax + 1; d < rank(); d++) inner *= shape[d];
        int[] keptShape = shape.clone();
        keptShape[ax] = 1;
        float[] out = new float[outer * inner];
        backend().reduce(op, x.data, x.offset, outer, shape[ax], inner, out, 0);
        int[] outShape = keepDims ? keptShape : removeAxis(shape, ax);
        Tensor y = new Tensor(out, outShape);
        return record(y, name, g -> {
            Tensor gk = g.reshape(keptShape);
            if (op == ReduceOp.SUM) {
                x.accumulate(gk.add(Tensor.zeros(x.shape)).detach());
            } else {
                // Ties share the gradient equally, so the total passed back equals the incoming one.
                Tensor mask = x.detach().eq(y.detach().reshape(keptShape));
                Tensor count = mask.sum(ax, true);
                x.accumulate(mask.div(count).mul(gk).detach());
            }
        }, x);
    }

    private static int[] removeAxis(int[] s, int ax) {
        int[] r = new int[s.length - 1];
        for (int i = 0, j = 0; i < s.length; i++) if (i != ax) r[j++] = s[i];
        return r;
    }

    /** Index of the largest value in each row of a 2-D tensor (or of a 1-D tensor, one entry). */
    public int[] argmax() {
        Tensor x = contiguous();
        int cols = rank() == 0 ? 1 : shape[rank() - 1];
        int rows = cols == 0 ? 0 : size() / cols;
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            int base = x.offset + r * cols, best = 0;
            for (int j = 1; j < cols; j++) if (x.data[base + j] > x.data[base + best]) best = j;
            out[r] = best;
        }
        return out;
    }

    // ---------------------------------------------------------------- matmul

    /**
     * Matrix product with NumPy's rules: 2-D × 2-D; a 1-D left operand is a row vector and a 1-D
     * right operand a column vector (that axis is dropped from the result); leading batch axes
     * are matched pairwise, and a 2-D operand is shared across the other's batch.
     */
    public Tensor matmul(Tensor other) {
        if (rank() == 0 || other.rank() == 0) {
            throw new IllegalArgumentException("matmul: cannot multiply a scalar (shapes " + Shapes.str(shape) + " and "
                    + Shapes.str(other.shape) + "); use mul for elementwise products");
        }
        Tensor a = rank() == 1 ? reshape(1, shape[0]) : this;
        Tensor b = other.rank() == 1 ? other.reshape(other.shape[0], 1) : other;
        int k = a.shape[a.rank() - 1];
        if (b.shape[b.rank() - 2] != k) {
            throw new IllegalArgumentException("matmul: cannot multiply " + Shapes.str(shape) + " by " + Shapes.str(other.shape)
                    + ": inner dimensions " + k + " and " + b.shape[b.rank() - 2] + " differ");
        }
        Tensor out;
        if (a.rank() == 2 && b.rank() == 2) out = matmul2d(a, b);
        else out = matmulBatched(a, b);
        if (rank() == 1 && other.rank() == 1) return out.reshape();
        if (rank() == 1) return out.reshape(removeAxis(out.shape, out.rank() - 2));
        if (other.rank() == 1) return out.reshape(removeAxis(out.shape, out.rank() - 1));
        return out;
    }

    /**
     * x · w + b in one op, for a batch x [rows, k], weights w [k, n] and a bias b [n] (or null):
     * the dense layer. The bias is written into the output first and GEMM adds the product to it
     * (beta 1), so no separate broadcast pass runs; backward writes dW and dx by GEMM straight
     * into their gradient buffers and db as column sums. Other ranks fall back to matmul + add.
     */
    public Tensor linear(Tensor w, Tensor b) {
        if (rank() != 2 || w.rank() != 2 || (b != null && (b.rank() != 1 || b.shape[0] != w.shape[1]))) {
            Tensor y = matmul(w);
            return b == null ? y : y.add(b);
        }
        int k = shape[1];
        if (w.shape[0] != k) {
            throw new IllegalArgumentException("linear: cannot multiply " + Shapes.str(shape) + " by " + Shapes.str(w.shape)
                    + ": inner dimensions " + k + " and " + w.shape[0] + " differ");
        }
        return affine(this, w, b, "linear");
    }

    /** x · w (+ b): the GEMM behind matmul and linear, with gradients written straight into their buffers. */
    private static Tensor affine(Tensor x, Tensor w, Tensor b, String name) {
        int m = x.shape[0], k = x.shape[1], n = w.shape[1];
        Operand ox = Operand.of(x), ow = Operand.of(w);
        Tensor bc = b == null ? null : b.contiguous();
        float[] out = new float[m * n];
        if (bc != null) for (int r = 0; r < m; r++) System.arraycopy(bc.data, bc.offset, out, r * n, n);
        if (k > 0) {
            backend().gemm(ox.trans, ow.trans, m, n, k, 1f, ox.t.data, ox.t.offset, ox.ld, ow.t.data, ow.t.offset, ow.ld,
                    bc == null ? 0f : 1f, out, 0, Math.max(1, n));
        }
        Tensor y = new Tensor(out, new int[]{m, n});
        Backward back = g -> {
            Tensor gc = g.contiguous();
            if (x.needsGrad()) {
                float beta = x.hasLiveGrad() ? 1f : 0f;
                backend().gemm(false, !ow.trans, m, k, n, 1f, gc.data, gc.offset, Math.max(1, n),
                        ow.t.data, ow.t.offset, ow.ld, beta, x.gradBuffer(), 0, Math.max(1, k));
                x.markGradLive();
            }
            if (w.needsGrad()) {
                float beta = w.hasLiveGrad() ? 1f : 0f;
                backend().gemm(!ox.trans, false, k, n, m, 1f, ox.t.data, ox.t.offset, ox.ld,
                        gc.data, gc.offset, Math.max(1, n), beta, w.gradBuffer(), 0, Math.max(1, n));
                w.markGradLive();
            }
            if (bc != null && bc.needsGrad()) {
                if (bc.hasLiveGrad()) {
                    float[] db = new float[n];
                    backend().reduce(ReduceOp.SUM, gc.data, gc.offset, 1, m, n, db, 0);
                    float[] acc = bc.gradBuffer();
                    backend().zip(BinaryOp.ADD, n, acc, 0, 1, db, 0, 1, acc, 0);
                } else {
                    backend().reduce(ReduceOp.SUM, gc.data, gc.offset, 1, m, n, bc.gradBuffer(), 0);
                    bc.markGradLive();
                }
            }
        };
        return bc == null ? record(y, name, back, x, w) : record(y, name, back, x, w, bc);
    }

    /** A 2-D operand as GEMM wants it: row-major as stored, or the transpose of a row-major matrix. */
    private record Operand(Tensor t, boolean trans, int ld) {
        static Operand of(Tensor x) {
            if (x.strides[1] == 1 && x.strides[0] >= x.shape[1]) return new Operand(x, false, Math.max(1, x.strides[0]));
            if (x.strides[0] == 1 && x.strides[1] >= x.shape[0]) return new Operand(x, true, Math.max(1, x.strides[1]));
            Tensor c = x.contiguous();
            return new Operand(c, false, Math.max(1, c.shape[1]));
        }
    }

    private static Tensor matmul2d(Tensor a, Tensor b) {
        return affine(a, b, null, "matmul");
    }

    private static Tensor matmulBatched(Tensor a, Tensor b) {
        int[] ba = Arrays.copyOf(a.shape, a.rank() - 2), bb = Arrays.copyOf(b.shape, b.rank() - 2);
        int[] batch = Shapes.broadcast("matmul (batch axes)", ba, bb);
        int nb = Shapes.size(batch);
        Tensor a3 = a.broadcastBatch(batch).reshape(nb, a.shape[a.rank() - 2], a.shape[a.rank() - 1]);
        Tensor b3 = b.broadcastBatch(batch).reshape(nb, b.shape[b.rank() - 2], b.shape[b.rank() - 1]);
        Tensor[] parts = new Tensor[nb];
        for (int i = 0; i < nb; i++) {
            Tensor ai = a3.rows(i, i + 1).reshape(a3.shape[1], a3.shape[2]);
            Tensor bi = b3.rows(i, i + 1).reshape(b3.shape[1], b3.shape[2]);
            Tensor ci = matmul2d(ai, bi);
            parts[i] = ci.reshape(1, ci.shape[0], ci.shape[1]);
        }
        Tensor c = concat(0, parts);
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = a.shape[a.rank() - 2];
        outShape[batch.length + 1] = b.shape[b.rank() - 1];
        return c.reshape(outShape);
    }

    /** This tensor's leading axes broadcast to {@code batch} (copying when they differ). */
    private Tensor broadcastBatch(int[] batch) {
        int[] mat = Arrays.copyOfRange(shape, rank() - 2, rank());
        int[] target = Arrays.copyOf(batch, batch.length + 2);
        target[batch.length] = mat[0];
        target[batch.length + 1] = mat[1];
        if (Arrays.equals(target, shape)) return this;
        return this.add(Tensor.zeros(target));
    }

    // ---------------------------------------------------------------- images (see ImageOps)

    /**
     * 2-D convolution (cross-correlation, as in PyTorch and Keras) of images [n, c, h, w] with filters
     * w [f, c, kH, kW] and a bias b [f] (or null): [n, f, outH, outW]. {@code padding} is "valid" (none)
     * or "same" (output size ⌈h / stride⌉, the extra row or column of padding after the image).
     */
    public Tensor conv2d(Tensor w, Tensor b, int stride, String padding) { return ImageOps.conv2d(this, w, b, stride, padding); }

    /** 2-D convolution with {@code pad} rows and columns of zeros on every side. */
    public Tensor conv2d(Tensor w, Tensor b, int stride, int pad) { return ImageOps.conv2d(this, w, b, stride, stride, pad, pad, pad, pad); }

    /**
     * {@code conv2d(w, b, stride, padding).relu()} in one pass: the same values and gradients, without
     * the convolution's own output in between (a network's conv layer followed by relu() runs this).
     */
    public Tensor conv2dRelu(Tensor w, Tensor b, int stride, String padding) {
        return ImageOps.conv2d(this, w, b, stride, padding, ImageOps.Tail.RELU);
    }

    /** {@code conv2d(w, b, stride, pad).relu()} in one pass, as {@link #conv2dRelu(Tensor, Tensor, int, String)}. */
    public Tensor conv2dRelu(Tensor w, Tensor b, int stride, int pad) {
        return ImageOps.conv2d(this, w, b, stride, stride, pad, pad, pad, pad, ImageOps.Tail.RELU);
    }

    /**
     * {@code conv2d(w, b, stride, padding).relu().maxPool2d(2)} in one pass: the same values and
     * gradients, without the convolution's output, of which the pooling keeps a quarter (a network's
     * conv layer followed by relu() and maxPool(2) runs this).
     */
    public Tensor conv2dReluMaxPool(Tensor w, Tensor b, int stride, String padding) {
        return ImageOps.conv2d(this, w, b, stride, padding, ImageOps.Tail.RELU_MAX_POOL);
    }

    /** {@code conv2d(w, b, stride, pad).relu().maxPool2d(2)} in one pass, as {@link #conv2dReluMaxPool(Tensor, Tensor, int, String)}. */
    public Tensor conv2dReluMaxPool(Tensor w, Tensor b, int stride, int pad) {
        return ImageOps.conv2d(this, w, b, stride, stride, pad, pad, pad, pad, ImageOps.Tail.RELU_MAX_POOL);
    }

    /** The largest value of each {@code size × size} window of images [n, c, h, w], moved by {@code stride}. */
    public Tensor maxPool2d(int size, int stride) { return ImageOps.pool(this, size, stride, true); }

    /** The mean of each {@code size × size} window of images [n, c, h, w], moved by {@code stride}. */
    public Tensor avgPool2d(int size, int stride) { return ImageOps.pool(this, size, stride, false); }

    /** The mean of each channel of images [n, c, h, w] over its pixels: [n, c]. */
    public Tensor globalAvgPool() { return ImageOps.globalAvgPool(this); }

    // ---------------------------------------------------------------- softmax and losses

    /** Softmax over the last axis, max-subtracted: softmax([1010, 1000, 990]) is finite. */
    public Tensor softmax() {
        return softmaxImpl(false);
    }

    /** log(softmax(x)) over the last axis, computed stably. */
    public Tensor logSoftmax() {
        return softmaxImpl(true);
    }

    private Tensor softmaxImpl(boolean log) {
        if (rank() == 0) throw new IllegalArgumentException((log ? "logSoftmax" : "softmax") + ": needs at least one axis");
        Tensor x = contiguous();
        int cols = shape[rank() - 1];
        int rows = cols == 0 ? 0 : size() / cols;
        float[] out = new float[size()];
        backend().softmax(x.data, x.offset, rows, cols, out, 0, log);
        Tensor y = new Tensor(out, shape.clone());
        return record(y, log ? "logSoftmax" : "softmax", g -> {
            Tensor yd = y.detach();
            if (log) {
                // d/dx log softmax: g - softmax(x) · sum(g)
                Tensor p = yd.exp();
                x.accumulate(g.sub(p.mul(g.sum(-1, true))).detach());
            } else {
                // d/dx softmax: y · (g - sum(g·y))
                x.accumulate(yd.mul(g.sub(g.mul(yd).sum(-1, true))).detach());
            }
        }, x);
    }

    /** Mean squared error against a target of the same shape: mean((this - target)²). */
    public Tensor mse(Tensor target) {
        requireSameShape("mse", target);
        return sub(target).square().mean();
    }

    /** The seeds' guard against log(0) in cross-entropy: −Σ t·log(y + 1e-7). */
    public static final float LOG_EPSILON = 1e-7f;

    /**
     * Cross-entropy of these probabilities against target probabilities (one-hot or soft), averaged
     * over rows: −Σ t·log(y + 1e-7) / rows, as in the seed documents.
     */
    public Tensor crossEntropy(Tensor target) {
        requireSameShape("crossEntropy", target);
        int rows = rank() <= 1 ? 1 : size() / shape[rank() - 1];
        return target.mul(add(LOG_EPSILON).log()).sum().mul(-1f / rows);
    }

    /**
     * Softmax followed by cross-entropy against class labels, fused and stable, averaged over
     * rows. This tensor holds logits [rows, classes].
     */
    public Tensor softmaxCrossEntropy(int[] labels) {
        if (rank() != 2) {
            throw new IllegalArgumentException("softmaxCrossEntropy: needs logits of shape [rows, classes], got "
                    + Shapes.str(shape));
        }
        int rows = shape[0], cols = shape[1];
        if (labels.length != rows) {
            throw new IllegalArgumentException("softmaxCrossEntropy: " + rows + " rows of logits but " + labels.length + " labels");
        }
        jinn.accel.ClassLabels.check("softmaxCrossEntropy", labels, rows, cols);
        Tensor x = contiguous();
        boolean wantGrad = GradMode.enabled() && x.needsGrad();
        float[] grad = wantGrad ? new float[size()] : null;
        float sum = backend().softmaxCrossEntropy(x.data, x.offset, rows, cols, labels, grad, 0, 1f / Math.max(1, rows));
        Tensor loss = scalar(sum / Math.max(1, rows));
        return record(loss, "softmaxCrossEntropy", g -> {
            float s = g.item();
            Tensor gx = new Tensor(grad, shape.clone());
            x.accumulate(s == 1f ? gx : gx.mul(s));
        }, x);
    }

    private void requireSameShape(String op, Tensor other) {
        if (!Arrays.equals(shape, other.shape)) {
            throw new IllegalArgumentException(op + ": prediction shape " + Shapes.str(shape) + " and target shape "
                    + Shapes.str(other.shape) + " differ");
        }
    }

    // ---------------------------------------------------------------- printing

    /** The values as NumPy prints them, with the shape: {@code tensor([1., 2.], shape=[2], dtype=float32)}. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

    /**
     * Equal values: true when {@code o} is a tensor of the same shape holding the same numbers, as
     * {@code List.equals} compares lists, so a reloaded model's weights equal the saved ones:
     * {@code Net.load(file).layer(0).parameters().get(0).equals(model.layer(0).parameters().get(0))}.
     * Gradients and {@code requiresGrad} do not count; NaN equals NaN, and 0.0 equals -0.0. Shape
     * [4] does not equal [2, 2]. For a tolerance (results of arithmetic rarely match to the last bit)
     * use {@link #allClose(Tensor, float)}.
     *
     * <p>Tensors are mutable (training updates weights in place), and like a list, a tensor used as a
     * key of a {@code HashMap} or element of a {@code HashSet} must not change while it is one; to
     * key by the tensor object itself, use an {@code IdentityHashMap}, as jinn's optimizers do.
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Tensor other) || !Arrays.equals(shape, other.shape)) return false;
        float[] a = toArray(), b = other.toArray();
        for (int i = 0; i < a.length; i++) {
            if (!(a[i] == b[i]) && !(Float.isNaN(a[i]) && Float.isNaN(b[i]))) return false;
        }
        return true;
    }

    /** Computed from the shape and the values, consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        int h = Arrays.hashCode(shape);
        for (float v : toArray()) h = 31 * h + (v == 0f ? 0 : Float.isNaN(v) ? 0x7fc00000 : Float.floatToIntBits(v));
        return h;
    }

    /** True when shapes match and every value is within {@code tol} (absolute). */
    public boolean allClose(Tensor other, float tol) {
        if (!Arrays.equals(shape, other.shape)) return false;
        float[] a = toArray(), b = other.toArray();
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= tol) && !(a[i] == b[i])) return false;
        }
        return true;
    }
}
