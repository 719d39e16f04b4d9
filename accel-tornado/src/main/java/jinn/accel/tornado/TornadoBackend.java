package jinn.accel.tornado;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;
import jinn.accel.Backend;
import jinn.accel.Backends;
import jinn.accel.BinaryOp;
import jinn.accel.ClassLabels;
import jinn.accel.CompilesTrainingSteps;
import jinn.accel.DenseChain;
import jinn.accel.ReduceOp;
import jinn.accel.ScalarBackend;
import jinn.accel.SelectableDevices;
import jinn.accel.TrainingStep;
import jinn.accel.UnaryOp;

/**
 * jinn's kernels on a TornadoVM device (GPU, FPGA, or an OpenCL CPU runtime such as PoCL), with the
 * CPU backend behind it for everything the device cannot do.
 *
 * <p>Choice: with a GPU, FPGA or other accelerator as the device this backend outranks the CPU
 * backend; on an OpenCL CPU device (PoCL) it is selectable ({@code -Djinn.backend=tornado}) but not
 * preferred, because the Vector API CPU backend runs the same maths faster on the same cores.
 *
 * <p>Fallback: when TornadoVM or a device is missing, a kernel fails to compile or run, or a call is
 * too small to be worth a launch ({@code -Djinn.tornado.minWork=}, default {@value #DEFAULT_MIN_WORK}
 * multiply-adds or elements), the call runs on the CPU backend. A failure prints one notice line
 * saying why, once per cause; the failing kernel is not tried again in this JVM.
 *
 * <p>Device: {@code -Djinn.tornado.device=} takes "driver:index" or part of a device name;
 * {@link #devices()} lists them and {@link #useDevice(String)} switches ({@link SelectableDevices}: the
 * REPL's /backend uses both).
 *
 * <p>Data: every call copies its operands to the device and its result back, because the
 * {@link Backend} contract hands results back in host arrays that the caller may change at will;
 * compiled kernels and device buffers are kept and reused across calls. The exception is
 * {@link #sgdTrainingStep}: a whole MLP step compiled once, with the parameters kept on the device
 * ({@code -Djinn.tornado.trainingStep=false} turns it off; {@link CompilesTrainingSteps}).
 */
public final class TornadoBackend implements Backend, CompilesTrainingSteps, SelectableDevices {

    static final int DEFAULT_MIN_WORK = 32768;

    private static final Object SHARED_LOCK = new Object();
    private static volatile Opened shared;
    /** The shared session's notices and failed kernels are JVM-wide: one notice per cause, whatever the instance. */
    private static final Set<String> SHARED_NOTICED = new HashSet<>();
    private static final Set<Op> SHARED_FAILED = EnumSet.noneOf(Op.class);

    private final Supplier<Backend> opener;
    private final PrintStream notices;
    private final long minWork;
    private final boolean strict;
    private volatile Opened own;
    private volatile Backend fallback;
    private final AtomicLongArray onDevice = new AtomicLongArray(Op.values().length);
    private final Set<String> noticed;
    private final Set<Op> failed;

    /** The device session, or why there is none. */
    private record Opened(Backend device, String whyNot) {}

    /** The kernels, as the fallback notices name them. */
    private enum Op { GEMM, MAP, MAP_BACKWARD, ZIP, REDUCE, SOFTMAX, SOFTMAX_CE, IM2COL, COL2IM, TRAINING_STEP }

    /** The instance {@link java.util.ServiceLoader} creates: the JVM-wide device session. */
    public TornadoBackend() {
        this(null, null, System.err, Long.getLong("jinn.tornado.minWork", DEFAULT_MIN_WORK));
    }

    /**
     * With {@code -Djinn.tornado.strict=true} a kernel failure is an error instead of a fallback, so that
     * a test suite run on this backend cannot pass on the CPU's numbers (this module's tests set it).
     */
    private static boolean strictFromProperty() {
        return Boolean.getBoolean("jinn.tornado.strict");
    }

    /**
     * For tests: {@code opener} returns the device backend or throws with the reason there is none;
     * {@code fallback} (null: the CPU backend) runs what the device does not.
     */
    TornadoBackend(Supplier<Backend> opener, Backend fallback, PrintStream notices, long minWork) {
        this.opener = opener;
        this.fallback = fallback;
        this.notices = notices;
        this.minWork = minWork;
        this.strict = opener == null && strictFromProperty();
        this.noticed = opener == null ? SHARED_NOTICED : new HashSet<>();
        this.failed = opener == null ? SHARED_FAILED : EnumSet.noneOf(Op.class);
    }

