package jinn;

import jinn.accel.Backend;
import jinn.accel.Backends;
import jinn.data.Dataset;
import jinn.data.Mnist;
import jinn.data.Synthetic;
import jinn.data.Tables;
import jinn.nn.Init;
import jinn.nn.Net;
import jinn.nn.NetBuilder;
import jinn.nn.Perceptron;
import jinn.tensor.NoGrad;
import jinn.tensor.Tensor;
import jinn.train.Fit;
import jinn.train.Loss;
import jinn.train.Optimizer;

import java.nio.file.Path;
import java.util.Random;

/**
 * Everything a learner types, in one place. The REPL and the notebook runner import it
 * statically, so these read as plain words:
 *
 * <pre>{@code
 * var mnist = mnist();
 * var model = net().dense(256).relu().dense(10).softmax();
 * var history = model.fit(mnist.train(), epochs(5).batchSize(128).optimizer(sgd(0.1f)));
 * model.evaluate(mnist.test());
 * }</pre>
 */
public final class Jinn {
    private Jinn() {}

    public static final String VERSION = "0.1.0";

    // ---- networks
    /** An empty network recipe; add layers fluently. */
    public static NetBuilder net() { return new NetBuilder(); }

    /** A network recipe whose samples have the given shape, e.g. net(784). */
    public static NetBuilder net(int... inputShape) { return new NetBuilder().input(inputShape); }

    public static Perceptron perceptron() { return new Perceptron(); }

    public static Net load(String path) { return Net.load(path); }

    // ---- training
    public static Fit epochs(int n) { return Fit.epochs(n); }

    public static Optimizer sgd(double lr) { return Optimizer.sgd((float) lr); }

    public static Optimizer sgd(double lr, double momentum) { return Optimizer.sgd((float) lr, (float) momentum); }

    public static Optimizer adam(double lr) { return Optimizer.adam((float) lr); }

    public static final Loss MSE = Loss.MSE;
    public static final Loss CROSS_ENTROPY = Loss.CROSS_ENTROPY;
    public static final Loss SOFTMAX_CROSS_ENTROPY = Loss.SOFTMAX_CROSS_ENTROPY;

    // ---- initialisers
    public static Init zerosInit() { return Init.zeros(); }
    public static Init constant(double v) { return Init.constant((float) v); }
    public static Init uniform(double lo, double hi) { return Init.uniform((float) lo, (float) hi); }
    public static Init normal(double sigma) { return Init.normal((float) sigma); }
    public static Init xavier() { return Init.xavier(); }
    public static Init he() { return Init.he(); }

    // ---- tensors
    public static Tensor tensor(Object nested) { return Tensor.tensor(nested); }
    public static Tensor zeros(int... shape) { return Tensor.zeros(shape); }
    public static Tensor ones(int... shape) { return Tensor.ones(shape); }
    public static Tensor full(double v, int... shape) { return Tensor.full((float) v, shape); }
    public static Tensor arange(double start, double end, double step) { return Tensor.arange((float) start, (float) end, (float) step); }
    public static Tensor arange(int end) { return Tensor.arange(end); }
    public static Tensor rand(Random r, int... shape) { return Tensor.rand(r, shape); }
    public static Tensor randn(Random r, int... shape) { return Tensor.randn(r, shape); }
    public static NoGrad noGrad() { return Tensor.noGrad(); }

    // ---- data
    /** MNIST from JINN_DATA, the per-user cache, or a download (see {@link Mnist#load()}). */
    public static Mnist mnist() { return Mnist.load(); }
    public static Mnist mnist(String dir) { return Mnist.load(dir); }
    public static Dataset xor() { return Synthetic.xor(); }
    public static Dataset and() { return Synthetic.and(); }
    public static Dataset or() { return Synthetic.or(); }
    public static Dataset nand() { return Synthetic.nand(); }
    public static Dataset dice() { return Synthetic.dice(); }
    public static Dataset moons(int n, double noise, long seed) { return Synthetic.moons(n, noise, seed); }
    public static Dataset spirals(int perClass, int classes, double noise, long seed) { return Synthetic.spirals(perClass, classes, noise, seed); }
    public static Dataset csv(String file, String label, String... features) { return Tables.classification(Path.of(file), label, features); }

    // ---- backend
    /** The backend running the kernels now. */
    public static Backend backend() { return Backends.current(); }

    /** Switches backend by name ("cpu", "scalar", "tornado"). */
    public static Backend backend(String name) { return Backends.use(name); }

    // ---- display
    /**
     * Shows a value now, as the cell's result would be shown: a chart as an image in a notebook or
     * an image terminal, a tensor or a table as a table. Useful for more than one result per cell:
     * {@code display(plot(history)); display(model);}
     */
    public static void display(Object value) { jinn.display.Displays.show(value, null); }

    /**
     * Shows a value under a name of your choosing, which {@link #updateDisplay(String, Object)} can
     * replace later: in Jupyter the output changes in place, in a terminal the new value is printed.
     * <pre>{@code
     * display("starting...", "status");
     * for (int i = 1; i <= 3; i++) updateDisplay("status", "step " + i + " of 3");
     * }</pre>
     */
    public static void display(Object value, String id) { jinn.display.Displays.show(value, id); }

    /** Replaces the output shown by {@code display(value, id)} with a new value (see {@link #display(Object, String)}). */
    public static void updateDisplay(String id, Object value) { jinn.display.Displays.update(id, value); }
}
