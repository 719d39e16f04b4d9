package jinn.accel.tornado;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jinn.accel.Backend;
import jinn.accel.BinaryOp;
import jinn.accel.ConvShape;
import jinn.accel.ReduceOp;
import jinn.accel.UnaryOp;
import uk.ac.manchester.tornado.api.DataRange;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.WorkerGrid;
import uk.ac.manchester.tornado.api.WorkerGrid1D;
import uk.ac.manchester.tornado.api.WorkerGrid2D;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.common.TornadoFunctions.Task4;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.enums.TornadoDeviceType;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * One TornadoVM device and the compiled kernels on it. With {@link Kernels} and the compiled training
 * step ({@link CompiledMlpStep}, {@link StepKernels}) the only code that touches TornadoVM types, so
 * that {@link TornadoBackend} loads and reports a reason even when TornadoVM is absent.
 *
 * <p>How a call runs: its operands are copied into one off-heap arena (only the elements the call
 * reads), sizes go into a small int buffer, the kernel's plan executes (arena, ints and floats copied
 * to the device, kernel launched) and only the output region is copied back. A plan is built and
 * its kernel compiled once per (kernel, arena capacity); capacities are powers of two, so a training
 * loop, whose shapes repeat, compiles a handful of plans on its first step and reuses them after.
 *
 * <p>Methods throw on any device failure; {@link TornadoBackend} turns that into its CPU fallback.
 * Not thread-safe: TornadoBackend serialises calls.
 */
final class DeviceSession implements Backend {

    /** The kernels, each compiled into its own plans. */
    enum Kernel {
        GEMM(Kernels::gemm), MAP(Kernels::map), MAP_BACKWARD(Kernels::mapBackward), ZIP(Kernels::zip),
        REDUCE(Kernels::reduce), SOFTMAX(Kernels::softmax), SOFTMAX_CE(Kernels::softmaxCrossEntropy),
        IM2COL(Kernels::im2col), COL2IM(Kernels::col2im);

        final Task4<KernelContext, FloatArray, IntArray, FloatArray> code;

        Kernel(Task4<KernelContext, FloatArray, IntArray, FloatArray> code) { this.code = code; }
    }

    /** Test hook: when positive, stands in for the device's largest allocation in bytes. */
    static volatile long maxBytesForTest;

    /** Test hook: the kernel named here is handed to the OpenCL compiler with a flag it rejects. */
    static volatile Kernel brokenForTest;

    private static final int MIN_CAPACITY = 1 << 12;
    private static final int FLOAT_PARAMS = 4;

    private final TornadoDevice device;
    private final String id;
    private final String compilerFlags;
    private final Map<String, Launch> launches = new HashMap<>();
    private int graphs;

    private DeviceSession(TornadoDevice device, String id, String compilerFlags) {
        this.device = device;
        this.id = id;
        this.compilerFlags = compilerFlags;
    }

    /**
     * Starts TornadoVM and picks a device: {@code spec} is "driver:device" (as TornadoVM numbers
     * them), or part of a device name, or null for TornadoVM's default device.
     */
    static DeviceSession open(String spec, String compilerFlags) {
        // Without this, a kernel that fails to compile silently runs as plain Java on one host
        // thread, which for KernelContext kernels is wrong, not just slow.
        if (System.getProperty("tornado.recover.bailout") == null) System.setProperty("tornado.recover.bailout", "False");
        List<DeviceInfo> all = devices();
        if (all.isEmpty()) throw new IllegalStateException("TornadoVM found no device (no OpenCL/PTX/SPIR-V driver reported one)");
        DeviceInfo chosen = pick(all, spec);
        TornadoDevice device = TornadoRuntimeProvider.getTornadoRuntime().getBackend(chosen.driver()).getDevice(chosen.index());
        return new DeviceSession(device, chosen.id(), compilerFlags);
    }

    static DeviceInfo pick(List<DeviceInfo> all, String spec) {
        if (spec == null || spec.isBlank()) return all.get(0);
        String s = spec.trim().toLowerCase(Locale.ROOT);
        for (DeviceInfo d : all) if (d.id().equals(s)) return d;
        for (DeviceInfo d : all) if (d.name().toLowerCase(Locale.ROOT).contains(s) || d.type().toLowerCase(Locale.ROOT).equals(s)) return d;
        throw new IllegalArgumentException("no TornadoVM device matches '" + spec + "'; devices: "
                + String.join("; ", all.stream().map(DeviceInfo::toString).toList()));
    }