    // ------------------------------------------------------------------------ device and choice

    private Opened opened() {
        if (opener == null) {
            Opened s = shared;
            if (s == null) {
                synchronized (SHARED_LOCK) {
                    if (shared == null) shared = open(TornadoBackend::openDefault);
                    s = shared;
                }
            }
            return s;
        }
        Opened o = own;
        if (o == null) {
            synchronized (this) {
                if (own == null) own = open(opener);
                o = own;
            }
        }
        return o;
    }

    private static Opened open(Supplier<Backend> opener) {
        try {
            return new Opened(opener.get(), null);
        } catch (RuntimeException | LinkageError e) {
            return new Opened(null, reasonOf(e));
        }
    }

    private static Backend openDefault() {
        requireRuntime();
        return DeviceSession.open(System.getProperty("jinn.tornado.device"), compilerFlags());
    }

    /** Throws with the reason when this JVM cannot run TornadoVM, before any TornadoVM class is touched. */
    private static void requireRuntime() {
        if (System.getProperty("tornado.load.runtime.implementation") == null) {
            throw new IllegalStateException("TornadoVM runtime absent: the JVM was not started with @$TORNADOVM_HOME/tornado-argfile");
        }
        try {
            Class.forName("uk.ac.manchester.tornado.api.TaskGraph");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("TornadoVM runtime absent: uk.ac.manchester.tornado.api is not on the module path");
        }
    }

    private static String compilerFlags() {
        return System.getProperty("jinn.tornado.compilerFlags", "-w");
    }

