package jinn.accel.tornado;

import java.lang.foreign.ValueLayout;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import jinn.accel.ClassLabels;
import jinn.accel.TrainingStep;
import jinn.accel.UnaryOp;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.WorkerGrid;
import uk.ac.manchester.tornado.api.WorkerGrid1D;
import uk.ac.manchester.tornado.api.WorkerGrid2D;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.enums.ProfilerMode;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * An MLP's whole training step as one TornadoVM task graph, compiled on its first execution and
 * executed again for every batch. Per layer l (inputs h₀ = x): forward h_l = act(h_{l−1}·W_l + b_l)
 * in one GEMM; the softmax cross-entropy writes per-row losses and dz_L; backward, from the last
 * layer down, dz_{l−1} = (dz_l·W_lᵀ) ⊙ act'(h_{l−1}) in one GEMM (before W_l changes), then W_l's
 * gradient h_{l−1}ᵀ·dz_l with the SGD update fused into the same GEMM, then the bias's column sum
 * and update. 4L − 1 kernels for L layers.
 *
 * <p>Data: weights, biases, velocities and every activation and gradient buffer go to the device
 * on the first execution only and stay there (TornadoVM's {@code FIRST_EXECUTION}); every step
 * sends the input and the labels and fetches the per-row losses. Parameters come back only on
 * {@link #read} ({@code UNDER_DEMAND}).
 *
 * <p>Reuse: a later {@link #write} (the next fit of a network of the same shape) releases the
 * device buffers, so the next execution sends the new parameters again, while the compiled
 * kernels stay: a second fit does not compile anew.
 */
final class CompiledMlpStep implements TrainingStep {

    private static int graphs;

    private final SgdChain spec;
    private final int layers, batchSize;
    private final int[] widths;
    private final FloatArray x, out, hyper;
    private final IntArray batch;
    private final FloatArray[] weight, bias, weightVelocity, biasVelocity, h, dz;
    private final TornadoExecutionPlan plan;
    private final boolean profiled;
    private TornadoExecutionResult last;
    private long steps;
    private boolean executed;
    private int kernels;

    CompiledMlpStep(SgdChain spec, TornadoDevice device, String compilerFlags, boolean profiled) {
        this.spec = spec;
        this.profiled = profiled;
        widths = spec.widths();
        layers = spec.layers();
        batchSize = spec.batchSize();
        x = zeros(batchSize * widths[0]);
        batch = new IntArray(1 + batchSize);
        batch.init(0);
        out = zeros(2 * batchSize);
        hyper = zeros(StepKernels.ALPHAS + layers);
        hyper.set(0, spec.learningRate());
        hyper.set(1, spec.momentum());
        float[] alphas = spec.alphas();
        for (int l = 0; l < layers; l++) hyper.set(StepKernels.ALPHAS + l, alphas[l]);

        weight = new FloatArray[layers];
        bias = new FloatArray[layers];
        weightVelocity = new FloatArray[layers];
        biasVelocity = new FloatArray[layers];
        h = new FloatArray[layers];
        dz = new FloatArray[layers];
        boolean momentum = spec.momentum() != 0f;
        for (int l = 0; l < layers; l++) {
            int in = widths[l], units = widths[l + 1];
            weight[l] = zeros(in * units);
            bias[l] = zeros(units);
            // Without momentum the velocities are never read: a token buffer keeps the kernels' signature.
            weightVelocity[l] = zeros(momentum ? in * units : 1);
            biasVelocity[l] = zeros(momentum ? units : 1);
            h[l] = zeros(batchSize * units);
            dz[l] = zeros(batchSize * units);
        }

        String name = "jinnStep" + nextGraph();
        KernelContext context = new KernelContext();
        TaskGraph tg = new TaskGraph(name).transferToDevice(DataTransferMode.EVERY_EXECUTION, x, batch);
        List<Object> resident = new ArrayList<>(List.of(hyper));
        for (int l = 0; l < layers; l++) {
            resident.addAll(List.of(weight[l], bias[l], weightVelocity[l], biasVelocity[l], h[l], dz[l]));
        }
        GridScheduler grids = new GridScheduler();
        List<IntArray> params = new ArrayList<>();
        UnaryOp[] acts = spec.activations();
        boolean[] biases = spec.biases();
        for (int l = 0; l < layers; l++) {
            int in = widths[l], units = widths[l + 1];
            FloatArray input = l == 0 ? x : h[l - 1];
            IntArray p = ints(batchSize, units, in, in, 1, units, 1, StepKernels.FORWARD, acts[l].ordinal(),
                    StepKernels.ALPHAS + l, StepKernels.ROWS_AS_M);
            params.add(p);
            tg.task("forward" + l, StepKernels::gemm, context, input, weight[l], h[l], bias[l], batch, p, hyper);
            grids.addWorkerGrid(name + ".forward" + l, gemmGrid(batchSize, units));
            kernels++;
        }
        IntArray ce = ints(widths[layers], acts[layers - 1].ordinal(), StepKernels.ALPHAS + layers - 1, batchSize);
        params.add(ce);
        tg.task("loss", StepKernels::softmaxCrossEntropy, context, h[layers - 1], dz[layers - 1], out, batch, ce, hyper);
        grids.addWorkerGrid(name + ".loss", grid1D((batchSize + Kernels.GROUP - 1) / Kernels.GROUP * Kernels.GROUP));
        kernels++;
        for (int l = layers - 1; l >= 0; l--) {
            int in = widths[l], units = widths[l + 1];
            if (l > 0) {
                // dz_{l-1} = (dz_l · W_lᵀ) ⊙ act'(h_{l-1}): W_l[j][q] read as Wᵀ[q][j] by swapped strides.
                IntArray p = ints(batchSize, in, units, units, 1, 1, units, StepKernels.INPUT_GRADIENT, acts[l - 1].ordinal(),
                        StepKernels.ALPHAS + l - 1, StepKernels.ROWS_AS_M);
                params.add(p);
                tg.task("inputGradient" + l, StepKernels::gemm, context, dz[l], weight[l], dz[l - 1], h[l - 1], batch, p, hyper);
                grids.addWorkerGrid(name + ".inputGradient" + l, gemmGrid(batchSize, in));
                kernels++;
            }
            FloatArray input = l == 0 ? x : h[l - 1];
            // W_l −= lr · h_{l-1}ᵀ · dz_l: the input read transposed, the batch's rows as the inner dimension.
            IntArray p = ints(in, units, batchSize, 1, in, units, 1, StepKernels.WEIGHT_UPDATE, 0, 0, StepKernels.ROWS_AS_K);
            params.add(p);
            tg.task("weightUpdate" + l, StepKernels::gemm, context, input, dz[l], weight[l], weightVelocity[l], batch, p, hyper);
            grids.addWorkerGrid(name + ".weightUpdate" + l, gemmGrid(in, units));
            kernels++;
            if (biases[l]) {
                IntArray pb = ints(units);
                params.add(pb);
                tg.task("biasUpdate" + l, StepKernels::biasUpdate, context, dz[l], bias[l], biasVelocity[l], batch, pb, hyper);
                WorkerGrid g = new WorkerGrid1D(units * Kernels.GROUP);
                g.setLocalWork(Kernels.GROUP, 1, 1);
                grids.addWorkerGrid(name + ".biasUpdate" + l, g);
                kernels++;
            }
        }
        resident.addAll(params);
        tg.transferToDevice(DataTransferMode.FIRST_EXECUTION, resident.toArray());
        tg.transferToHost(DataTransferMode.EVERY_EXECUTION, out);
        List<Object> fetchable = new ArrayList<>();
        for (int l = 0; l < layers; l++) fetchable.addAll(List.of(weight[l], bias[l], weightVelocity[l], biasVelocity[l]));
        tg.transferToHost(DataTransferMode.UNDER_DEMAND, fetchable.toArray());

        TornadoExecutionPlan p = new TornadoExecutionPlan(tg.snapshot()).withGridScheduler(grids).withDevice(device);
        if (device.getTornadoVMBackend() == TornadoVMBackendType.OPENCL) p.withCompilerFlags(TornadoVMBackendType.OPENCL, compilerFlags);
        plan = profiled ? p.withProfiler(ProfilerMode.SILENT) : p;
    }

    private static synchronized int nextGraph() { return graphs++; }

    private static FloatArray zeros(int n) {
        FloatArray a = new FloatArray(n);
        a.init(0f);
        return a;
    }

    private static IntArray ints(int... values) {
        IntArray a = new IntArray(values.length);
        for (int i = 0; i < values.length; i++) a.set(i, values[i]);
        return a;
    }

    /** One work-group of THREADS×THREADS items per BLOCK×BLOCK block of an m×n result. */
    private static WorkerGrid gemmGrid(int m, int n) {
        WorkerGrid g = new WorkerGrid2D((n + Kernels.BLOCK - 1) / Kernels.BLOCK * Kernels.THREADS,
                (m + Kernels.BLOCK - 1) / Kernels.BLOCK * Kernels.THREADS);
        g.setLocalWork(Kernels.THREADS, Kernels.THREADS, 1);
        return g;
    }

    private static WorkerGrid grid1D(int global) {
        WorkerGrid g = new WorkerGrid1D(global);
        g.setLocalWork(Kernels.GROUP, 1, 1);
        return g;
    }

    @Override
    public void write(List<float[]> parameters, List<float[]> velocities) {
        List<FloatArray> ps = parameterArrays(false), vs = parameterArrays(true);
        check(parameters, ps, "parameters");
        boolean withVelocity = velocities != null && spec.momentum() != 0f;
        if (withVelocity) check(velocities, vs, "velocities");
        if (executed) {
            // The device copies are FIRST_EXECUTION data: released, they are sent again on the next execution.
            plan.freeDeviceMemory();
            executed = false;
            last = null;
        }
        for (int i = 0; i < ps.size(); i++) put(parameters.get(i), ps.get(i));
        for (int i = 0; i < vs.size(); i++) {
            if (withVelocity) put(velocities.get(i), vs.get(i));
            else vs.get(i).init(0f);
        }
    }

    @Override
    public Result step(float[] input, int[] labels, int rows) {
        if (rows < 1 || rows > batchSize) throw new IllegalArgumentException("training step: " + rows + " rows, expected 1 to " + batchSize);
        int width = widths[0], classes = widths[layers];
        if (input.length < rows * width || labels.length < rows) {
            throw new IllegalArgumentException("training step: " + rows + " rows need " + rows * width + " inputs and " + rows
                    + " labels, got " + input.length + " and " + labels.length);
        }
        ClassLabels.check("training step", labels, rows, classes);
        MemorySegment.copy(input, 0, x.getSegment(), ValueLayout.JAVA_FLOAT_UNALIGNED, 0, rows * width);
        batch.set(0, rows);
        MemorySegment.copy(labels, 0, batch.getSegment(), ValueLayout.JAVA_INT_UNALIGNED, 4, rows);
        executed = true;
        last = plan.execute();
        steps++;
        double loss = 0;
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            loss += out.get(r);
            if (out.get(batchSize + r) != 0f) correct++;
        }
        return new Result((float) (loss / rows), correct);
    }

    @Override
    public void read(List<float[]> parameters, List<float[]> velocities) {
        List<FloatArray> ps = parameterArrays(false), vs = parameterArrays(true);
        check(parameters, ps, "parameters");
        boolean withVelocity = velocities != null && spec.momentum() != 0f;
        if (withVelocity) check(velocities, vs, "velocities");
        if (last != null) {
            List<Object> wanted = new ArrayList<>(ps);
            if (withVelocity) wanted.addAll(vs);
            last.transferToHost(wanted.toArray());
        }
        for (int i = 0; i < ps.size(); i++) get(ps.get(i), parameters.get(i));
        if (withVelocity) for (int i = 0; i < vs.size(); i++) get(vs.get(i), velocities.get(i));
    }

    /** Bytes TornadoVM copied to and from the device in the last step (profiled steps only). */
    long[] lastTransfers() {
        if (!profiled || last == null) throw new IllegalStateException("not profiled, or no step yet");
        return new long[]{last.getProfilerResult().getTotalBytesCopyIn(), last.getProfilerResult().getTotalBytesCopyOut()};
    }

    /** Kernels launched per step. */
    int kernels() { return kernels; }

    /** The bytes of every buffer that stays on the device, and of those a step moves (input, labels; losses), as TornadoVM sizes them. */
    long[] bufferBytes() {
        long resident = 0;
        for (FloatArray a : parameterArrays(false)) resident += a.getNumBytesOfSegmentWithHeader();
        return new long[]{resident, x.getNumBytesOfSegmentWithHeader() + batch.getNumBytesOfSegmentWithHeader(), out.getNumBytesOfSegmentWithHeader()};
    }

    private List<FloatArray> parameterArrays(boolean velocity) {
        boolean[] biases = spec.biases();
        List<FloatArray> list = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            list.add(velocity ? weightVelocity[l] : weight[l]);
            if (biases[l]) list.add(velocity ? biasVelocity[l] : bias[l]);
        }
        return list;
    }

    private static void check(List<float[]> given, List<FloatArray> expected, String what) {
        if (given.size() != expected.size()) {
            throw new IllegalArgumentException("training step: expected " + expected.size() + " " + what + " arrays, got " + given.size());
        }
        for (int i = 0; i < given.size(); i++) {
            if (given.get(i).length != expected.get(i).getSize()) {
                throw new IllegalArgumentException("training step: " + what + " array " + i + " has " + given.get(i).length
                        + " values, expected " + expected.get(i).getSize());
            }
        }
    }

    private static void put(float[] src, FloatArray dst) {
        MemorySegment.copy(src, 0, dst.getSegment(), ValueLayout.JAVA_FLOAT_UNALIGNED, 0, src.length);
    }

    private static void get(FloatArray src, float[] dst) {
        MemorySegment.copy(src.getSegment(), ValueLayout.JAVA_FLOAT_UNALIGNED, 0, dst, 0, dst.length);
    }

    /** Steps run since this step was built. */
    long steps() { return steps; }

    @Override
    public void close() {
        try {
            plan.close();
        } catch (Exception e) {
            // Freeing is best effort: the device may already be gone, and the JVM frees the rest at exit.
        }
    }
}
