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
    /**
     * An empty network recipe; add layers fluently, and the input width comes from the first data
     * it sees: {@code net().dense(128).relu().dense(10).softmax()}. Train it directly with
     * {@code fit}, or {@code build()} independent networks from it.
     */
    public static NetBuilder net() { return new NetBuilder(); }

    /**
     * A network recipe for samples of the given shape: {@code net(784)} for MNIST's 784 pixels,
     * {@code net(2)} for XOR. Knowing the width up front, it shows its parameter counts before
     * training and refuses data of another width with a clear message.
     */
    public static NetBuilder net(int... inputShape) { return new NetBuilder().input(inputShape); }

    /**
     * Rosenblatt's single neuron, trained by the perceptron rule: it learns AND, OR and NAND, and
     * reports that it cannot learn XOR: {@code perceptron().train(and())}
     */
    public static Perceptron perceptron() { return new Perceptron(); }

    /**
     * A network saved with {@code save(path)}, layers and weights, ready to {@code predict}:
     * {@code var again = load("digits.safetensors");}. The same as {@link Net#load(String)}.
     */
    public static Net load(String path) { return Net.load(path); }

    // ---- training
    /**
     * How to train, starting with the number of passes over the data; chain the rest:
     * {@code epochs(5).batchSize(128).optimizer(sgd(0.1, 0.9)).validation(val).seed(42)}.
     * Without more: batches of 32, Adam with learning rate 0.001, the loss chosen from the network.
     */
    public static Fit epochs(int n) { return Fit.epochs(n); }

    /**
     * Plain stochastic gradient descent: after each batch every weight moves by {@code -lr} times its
     * gradient. {@code epochs(10).optimizer(sgd(0.1))}; 0.01 to 0.5 are usual learning rates.
     */
    public static Optimizer sgd(double lr) { return Optimizer.sgd((float) lr); }

    /**
     * Gradient descent with momentum: each step keeps {@code momentum} (often 0.9) of the previous
     * step's direction, which rolls through small bumps and speeds up long slopes.
     * {@code sgd(0.1, 0.9)} trains the README's MNIST network to 98% in five epochs.
     */
    public static Optimizer sgd(double lr, double momentum) { return Optimizer.sgd((float) lr, (float) momentum); }

    /**
     * Adam: gradient descent whose step size adapts per weight from running averages of the gradient
     * and its square. A good default; {@code adam(0.001)} is what {@code fit} uses when no optimizer is given.
     */
    public static Optimizer adam(double lr) { return Optimizer.adam((float) lr); }

    /**
     * Gradient descent with momentum (0 for none) and weight decay, as PyTorch's {@code SGD}: each
     * step also pulls every weight toward 0 by {@code lr × weightDecay} of itself (an L2 penalty),
     * which keeps weights small and often generalises better. {@code sgd(0.1, 0.9, 5e-4)}.
     */
    public static Optimizer sgd(double lr, double momentum, double weightDecay) {
        return Optimizer.sgd((float) lr, (float) momentum, (float) weightDecay);
    }

    /**
     * AdamW: Adam with weight decay kept apart from the gradient's running averages (Loshchilov and
     * Hutter), the usual choice when Adam should also keep weights small. Decay 0.01, PyTorch's
     * default: {@code epochs(5).optimizer(adamw(0.001))}.
     */
    public static Optimizer adamw(double lr) { return Optimizer.adamw((float) lr); }

    /** AdamW with the given weight decay: {@code adamw(0.001, 0.05)}. */
    public static Optimizer adamw(double lr, double weightDecay) { return Optimizer.adamw((float) lr, (float) weightDecay); }

    /**
     * RMSprop: each weight's step divided by the running root mean square of its gradient (α 0.99,
     * ε 1e-8, as PyTorch). {@code rmsprop(0.001)}; learning rates near 0.001 are usual.
     */
    public static Optimizer rmsprop(double lr) { return Optimizer.rmsprop((float) lr); }

    /** RMSprop with momentum on its scaled steps: {@code rmsprop(0.001, 0.9)}. */
    public static Optimizer rmsprop(double lr, double momentum) { return Optimizer.rmsprop((float) lr, (float) momentum); }

    public static final Loss MSE = Loss.MSE;
    public static final Loss CROSS_ENTROPY = Loss.CROSS_ENTROPY;
    public static final Loss SOFTMAX_CROSS_ENTROPY = Loss.SOFTMAX_CROSS_ENTROPY;

    // ---- initialisers
    /** Every weight 0: a lesson in why not (all units of a layer stay identical); {@code dense(8).init(zerosInit())}. */
    public static Init zerosInit() { return Init.zeros(); }
    /** Every weight {@code v}, as {@code .init(constant(0.5))} on a dense layer. */
    public static Init constant(double v) { return Init.constant((float) v); }
    /** Weights drawn evenly from [lo, hi), as {@code .init(uniform(-0.1, 0.1))}. */
    public static Init uniform(double lo, double hi) { return Init.uniform((float) lo, (float) hi); }
    /** Weights from a normal distribution with mean 0 and standard deviation {@code sigma}: {@code .init(normal(0.01))}. */
    public static Init normal(double sigma) { return Init.normal((float) sigma); }
    /**
     * Xavier (Glorot) initialisation, scaled by the layer's inputs and outputs so that signals keep
     * their size through sigmoid and tanh layers; the default for dense layers not followed by ReLU.
     */
    public static Init xavier() { return Init.xavier(); }
    /** He initialisation, scaled by the layer's inputs for ReLU layers; the default before relu() and leakyRelu(). */
    public static Init he() { return Init.he(); }

    // ---- tensors
    /**
     * A tensor from Java arrays, nested as deep as its rank: {@code tensor(new double[]{1, 2, 3})} has
     * shape [3], {@code tensor(new double[][]{{1, 2}, {3, 4}})} shape [2, 2]. float, double and int
     * arrays work; values are stored as float32.
     */
    public static Tensor tensor(Object nested) { return Tensor.tensor(nested); }
    /** A tensor of zeros: {@code zeros(2, 3)} has shape [2, 3]. */
    public static Tensor zeros(int... shape) { return Tensor.zeros(shape); }
    /** A tensor of ones: {@code ones(4)} is [1, 1, 1, 1]. */
    public static Tensor ones(int... shape) { return Tensor.ones(shape); }
    /** A tensor with every value {@code v}: {@code full(0.5, 2, 2)}. */
    public static Tensor full(double v, int... shape) { return Tensor.full((float) v, shape); }
    /** Evenly spaced values from {@code start} up to, not including, {@code end}: {@code arange(-3, 3, 0.5)} has 12. */
    public static Tensor arange(double start, double end, double step) { return Tensor.arange((float) start, (float) end, (float) step); }
    /** 0, 1, ..., end - 1 as a tensor of shape [end]: {@code arange(5)}. */
    public static Tensor arange(int end) { return Tensor.arange(end); }
    /** Uniform random values in [0, 1), repeatable from the generator: {@code rand(new Random(1), 3, 2)}. */
    public static Tensor rand(Random r, int... shape) { return Tensor.rand(r, shape); }
    /** Standard normal random values (mean 0, standard deviation 1): {@code randn(new Random(1), 784, 10)}. */
    public static Tensor randn(Random r, int... shape) { return Tensor.randn(r, shape); }
    /**
     * Turns gradient recording off until closed, for arithmetic that should not be learned from
     * (updating weights by hand, measuring): {@code try (var g = noGrad()) { var y = x.matmul(w); }}.
     */
    public static NoGrad noGrad() { return Tensor.noGrad(); }

    // ---- data
    /**
     * The MNIST handwritten digits: {@code mnist().train()} is 60,000 images of 784 pixels in [0, 1]
     * with labels 0-9, {@code mnist().test()} 10,000 more. Found in {@code -Djinn.data} or
     * {@code $JINN_DATA}, the per-user cache, or a {@code shared/data/mnist} folder beside jinn;
     * otherwise downloaded once into the cache (see {@link Mnist#load()}).
     */
    public static Mnist mnist() { return Mnist.load(); }

    /** MNIST from the four IDX files (gzipped or not) in that folder alone: {@code mnist("data/mnist")}. */
    public static Mnist mnist(String dir) { return Mnist.load(dir); }
    /**
     * The XOR gate as four rows: inputs 00, 01, 10, 11, labels 0, 1, 1, 0. No single neuron learns it;
     * a hidden layer does: {@code net(2).dense(4).tanh().dense(1).sigmoid()}.
     */
    public static Dataset xor() { return Synthetic.xor(); }
    /** The AND gate as four rows (inputs 00, 01, 10, 11; labels 0, 0, 0, 1): a perceptron learns it. */
    public static Dataset and() { return Synthetic.and(); }
    /** The OR gate as four rows (labels 0, 1, 1, 1). */
    public static Dataset or() { return Synthetic.or(); }
    /** The NAND gate as four rows (labels 1, 1, 1, 0). */
    public static Dataset nand() { return Synthetic.nand(); }
    /**
     * The dice game: all 216 rolls of three dice (features: the three pip counts), label 1 "big" when
     * the sum is 11 or more, else 0 "small". One neuron can learn it.
     */
    public static Dataset dice() { return Synthetic.dice(); }
    /**
     * {@code n} points on two interleaving half circles (2 features, 2 classes), with Gaussian
     * {@code noise}, repeatable from {@code seed}: {@code moons(200, 0.1, 1)}. Needs a curved boundary.
     */
    public static Dataset moons(int n, double noise, long seed) { return Synthetic.moons(n, noise, seed); }
    /**
     * {@code classes} interleaved spiral arms of {@code perClass} points each (2 features): hard for
     * a straight line, easy for a network with a hidden layer. {@code spirals(100, 3, 0.2, 1)}.
     */
    public static Dataset spirals(int perClass, int classes, double noise, long seed) { return Synthetic.spirals(perClass, classes, noise, seed); }
    /**
     * A classification data set from a CSV file with a header row: {@code csv("iris.csv", "species")}
     * uses every other column as a feature; name them to choose: {@code csv("iris.csv", "species",
     * "petal_length", "petal_width")}. Label values become classes 0, 1, 2, ...
     */
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

    /** HTML a notebook draws, as IPython's {@code HTML(...)}: {@code html("<b>" + n + "</b> samples")}; a terminal shows its text. */
    public static jinn.display.RichText html(String source) { return new jinn.display.RichText(jinn.display.RichText.HTML, source); }

    /** Markdown a notebook draws, as IPython's {@code Markdown(...)}: {@code markdown("Accuracy: **" + acc + "**")}. */
    public static jinn.display.RichText markdown(String source) { return new jinn.display.RichText(jinn.display.RichText.MARKDOWN, source); }

    /** A formula a notebook typesets, as IPython's {@code Latex(...)}: {@code latex("$$\\sigma(x) = \\frac{1}{1 + e^{-x}}$$")}. */
    public static jinn.display.RichText latex(String source) { return new jinn.display.RichText(jinn.display.RichText.LATEX, source); }
}