    /** Every device of every TornadoVM driver, the default device first. */
    static List<DeviceInfo> devices() {
        var runtime = TornadoRuntimeProvider.getTornadoRuntime();
        TornadoDevice def = runtime.getDefaultDevice();
        List<DeviceInfo> out = new ArrayList<>();
        for (int b = 0; b < runtime.getNumBackends(); b++) {
            var backend = runtime.getBackend(b);
            for (int d = 0; d < backend.getNumDevices(); d++) {
                TornadoDevice dev = backend.getDevice(d);
                DeviceInfo info = new DeviceInfo(b, d, physicalName(dev), typeName(dev.getDeviceType()),
                        backend.getBackendType().toString(), dev.getMaxGlobalMemory());
                boolean isDefault = dev.getDeviceName().equals(def.getDeviceName()) && dev.getBackendIndex() == def.getBackendIndex();
                if (isDefault) out.add(0, info);
                else out.add(info);
            }
        }
        return out;
    }

    /** The hardware's name ("NVIDIA H100", "pthread-haswell-AMD EPYC"), not TornadoVM's "opencl-0-0". */
    private static String physicalName(TornadoDevice dev) {
        try {
            String name = dev.getPhysicalDevice().getDeviceName();
            if (name != null && !name.isBlank()) return name.trim();
        } catch (RuntimeException e) {
            // Some drivers do not expose the physical device; TornadoVM's own name still identifies it.
        }
        return dev.getDeviceName().trim();
    }

    private static String typeName(TornadoDeviceType t) {
        return switch (t) {
            case GPU -> "GPU";
            case FPGA -> "FPGA";
            case CPU -> "CPU";
            case ACCELERATOR -> "ACCELERATOR";
            default -> t.toString();
        };
    }

    /** True for GPUs, FPGAs and other accelerators: devices that beat the Vector API CPU backend. */
    boolean isAccelerator() {
        TornadoDeviceType t = device.getDeviceType();
        return t == TornadoDeviceType.GPU || t == TornadoDeviceType.FPGA || t == TornadoDeviceType.ACCELERATOR;
    }

    @Override public String name() { return "tornado"; }
    @Override public int priority() { return isAccelerator() ? 200 : 50; }

    @Override
    public String description() {
        return "TornadoVM " + device.getTornadoVMBackend() + " on " + physicalName(device)
                + " (" + typeName(device.getDeviceType()) + ", device " + id + ")";
    }

    /** The device's "driver:index". */
    String id() { return id; }

    // ------------------------------------------------------------------------ plans

    /** A compiled kernel with its buffers and launch grid, reused by every call that fits. */
    private static final class Launch {
        final FloatArray data;
        final IntArray ints;
        final FloatArray floats;
        final WorkerGrid grid;
        final TornadoExecutionPlan plan;

        Launch(FloatArray data, IntArray ints, FloatArray floats, WorkerGrid grid, TornadoExecutionPlan plan) {
            this.data = data;
            this.ints = ints;
            this.floats = floats;
            this.grid = grid;
            this.plan = plan;
        }
    }

    /** A call whose buffers the device cannot hold: it runs on the CPU, the kernel stays in use for the others. */
    static final class TooLarge extends RuntimeException {
        TooLarge(String message) { super(message, null, false, false); }
    }

    private int capacity(long needed) {
        long cap = Math.max(MIN_CAPACITY, Long.highestOneBit(Math.max(1, needed - 1)) << 1);
        long maxAlloc = maxBytesForTest > 0 ? maxBytesForTest : device.getMaxAllocMemory();
        if (cap > Integer.MAX_VALUE / 2 || (maxAlloc > 0 && 4 * cap > maxAlloc)) {
            throw new TooLarge("needs a buffer of " + cap + " floats; the device allocates at most " + maxAlloc / 4);
        }
        return (int) cap;
    }

