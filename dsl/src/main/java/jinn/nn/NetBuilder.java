package jinn.nn;

import jinn.data.Dataset;
import jinn.tensor.Tensor;
import jinn.train.Evaluation;
import jinn.train.Fit;
import jinn.train.History;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The fluent recipe of a network: {@code net().dense(784).relu().dense(10).softmax()}.
 *
 * <p>Each step returns this builder; {@link #build()} makes an independent {@link Net}. For the
 * REPL the builder also trains and predicts directly ({@link #fit}, {@link #predict}), using one
 * network it builds on first use and rebuilds only if the recipe changes afterwards.
 */
public final class NetBuilder {

    /** One layer of the recipe: how to make it, plus the settings of a weighted layer applied afterwards. */
    private static final class Spec {
        final Supplier<Layer> make;
        final boolean weighted;
        Init init, biasInit;
        float[][] weights;
        float[] bias;

        Spec(Supplier<Layer> make) { this(make, false); }

        Spec(Supplier<Layer> make, boolean weighted) {
            this.make = make;
            this.weighted = weighted;
        }
    }

    private final List<Spec> specs = new ArrayList<>();
    private int[] inputShape;
    private Long seed;
    private Net built;

    public NetBuilder() {}

    /** Declares the shape of one sample, e.g. input(784) or input(28, 28). */
    public NetBuilder input(int... shape) {
        for (int d : shape) if (d <= 0) throw new IllegalArgumentException("input: dimensions must be positive, got " + java.util.Arrays.toString(shape));
        inputShape = shape.clone();
        return changed();
    }

    /** A fully connected layer with {@code units} outputs and a bias. */
    public NetBuilder dense(int units) { return dense(units, true); }

    /** A fully connected layer, with or without bias. */
    public NetBuilder dense(int units, boolean bias) {
        if (units <= 0) throw new IllegalArgumentException("dense: the number of units must be positive, got " + units);
        specs.add(new Spec(() -> new Dense(units, bias, null), true));
        return changed();
    }

    /** A fully connected layer with the given weight initialiser. */
    public NetBuilder dense(int units, Init init) {
        dense(units);
        return init(init);
    }

    /** Sets the weight initialiser of the last dense layer. */
    public NetBuilder init(Init init) {
        lastDense("init").init = init;
        return changed();
    }

    /** Sets the bias initialiser of the last dense layer (default zeros). */
    public NetBuilder biasInit(Init init) {
        lastDense("biasInit").biasInit = init;
        return changed();
    }

    /** Sets the last dense layer's weights [inputs][units] and bias [units] by hand, as the seeds do. */
    public NetBuilder weights(double[][] w, double[] b) {
        float[][] wf = new float[w.length][];
        for (int i = 0; i < w.length; i++) {
            wf[i] = new float[w[i].length];
            for (int j = 0; j < w[i].length; j++) wf[i][j] = (float) w[i][j];
        }
        float[] bf = null;
        if (b != null) {
            bf = new float[b.length];
            for (int i = 0; i < b.length; i++) bf[i] = (float) b[i];
        }
        return weights(wf, bf);
    }

    /**
     * Sets the last dense layer's weights ([inputs][units]) and biases ([units]) instead of random
     * ones, as {@link #weights(double[][], double[])} does.
     */
    public NetBuilder weights(float[][] w, float[] b) {
        Spec s = lastDense("weights");
        s.weights = w;
        s.bias = b;
        return changed();
    }

    /**
     * Adds a sigmoid activation 1 / (1 + e^-x), squashing each value into (0, 1): the usual last
     * layer for a yes/no answer.
     */
    public NetBuilder sigmoid() { return activation(Activation.Kind.SIGMOID, 0); }
    /**
     * Adds a tanh activation, squashing each value into (-1, 1), centred on 0: {@code
     * net(2).dense(4).tanh().dense(1).sigmoid()} learns XOR.
     */
    public NetBuilder tanh() { return activation(Activation.Kind.TANH, 0); }
    /**
     * Adds a ReLU activation max(0, x): the usual choice between dense layers; the dense layer
     * before it gets He initialisation.
     */
    public NetBuilder relu() { return activation(Activation.Kind.RELU, 0); }
    /** Leaky ReLU max(alpha·x, x). */
    public NetBuilder leakyRelu(double alpha) { return activation(Activation.Kind.LEAKY_RELU, (float) alpha); }
    /** Leaky ReLU with the seeds' slope 0.1: max(0.1·x, x). */
    public NetBuilder leakyRelu() { return leakyRelu(Tensor.DEFAULT_LEAKY_SLOPE); }
    /** The perceptron's step function; it has no gradient, so such a network cannot be trained by fit. */
    public NetBuilder step() { return activation(Activation.Kind.STEP, 0); }
    /**
     * Adds a softmax, turning a layer's outputs into probabilities that sum to 1: the last layer of
     * a classifier, {@code .dense(10).softmax()} for ten digits. fit then trains with
     * cross-entropy.
     */
    public NetBuilder softmax() { return activation(Activation.Kind.SOFTMAX, 0); }
    /**
     * Adds an identity activation (outputs unchanged): the last layer of a regression network, made
     * explicit.
     */
    public NetBuilder identity() { return activation(Activation.Kind.IDENTITY, 0); }

    private NetBuilder activation(Activation.Kind k, float alpha) {
        specs.add(new Spec(() -> new Activation(k, alpha)));
        return changed();
    }

    /** Drops inputs with probability {@code rate} while training. */
    public NetBuilder dropout(double rate) {
        new Dropout((float) rate);   // validates now, where the mistake was typed
        specs.add(new Spec(() -> new Dropout((float) rate)));
        return changed();
    }

    /** A 2-D convolution of {@code filters} kernels of {@code kernel × kernel}, stride 1, "valid" padding (none), with a bias. */
    public NetBuilder conv(int filters, int kernel) { return conv(filters, kernel, 1, "valid"); }

    /** A 2-D convolution with a stride and padding "valid" (none) or "same" (output ⌈size / stride⌉). */
    public NetBuilder conv(int filters, int kernel, int stride, String padding) {
        return addWeighted(() -> new Conv2d(filters, kernel, stride, padding, 0, true, null));
    }

    /** A 2-D convolution with {@code pad} pixels of zeros on every side. */
    public NetBuilder conv(int filters, int kernel, int stride, int pad) {
        return addWeighted(() -> new Conv2d(filters, kernel, stride, null, pad, true, null));
    }

    private NetBuilder addWeighted(Supplier<Layer> make) {
        make.get();   // validates now, where the mistake was typed
        specs.add(new Spec(make, true));
        return changed();
    }

    /** Max pooling over {@code size × size} windows that do not overlap (stride = size). */
    public NetBuilder maxPool(int size) { return maxPool(size, size); }

    /** Max pooling over {@code size × size} windows, {@code stride} apart: maxPool(3, 2) overlaps its windows. */
    public NetBuilder maxPool(int size, int stride) { return add(() -> new Pool2d(true, size, stride)); }

    /** Average pooling over {@code size × size} windows that do not overlap (stride = size). */
    public NetBuilder avgPool(int size) { return avgPool(size, size); }

    /** Average pooling over {@code size × size} windows, {@code stride} apart. */
    public NetBuilder avgPool(int size, int stride) { return add(() -> new Pool2d(false, size, stride)); }

    /** The mean of each channel: images [c, h, w] become [c]. */
    public NetBuilder globalAvgPool() { return add(GlobalAvgPool::new); }

    /** Batch normalisation of the previous layer's channels (or features). */
    public NetBuilder batchNorm() { return add(BatchNorm::new); }

    /** Gives each sample a new shape, e.g. reshape(1, 28, 28) for rows of 784 pixels. */
    public NetBuilder reshape(int... shape) {
        int[] s = shape.clone();
        return add(() -> new Reshape(s));
    }

    private NetBuilder add(Supplier<Layer> make) {
        make.get();   // validates now, where the mistake was typed
        specs.add(new Spec(make));
        return changed();
    }

    /**
     * Adds a layer that flattens each sample to one row: images of shape [28, 28] become 784
     * features.
     */
    public NetBuilder flatten() {
        specs.add(new Spec(Flatten::new));
        return changed();
    }

    /** Seed for weight initialisation and dropout, so a network starts the same every run. */
    public NetBuilder seed(long s) {
        seed = s;
        return changed();
    }

    private Spec lastDense(String what) {
        for (int i = specs.size() - 1; i >= 0; i--) {
            if (specs.get(i).weighted) return specs.get(i);
        }
        throw new IllegalStateException(what + ": there is no dense layer before it to apply to; write e.g. .dense(10)." + what + "(...)");
    }

    private NetBuilder changed() {
        built = null;
        return this;
    }

    /** Makes a new, independent network from this recipe. */
    public Net build() {
        if (specs.isEmpty()) throw new IllegalStateException("build: the network has no layers; add some, e.g. net().dense(10).softmax()");
        List<Layer> layers = new ArrayList<>();
        for (Spec s : specs) layers.add(s.make.get());
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof WeightedLayer d) {
                Spec s = specs.get(i);
                d.init(s.init != null ? s.init : WeightedLayer.defaultInit(i + 1 < layers.size() ? layers.get(i + 1) : null));
                if (s.biasInit != null) d.biasInit(s.biasInit);
            }
        }
        Net net = new Net(layers, inputShape, seed != null ? new Random(seed) : new Random());
        for (int i = 0; i < layers.size(); i++) {
            Spec s = specs.get(i);
            if (s.weights == null) continue;
            if (!(layers.get(i) instanceof Dense d)) {
                throw new IllegalStateException("weights: sets the weights of a dense layer as [inputs][units], but the layer before it is "
                        + layers.get(i).kind());
            }
            d.setWeights(s.weights, s.bias);
        }
        net.buildIfInputKnown();
        return net;
    }

    /** The network this builder trains and predicts with (built on first use). */
    public Net net() {
        if (built == null) built = build();
        return built;
    }

    /**
     * Trains this recipe's network (built on first use, then kept) and returns its history: {@code
     * var h = model.fit(mnist.train(), epochs(5).batchSize(128));}. The first fit also fixes the
     * input width; for data of another width, build() a fresh network.
     */
    public History fit(Dataset data, Fit fit) { return net().fit(data, fit); }

    /**
     * Trains for that many epochs with the defaults (batches of 32, Adam 0.001): {@code
     * net().dense(4).tanh().dense(1).sigmoid().fit(xor(), 500)}.
     */
    public History fit(Dataset data, int epochs) { return net().fit(data, epochs); }

    /**
     * The outputs for a batch {@code [rows, features]} (or one sample {@code [features]}), without
     * recording gradients: ten probabilities per MNIST image.
     */
    public Tensor predict(Tensor x) { return net().predict(x); }

    /**
     * The most likely class of each row: the index of the largest output, or 1 when a single output
     * is above 0.5.
     */
    public int[] predictClass(Tensor x) { return net().predictClass(x); }

    /** The outputs for every row of a data set, a {@code [rows, outputs]} tensor. */
    public Tensor predict(Dataset data) { return net().predict(data); }

    /** The most likely class of every row of a data set: compare with {@code data.labels()}. */
    public int[] predictClass(Dataset data) { return net().predictClass(data); }

    /**
     * Loss and accuracy (and any metrics named) on data, best data not trained on: {@code
     * model.evaluate(mnist.test())}.
     */
    public Evaluation evaluate(Dataset data, jinn.train.Metric... metrics) { return net().evaluate(data, metrics); }

    /** How often each true class (rows) was predicted as each class (columns); the diagonal is right. */
    public jinn.train.ConfusionMatrix confusionMatrix(Dataset data) { return net().confusionMatrix(data); }

    /**
     * The output of every layer for the input, by layer name, in order: what each layer makes of
     * the data.
     */
    public java.util.Map<String, Tensor> activations(Tensor x) { return net().activations(x); }

    /**
     * Saves layers and trained weights to one safetensors file: {@code
     * model.save("digits.safetensors")}; {@code Net.load("digits.safetensors")} reads it back.
     */
    public void save(String path) { net().save(path); }

    /**
     * The output for a batch, through every layer; inside fit this records gradients, outside it is
     * {@link #predict(Tensor)} with gradients if enabled.
     */
    public Tensor forward(Tensor x) { return net().forward(x); }


    /** The layer table of the network this builder makes (as Keras's model.summary()). */
    public String summary() { return net().summary(); }

    /** The layer table, as {@link #summary()}. */
    @Override public String toString() { return net().toString(); }
}