    /**
     * One line for a notice: the failure's message without colours, stack traces or TornadoVM's
     * "Bailout is disabled" preamble, with the exception type when the message alone says little.
     */
    static String reasonOf(Throwable e) {
        Throwable t = e;
        while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) t = t.getCause();
        String raw = t.getMessage() == null ? "" : t.getMessage().replaceAll("\u001B\\[[0-9;]*m", "");
        List<String> parts = new ArrayList<>();
        for (String line : raw.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("Stacktrace:") || l.startsWith("Bailout is disabled")) continue;
            if (l.startsWith("Reason:")) l = l.substring("Reason:".length()).strip();
            if (l.startsWith("The internal error is:")) l = l.substring("The internal error is:".length()).strip();
            parts.add(l);
        }
        String msg = String.join(": ", parts);
        String type = t.getClass().getSimpleName();
        if (msg.isEmpty()) return type;
        boolean saysEnough = t instanceof IllegalStateException || t instanceof IllegalArgumentException
                || type.startsWith("Tornado");
        return saysEnough ? msg : type + ": " + msg;
    }

    @Override public String name() { return "tornado"; }

    @Override
    public int priority() {
        Opened o = opened();
        return o.device() == null ? -1 : o.device().priority();
    }

    @Override public boolean isAvailable() { return opened().device() != null; }

    @Override
    public String description() {
        Opened o = opened();
        return o.device() == null ? "TornadoVM unavailable: " + o.whyNot() : o.device().description();
    }

    /** Every TornadoVM device as "driver:index TYPE name (API, memory)", the default first; empty without TornadoVM. */
    @Override
    public List<String> devices() {
        try {
            requireRuntime();
            return DeviceSession.devices().stream().map(DeviceSession.DeviceInfo::toString).toList();
        } catch (RuntimeException | LinkageError e) {
            return List.of();
        }
    }

    /**
     * Moves the shared tornado backend to the device that {@code spec} names ("driver:index", part of
     * a name, or a type such as "gpu") and returns its description. Kernels compile again for the new
     * device on first use, and kernels that failed on the old device get another chance. An unknown
     * device is an error that lists the devices; without TornadoVM the error says so.
     */
    @Override
    public String useDevice(String spec) {
        requireRuntime();
        synchronized (SHARED_LOCK) {
            DeviceSession session = DeviceSession.open(spec, compilerFlags());
            Opened old = shared;
            if (old != null && old.device() instanceof DeviceSession previous) previous.release();
            shared = new Opened(session, null);
            synchronized (SHARED_FAILED) {
                SHARED_FAILED.clear();
            }
            synchronized (SHARED_NOTICED) {
                SHARED_NOTICED.clear();
            }
            return session.description();
        }
    }

    /** How many calls of one kernel ("gemm", "map", ...) ran on the device so far. */
    long deviceCalls(String kernel) {
        return onDevice.get(Op.valueOf(kernel.toUpperCase(Locale.ROOT)).ordinal());
    }

    // ------------------------------------------------------------------------ fallback

    private Backend fallback() {
        Backend f = fallback;
        if (f == null) {
            try {
                f = Backends.find("cpu");
            } catch (IllegalArgumentException e) {
                f = new ScalarBackend();
            }
            fallback = f;
        }
        return f;
    }

    /** The device for this op, or null when the op runs on the CPU (and then the reason is noticed once). */
    private Backend deviceFor(Op op, long work) {
        Opened o = opened();
        if (o.device() == null) {
            notice("unavailable", "jinn: tornado backend unavailable (" + o.whyNot() + "); running on the "
                    + fallback().name() + " backend instead");
            return null;
        }
        if (work < minWork) return null;
        synchronized (failed) {
            if (failed.contains(op)) return null;
        }
        return o.device();
    }

    private void failedOn(Op op, Throwable e) {
        if (strict) {
            throw new IllegalStateException("tornado " + op.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " kernel failed on the device ("
                    + reasonOf(e) + ") and -Djinn.tornado.strict=true forbids the fallback", e);
        }
        synchronized (failed) {
            failed.add(op);
        }
        if (op == Op.TRAINING_STEP) {
            notice("failed:" + op, "jinn: tornado compiled training step failed on the device (" + reasonOf(e)
                    + "); training runs op by op from now on");
            return;
        }
        notice("failed:" + op, "jinn: tornado " + op.name().toLowerCase(Locale.ROOT) + " kernel failed on the device ("
                + reasonOf(e) + "); running " + op.name().toLowerCase(Locale.ROOT) + " on the " + fallback().name() + " backend from now on");
    }

    private void tooLarge(Op op, RuntimeException e) {
        notice("large:" + op, "jinn: tornado " + op.name().toLowerCase(Locale.ROOT) + " call too large for the device ("
                + e.getMessage() + "); such calls run on the " + fallback().name() + " backend");
    }

    private void notice(String key, String line) {
        synchronized (noticed) {
            if (!noticed.add(key)) return;
        }
        notices.println(line);
    }

    // ------------------------------------------------------------------------ kernels

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        run(Op.GEMM, (long) m * n * k, on -> on.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
    }

    @Override
    public void im2col(jinn.accel.ConvShape shape, int n, float[] x, int xOff, float[] cols, int colsOff, int ld) {
        run(Op.IM2COL, (long) shape.patchSize() * n * shape.positions(), on -> on.im2col(shape, n, x, xOff, cols, colsOff, ld));
    }

    @Override
    public void col2im(jinn.accel.ConvShape shape, int n, float[] cols, int colsOff, float[] dx, int dxOff) {
        run(Op.COL2IM, (long) n * shape.imageSize(), on -> on.col2im(shape, n, cols, colsOff, dx, dxOff));
    }

    @Override
    public void map(UnaryOp op, float param, float[] x, int xOff, float[] y, int yOff, int n) {
        run(Op.MAP, n, on -> on.map(op, param, x, xOff, y, yOff, n));
    }

    @Override
    public void mapBackward(UnaryOp op, float param, float[] x, int xOff, float[] y, int yOff,
                            float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        if (op == UnaryOp.STEP) {
            throw new UnsupportedOperationException("step has no gradient: it is flat everywhere except a jump at 0");
        }
        run(Op.MAP_BACKWARD, n, on -> on.mapBackward(op, param, x, xOff, y, yOff, dy, dyOff, dx, dxOff, n));
    }

    @Override
    public void zip(BinaryOp op, int n, float[] a, int aOff, int aInc, float[] b, int bOff, int bInc,
                    float[] out, int outOff) {
        run(Op.ZIP, n, on -> on.zip(op, n, a, aOff, aInc, b, bOff, bInc, out, outOff));
    }

    @Override
    public void reduce(ReduceOp op, float[] x, int xOff, int outer, int len, int inner, float[] out, int outOff) {
        long outputs = (long) outer * inner;
        run(Op.REDUCE, Math.max(outputs, outputs * len), on -> on.reduce(op, x, xOff, outer, len, inner, out, outOff));
    }

    @Override
    public void softmax(float[] x, int xOff, int rows, int cols, float[] out, int outOff, boolean log) {
        run(Op.SOFTMAX, (long) rows * cols, on -> on.softmax(x, xOff, rows, cols, out, outOff, log));
    }

    @Override
    public float softmaxCrossEntropy(float[] logits, int off, int rows, int cols, int[] labels,
                                     float[] grad, int gradOff, float gradScale) {
        ClassLabels.check("softmaxCrossEntropy", labels, rows, cols);
        return route(Op.SOFTMAX_CE, (long) rows * cols, on -> on.softmaxCrossEntropy(logits, off, rows, cols, labels, grad, gradOff, gradScale));
    }

    /** {@link #route} for an op without a result. */
    private void run(Op op, long work, java.util.function.Consumer<Backend> call) {
        route(op, work, on -> {
            call.accept(on);
            return null;
        });
    }

    /**
     * One call of an op: on the device when the op may go there ({@link #deviceFor}: a device, work at
     * least minWork, no earlier failure of that op), else, or when the device fails it, the same call on
     * the CPU fallback, with the one notice. No work (an empty operand) never reaches the device.
     */
    private <T> T route(Op op, long work, java.util.function.Function<Backend, T> call) {
        Backend d = work <= 0 ? null : deviceFor(op, work);
        if (d != null) {
            try {
                T result;
                synchronized (d) {
                    result = call.apply(d);
                }
                onDevice.incrementAndGet(op.ordinal());
                return result;
            } catch (DeviceSession.TooLarge e) {
                tooLarge(op, e);
            } catch (RuntimeException | LinkageError e) {
                failedOn(op, e);
            }
        }
        return call.apply(fallback());
    }

    // ------------------------------------------------------------------------ compiled training step

    /**
     * The MLP's whole training step as one TornadoVM plan on this backend's device (see
     * {@link CompiledMlpStep}); empty without a device, with {@code -Djinn.tornado.trainingStep=false},
     * or once a step failed in this JVM. A step that fails to compile or run prints one notice and
     * throws {@link TrainingStep.Failed}, so that the training loop goes on op by op.
     */
    @Override
    public Optional<TrainingStep> sgdTrainingStep(DenseChain chain, float learningRate, float momentum) {
        if (!Boolean.parseBoolean(System.getProperty("jinn.tornado.trainingStep", "true"))) return Optional.empty();
        SgdChain spec = new SgdChain(chain, learningRate, momentum);
        Backend d = deviceFor(Op.TRAINING_STEP, Long.MAX_VALUE);
        if (!(d instanceof DeviceSession session)) return Optional.empty();
        try {
            return Optional.of(new GuardedStep(session, spec, session.reusableStep(spec)));
        } catch (RuntimeException | LinkageError e) {
            failedOn(Op.TRAINING_STEP, e);
            return Optional.empty();
        }
    }

    /**
     * A compiled step whose device failures become one notice and {@link TrainingStep.Failed}. Closed
     * after steps that worked, it stays compiled on the device for the next fit of the same shape.
     */
    private final class GuardedStep implements TrainingStep {
        private final DeviceSession session;
        private final SgdChain spec;
        private final CompiledMlpStep step;
        private boolean broken;

        GuardedStep(DeviceSession session, SgdChain spec, CompiledMlpStep step) {
            this.session = session;
            this.spec = spec;
            this.step = step;
        }

        @Override
        public void write(List<float[]> parameters, List<float[]> velocities) {
            try {
                synchronized (session) {
                    step.write(parameters, velocities);
                }
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException | LinkageError e) {
                broken = true;
                failedOn(Op.TRAINING_STEP, e);
                throw new TrainingStep.Failed("tornado training step could not take the parameters: " + reasonOf(e), e);
            }
        }

        @Override
        public Result step(float[] x, int[] labels, int rows) {
            try {
                Result r;
                synchronized (session) {
                    r = step.step(x, labels, rows);
                }
                onDevice.incrementAndGet(Op.TRAINING_STEP.ordinal());
                return r;
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException | LinkageError e) {
                broken = true;
                failedOn(Op.TRAINING_STEP, e);
                throw new TrainingStep.Failed("tornado training step failed on the device: " + reasonOf(e), e);
            }
        }

        @Override
        public void read(List<float[]> parameters, List<float[]> velocities) {
            try {
                synchronized (session) {
                    step.read(parameters, velocities);
                }
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException | LinkageError e) {
                broken = true;
                failedOn(Op.TRAINING_STEP, e);
                throw new TrainingStep.Failed("tornado training step could not read the parameters back: " + reasonOf(e), e);
            }
        }

        @Override
        public void close() {
            if (broken || step.steps() == 0) step.close();
            else session.idle(spec, step);
        }
    }
}