    private Launch launch(Kernel kernel, long dataNeeded, int intsNeeded) {
        int dataCap = capacity(dataNeeded), intCap = capacity(intsNeeded);
        String key = kernel + "/" + dataCap + "/" + intCap;
        Launch l = launches.get(key);
        if (l != null) return l;
        FloatArray data = new FloatArray(dataCap);
        IntArray ints = new IntArray(intCap);
        FloatArray floats = new FloatArray(FLOAT_PARAMS);
        data.init(0f);
        ints.init(0);
        floats.init(0f);
        String graph = "jinn" + (graphs++);
        TaskGraph tg = new TaskGraph(graph)
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, data, ints, floats)
                .task("k", kernel.code, new KernelContext(), data, ints, floats)
                .transferToHost(DataTransferMode.UNDER_DEMAND, data);
        WorkerGrid grid = kernel == Kernel.GEMM ? new WorkerGrid2D(Kernels.THREADS, Kernels.THREADS) : new WorkerGrid1D(Kernels.GROUP);
        TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())
                .withGridScheduler(new GridScheduler(graph + ".k", grid))
                .withDevice(device);
        String flags = kernel == brokenForTest ? compilerFlags + " -jinn-injected-failure" : compilerFlags;
        if (device.getTornadoVMBackend() == TornadoVMBackendType.OPENCL) plan.withCompilerFlags(TornadoVMBackendType.OPENCL, flags);
        l = new Launch(data, ints, floats, grid, plan);
        launches.put(key, l);
        return l;
    }

    /** Test hook: the next training steps are handed to the OpenCL compiler with a flag it rejects. */
    static volatile boolean brokenStepForTest;

    /** A whole MLP training step compiled for this device (on its first execution); the caller closes it. */
    CompiledMlpStep trainingStep(SgdChain spec, boolean profiled) {
        String flags = brokenStepForTest ? compilerFlags + " -jinn-injected-failure" : compilerFlags;
        return new CompiledMlpStep(spec, device, flags, profiled);
    }

    /** Compiled steps not in use, by {@link #stepKey}: the next fit of the same shape reuses the kernels. */
    private final Map<String, CompiledMlpStep> idleSteps = new HashMap<>();

    static String stepKey(SgdChain spec) {
        return Arrays.toString(spec.widths()) + Arrays.toString(spec.activations())
                + Arrays.toString(spec.alphas()) + Arrays.toString(spec.biases())
                + "/" + spec.learningRate() + "/" + spec.momentum() + "/" + spec.batchSize();
    }

    /** An idle compiled step for this spec, or a new one; hand it back with {@link #idle} when done. */
    synchronized CompiledMlpStep reusableStep(SgdChain spec) {
        CompiledMlpStep s = idleSteps.remove(stepKey(spec));
        return s != null ? s : trainingStep(spec, false);
    }

    /** Keeps a step that worked for the next fit of the same shape (the previous idle one of that shape is freed). */
    synchronized void idle(SgdChain spec, CompiledMlpStep step) {
        CompiledMlpStep old = idleSteps.put(stepKey(spec), step);
        if (old != null && old != step) old.close();
    }

    /** Frees the device memory of every plan; the session is not used afterwards. */
    synchronized void release() {
        for (CompiledMlpStep s : idleSteps.values()) s.close();
        idleSteps.clear();
        for (Launch l : launches.values()) {
            try {
                l.plan.close();
            } catch (Exception e) {
                // Freeing is best effort: the device may already be gone, and the JVM frees the rest at exit.
            }
        }
        launches.clear();
    }

    /** Number of compiled plans, for tests. */
    int planCount() { return launches.size(); }

    private static int roundUp(int x, int to) { return (x + to - 1) / to * to; }

    private static TornadoExecutionResult run(Launch l, long globalX, long globalY, long localX, long localY) {
        l.grid.setGlobalWork(globalX, globalY, 1);
        l.grid.setLocalWork(localX, localY, 1);
        return l.plan.execute();
    }

    private static void fetch(TornadoExecutionResult r, Launch l, int at, int len) {
        if (len > 0) r.transferToHost(new DataRange(l.data).withOffset(at).withSize(len));
    }

    private static void put(Launch l, int at, float[] src, int from, int len) {
        MemorySegment.copy(src, from, l.data.getSegment(), ValueLayout.JAVA_FLOAT_UNALIGNED, 4L * at, len);
    }

    private static void get(Launch l, int at, float[] dst, int to, int len) {
        MemorySegment.copy(l.data.getSegment(), ValueLayout.JAVA_FLOAT_UNALIGNED, 4L * at, dst, to, len);
    }

    private static void ints(Launch l, int... values) {
        for (int i = 0; i < values.length; i++) l.ints.set(i, values[i]);
    }

    // ------------------------------------------------------------------------ kernels

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        // Extents: from the first element an operand reads to one past the last.
        int aLen = transA ? (k - 1) * lda + m : (m - 1) * lda + k;
        int bLen = transB ? (n - 1) * ldb + k : (k - 1) * ldb + n;
        int cLen = (m - 1) * ldc + n;
        int pa = 0, pb = aLen, pc = aLen + bLen;
        Launch l = launch(Kernel.GEMM, (long) pc + cLen, Kernels.HEADER);
        put(l, pa, a, aOff, aLen);
        put(l, pb, b, bOff, bLen);
        boolean betaZero = beta == 0f;
        if (!betaZero) put(l, pc, c, cOff, cLen);
        ints(l, m, n, k, pa, transA ? 1 : lda, transA ? lda : 1, pb, transB ? 1 : ldb, transB ? ldb : 1, pc, ldc, betaZero ? 1 : 0);
        l.floats.set(0, alpha);
        l.floats.set(1, beta);
        // One work-group of THREADS×THREADS items per BLOCK×BLOCK block of C.
        TornadoExecutionResult r = run(l, (long) (n + Kernels.BLOCK - 1) / Kernels.BLOCK * Kernels.THREADS,
                (long) (m + Kernels.BLOCK - 1) / Kernels.BLOCK * Kernels.THREADS, Kernels.THREADS, Kernels.THREADS);
        fetch(r, l, pc, cLen);
        // Row by row: the gaps between rows (ldc > n) belong to the caller and stay untouched.
        if (ldc == n) get(l, pc, c, cOff, cLen);
        else for (int i = 0; i < m; i++) get(l, pc + i * ldc, c, cOff + i * ldc, n);
    }

    @Override
    public void map(UnaryOp op, float param, float[] x, int xOff, float[] y, int yOff, int n) {
        Launch l = launch(Kernel.MAP, 2L * n, Kernels.HEADER);
        put(l, 0, x, xOff, n);
        ints(l, op.ordinal(), n, 0, n);
        l.floats.set(0, param);
        TornadoExecutionResult r = run(l, roundUp(n, Kernels.GROUP), 1, Kernels.GROUP, 1);
        fetch(r, l, n, n);
        get(l, n, y, yOff, n);
    }

    @Override
    public void mapBackward(UnaryOp op, float param, float[] x, int xOff, float[] y, int yOff,
                            float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        Launch l = launch(Kernel.MAP_BACKWARD, 4L * n, Kernels.HEADER);
        put(l, 0, x, xOff, n);
        put(l, n, y, yOff, n);
        put(l, 2 * n, dy, dyOff, n);
        put(l, 3 * n, dx, dxOff, n);
        ints(l, op.ordinal(), n, 0, n, 2 * n, 3 * n);
        l.floats.set(0, param);
        TornadoExecutionResult r = run(l, roundUp(n, Kernels.GROUP), 1, Kernels.GROUP, 1);
        fetch(r, l, 3 * n, n);
        get(l, 3 * n, dx, dxOff, n);
    }

    @Override
    public void zip(BinaryOp op, int n, float[] a, int aOff, int aInc, float[] b, int bOff, int bInc,
                    float[] out, int outOff) {
        int aLen = aInc == 0 ? 1 : n, bLen = bInc == 0 ? 1 : n;
        int pa = 0, pb = aLen, po = aLen + bLen;
        Launch l = launch(Kernel.ZIP, (long) po + n, Kernels.HEADER);
        put(l, pa, a, aOff, aLen);
        put(l, pb, b, bOff, bLen);
        ints(l, op.ordinal(), n, pa, aInc, pb, bInc, po);
        TornadoExecutionResult r = run(l, roundUp(n, Kernels.GROUP), 1, Kernels.GROUP, 1);
        fetch(r, l, po, n);
        get(l, po, out, outOff, n);
    }

    @Override
    public void reduce(ReduceOp op, float[] x, int xOff, int outer, int len, int inner, float[] out, int outOff) {
        int size = outer * len * inner, outputs = outer * inner;
        Launch l = launch(Kernel.REDUCE, (long) size + outputs, Kernels.HEADER);
        put(l, 0, x, xOff, size);
        ints(l, op.ordinal(), outer, len, inner, 0, size);
        TornadoExecutionResult r = run(l, (long) outputs * Kernels.GROUP, 1, Kernels.GROUP, 1);
        fetch(r, l, size, outputs);
        get(l, size, out, outOff, outputs);
    }

    @Override
    public void softmax(float[] x, int xOff, int rows, int cols, float[] out, int outOff, boolean log) {
        int size = rows * cols;
        Launch l = launch(Kernel.SOFTMAX, 2L * size, Kernels.HEADER);
        put(l, 0, x, xOff, size);
        ints(l, rows, cols, 0, size, log ? 1 : 0);
        TornadoExecutionResult r = run(l, (long) rows * Kernels.GROUP, 1, Kernels.GROUP, 1);
        fetch(r, l, size, size);
        get(l, size, out, outOff, size);
    }

    @Override
    public float softmaxCrossEntropy(float[] logits, int off, int rows, int cols, int[] labels,
                                     float[] grad, int gradOff, float gradScale) {
        int size = rows * cols;
        boolean withGrad = grad != null;
        int pg = size, pl = withGrad ? 2 * size : size;
        Launch l = launch(Kernel.SOFTMAX_CE, (long) pl + rows, Kernels.HEADER + rows);
        put(l, 0, logits, off, size);
        ints(l, rows, cols, 0, pg, pl, withGrad ? 1 : 0);
        MemorySegment.copy(labels, 0, l.ints.getSegment(), ValueLayout.JAVA_INT_UNALIGNED, 4L * Kernels.HEADER, rows);
        l.floats.set(0, gradScale);
        TornadoExecutionResult r = run(l, (long) rows * Kernels.GROUP, 1, Kernels.GROUP, 1);
        fetch(r, l, pg, pl + rows - pg);
        if (withGrad) get(l, pg, grad, gradOff, size);
        double loss = 0;
        for (int i = 0; i < rows; i++) loss += l.data.get(pl + i);
        return (float) loss;
    }

    /** The convolution's geometry and n, as both convolution kernels read them first, then {@code more}: for {@link #ints}. */
    private static int[] shapeInts(ConvShape s, int n, int... more) {
        int[] v = {s.channels(), s.height(), s.width(), s.kernelH(), s.kernelW(), s.strideH(), s.strideW(),
                s.padTop(), s.padLeft(), s.outH(), s.outW(), n};
        int[] all = Arrays.copyOf(v, v.length + more.length);
        System.arraycopy(more, 0, all, v.length, more.length);
        return all;
    }

    @Override
    public void im2col(ConvShape s, int n, float[] x, int xOff, float[] cols, int colsOff, int ld) {
        int k = s.patchSize(), width = n * s.positions();
        int xLen = n * s.imageSize(), colsLen = (k - 1) * ld + width;
        int px = 0, pc = xLen;
        Launch l = launch(Kernel.IM2COL, (long) pc + colsLen, Kernels.HEADER);
        put(l, px, x, xOff, xLen);
        ints(l, shapeInts(s, n, px, pc, ld));
        TornadoExecutionResult r = run(l, roundUp(k * width, Kernels.GROUP), 1, Kernels.GROUP, 1);
        fetch(r, l, pc, colsLen);
        // Row by row where rows are further apart than this call's columns: the gaps are other chunks' columns.
        if (ld == width) get(l, pc, cols, colsOff, colsLen);
        else for (int row = 0; row < k; row++) get(l, pc + row * ld, cols, colsOff + row * ld, width);
    }

    @Override
    public void col2im(ConvShape s, int n, float[] cols, int colsOff, float[] dx, int dxOff) {
        int colsLen = s.patchSize() * n * s.positions(), dxLen = n * s.imageSize();
        int pc = 0, pd = colsLen;
        Launch l = launch(Kernel.COL2IM, (long) pd + dxLen, Kernels.HEADER);
        put(l, pc, cols, colsOff, colsLen);
        put(l, pd, dx, dxOff, dxLen);
        ints(l, shapeInts(s, n, pc, pd));
        TornadoExecutionResult r = run(l, roundUp(dxLen, Kernels.GROUP), 1, Kernels.GROUP, 1);
        fetch(r, l, pd, dxLen);
        get(l, pd, dx, dxOff, dxLen);
    }

    /** One device as TornadoVM numbers it ("driver:index"), for listing and choosing. */
    record DeviceInfo(int driver, int index, String name, String type, String api, long globalMemory) {
        String id() { return driver + ":" + index; }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %s %s (%s, %.1f GB)", id(), type, name.trim(), api, globalMemory / 1e9);
        }
    }
}
