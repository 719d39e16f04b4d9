package jinn.nn;

import com.google.gson.Gson;
import jinn.data.Dataset;
import jinn.io.ModelFileException;
import jinn.io.SafeTensors;
import jinn.io.ShapedArray;
import jinn.tensor.Tensor;
import jinn.train.ConfusionMatrix;
import jinn.train.Evaluation;
import jinn.train.Fit;
import jinn.train.History;
import jinn.train.Loss;
import jinn.train.Trainable;
import jinn.train.Trainer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A built network: an ordered list of layers. Trains with {@link #fit}, answers with
 * {@link #predict}, prints as a table of layers, shapes and parameter counts, and saves to one
 * safetensors file holding architecture and weights.
 */
public final class Net implements Trainable {
    private final List<Layer> layers;
    private int[] inputShape;
    private final Random random;

    Net(List<Layer> layers, int[] inputShape, Random random) {
        this.layers = List.copyOf(layers);
        this.inputShape = inputShape == null ? null : inputShape.clone();
        this.random = random;
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Layer l : this.layers) {
            int k = counts.merge(l.kind(), 1, Integer::sum);
            l.name(l.kind() + "_" + k);
        }
    }

    /** Creates parameters for every layer when the input shape is known (declared or from weights). */
    void buildIfInputKnown() {
        if (inputShape == null && !layers.isEmpty()) inputShape = layers.get(0).inputShapeAlone();
        if (inputShape == null) return;
        int[] shape = inputShape;
        for (Layer l : layers) {
            l.build(shape, random);
            shape = l.outputShape(shape);
        }
    }

    /** Sets the input shape of a network that has none yet (model files); null leaves it unknown. */
    void declareInput(int[] shape) {
        if (inputShape == null && shape != null) inputShape = shape.clone();
    }

    private void buildFor(int[] sampleShape) {
        if (inputShape == null) {
            inputShape = sampleShape.clone();
            inputInferred = true;
            buildIfInputKnown();
        }
    }

    /**
     * The layers in order, as the summary table lists them (dense, activations, dropout, ...).
     * Read-only.
     */
    public List<Layer> layers() { return layers; }

    /**
     * The layer at a position, from 0: {@code model.layer(0)} is the first dense layer of {@code
     * net(784).dense(128)...}.
     */
    public Layer layer(int index) {
        if (index < 0 || index >= layers.size()) {
            throw new IndexOutOfBoundsException("layer " + index + " does not exist: the network has " + layers.size()
                    + " layers (0 to " + (layers.size() - 1) + ")");
        }
        return layers.get(index);
    }

    /**
     * The layer with the name the summary shows: {@code model.layer("dense_1").parameters()} are
     * its weight and bias.
     */
    public Layer layer(String name) {
        for (Layer l : layers) if (l.name().equals(name)) return l;
        throw new IllegalArgumentException("no layer named '" + name + "'; layers: "
                + String.join(", ", layers.stream().map(Layer::name).toList()));
    }

    /** The i-th dense layer (from 0), where the weights live. */
    public Dense denseLayer(int i) {
        List<Dense> ds = layers.stream().filter(l -> l instanceof Dense).map(l -> (Dense) l).toList();
        if (i < 0 || i >= ds.size()) {
            throw new IndexOutOfBoundsException("dense layer " + i + " does not exist: the network has " + ds.size() + " dense layers");
        }
        return ds.get(i);
    }

    /** Shape of one input sample, or null until declared or seen. */
    public int[] inputShape() { return inputShape == null ? null : inputShape.clone(); }

    // ------------------------------------------------------------------ running

    /** Output for a batch [rows, features] (or one sample [features]), inference mode. */
    public Tensor forward(Tensor x) {
        return forward(x, false, false);
    }

    /**
     * The output for a batch; {@code training} turns dropout on, {@code logits} stops before a
     * final softmax (fit's fused cross-entropy uses that). Learners call {@link #predict(Tensor)}
     * or {@link #forward(Tensor)}.
     */
    @Override
    public Tensor forward(Tensor x, boolean training, boolean logits) {
        x = checkInput(x);
        if (!training && !Tensor.isGradEnabled()) {
            InferencePlan plan = inferencePlan();
            Tensor out = plan == null ? null : plan.run(x, logits && endsWithSoftmax());
            if (out != null) return out;
        }
        Tensor h = x;
        int end = layers.size();
        if (logits && endsWithSoftmax()) end--;
        for (int i = 0; i < end; i++) {
            Layer l = layers.get(i);
            Layer.Fused fused = i + 1 < end ? l.forwardFused(layers.subList(i + 1, end), h, training) : null;
            if (fused != null) {
                h = fused.output();
                i += fused.layers();
                continue;
            }
            h = l.forward(h, training);
        }
        return h;
    }

    /**
     * The buffered forward pass for inference without a graph, made once every layer is built; null
     * for a stack it does not cover, or with {@code -Djinn.inferencePlan=false} (to compare the two).
     */
    private InferencePlan inferencePlan() {
        if (!planMade && layers.stream().allMatch(Layer::isBuilt)
                && Boolean.parseBoolean(System.getProperty("jinn.inferencePlan", "true"))) {
            plan = InferencePlan.of(layers);
            planMade = true;
        }
        return plan;
    }

    private InferencePlan plan;
    private boolean planMade;
    /** The input width was taken from the first data seen (fit, predict), not given by net(784) or dense(in, out). */
    private boolean inputInferred;

    /**
     * "expected 2 features, got 784", and when the 2 came from the first data this network saw, that
     * it keeps that width and how to get a network for the new data.
     */
    private IllegalArgumentException widthError(int got, int[] shape) {
        String first = layers.get(0).name();
        String text = "layer " + first + " (" + layers.get(0).kind() + "): expected " + inputShape[0] + " features, got " + got
                + (shape == null ? "" : " (input shape " + Arrays.toString(shape) + ")");
        if (inputInferred) {
            text += ". This network was built for " + inputShape[0] + " inputs by the first data it saw (its first fit or"
                    + " predict), and its weights keep that width. For data with " + got + " features start a new network:"
                    + " net(" + got + ")... with the same layers, or build() on the recipe (a NetBuilder), which makes a fresh one";
        }
        return new IllegalArgumentException(text);
    }

    /**
     * The input checked against the declared sample shape. Rows of flat features for a network of
     * images (784 values a row for net(1, 28, 28)) become a view of shape [rows, 1, 28, 28], without a
     * copy: that is how data sets, which hold rows, feed convolutional networks.
     */
    private Tensor checkInput(Tensor x) {
        if (inputShape == null) {
            buildFor(x.rank() <= 1 ? x.shape() : Arrays.copyOfRange(x.shape(), 1, x.rank()));
            return x;
        }
        if (inputShape.length > 1 && x.rank() == 2 && x.dim(1) == Arrays.stream(inputShape).reduce(1, (a, b) -> a * b)) {
            int[] batched = new int[inputShape.length + 1];
            batched[0] = x.dim(0);
            System.arraycopy(inputShape, 0, batched, 1, inputShape.length);
            x = x.reshape(batched);
        }
        if (!hasSampleShape(x)) {
            int[] s = x.shape();
            int[] sample = s.length == inputShape.length ? s : Arrays.copyOfRange(s, Math.min(1, s.length), s.length);
            String first = layers.get(0).name();
            if (inputShape.length == 1 && sample.length == 1) throw widthError(sample[0], s);
            throw new IllegalArgumentException("layer " + first + ": expected samples of shape " + Arrays.toString(inputShape)
                    + ", got input of shape " + Arrays.toString(s));
        }
        return x;
    }

    /**
     * Whether x is one sample of the declared shape, or a batch of them, asked of x's dims in place:
     * this runs on every predict, which should leave only its output behind.
     */
    private boolean hasSampleShape(Tensor x) {
        int rank = x.rank(), lead = rank == inputShape.length ? 0 : 1;
        if (rank - lead != inputShape.length) return false;
        for (int i = 0; i < inputShape.length; i++) if (x.dim(lead + i) != inputShape[i]) return false;
        return true;
    }

    /** Output probabilities (or values) for a batch, without building a graph. */
    public Tensor predict(Tensor x) {
        try (var g = Tensor.noGrad()) {
            return forward(x);
        }
    }

    /**
     * The network's outputs for every row of a data set, as {@link #predict(Tensor)}: a {@code
     * [rows, outputs]} tensor, for MNIST ten probabilities per image.
     */
    public Tensor predict(Dataset data) { return predict(data.x()); }

    /**
     * The most likely class of each row (output &gt; 0.5 for a single output). A final softmax is not
     * computed: it keeps the logits' order, and rounding could only make two of them tie.
     */
    public int[] predictClass(Tensor x) {
        Tensor rows = x.rank() == 1 ? x.reshape(1, -1) : x, p;
        try (var g = Tensor.noGrad()) {
            p = forward(rows, false, true);
        }
        if (p.dim(-1) > 1) return p.argmax();
        if (endsWithSoftmax()) p = predict(rows); // a softmax of one: all ones
        float[] v = p.toArray();
        int[] c = new int[v.length];
        for (int i = 0; i < v.length; i++) c[i] = v[i] > 0.5f ? 1 : 0;
        return c;
    }

    /**
     * The most likely class of every row of a data set: {@code model.predictClass(mnist.test())[0]}
     * is the digit the network sees in the first test image.
     */
    public int[] predictClass(Dataset data) { return predictClass(data.x()); }

    /** The output of every layer for the input, by layer name, in order (for activation histograms). */
    public Map<String, Tensor> activations(Tensor x) {
        x = checkInput(x);
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (var g = Tensor.noGrad()) {
            Tensor h = x;
            for (Layer l : layers) {
                h = l.forward(h, false);
                out.put(l.name(), h);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ training

    /**
     * Trains the network on {@code data} as {@code fit} says, printing progress, and returns the
     * history of loss and accuracy per epoch: {@code var h = model.fit(mnist.train(),
     * epochs(5).batchSize(128).optimizer(sgd(0.1, 0.9)));} then {@code plot(h)}. Ctrl-C in the REPL
     * stops it after the current batch and keeps what was learned.
     */
    public History fit(Dataset data, Fit fit) {
        return Trainer.fit(this, data, fit);
    }

    /**
     * Trains for that many epochs with the defaults (batches of 32, Adam 0.001): {@code
     * model.fit(xor(), 500)}.
     */
    public History fit(Dataset data, int epochs) {
        return fit(data, Fit.epochs(epochs));
    }

    /**
     * Loss and accuracy on data the network is not trained on: {@code
     * model.evaluate(mnist.test()).accuracy()} is the share of test images it classifies right.
     */
    public Evaluation evaluate(Dataset data) { return Trainer.evaluate(this, data, Loss.AUTO); }

    /** Loss and accuracy, measuring the loss named rather than the one fit would choose. */
    public Evaluation evaluate(Dataset data, Loss loss) { return Trainer.evaluate(this, data, loss); }

    /** Loss, accuracy and the given metrics, e.g. evaluate(test, Metric.F1, Metric.RECALL). */
    public Evaluation evaluate(Dataset data, jinn.train.Metric... metrics) { return Trainer.evaluate(this, data, Loss.AUTO, metrics); }

    /**
     * How often each true class (rows) was predicted as each class (columns): the diagonal is
     * right, the rest shows which digits are mistaken for which.
     */
    public ConfusionMatrix confusionMatrix(Dataset data) {
        return ConfusionMatrix.of(data.labels(), predictClass(data), data.classNames());
    }

    /**
     * The trainable tensors, after building the layers for inputs of that width (fit calls this);
     * an error when the network was built for another width.
     */
    @Override
    public List<Tensor> parameters(int inputWidth) {
        if (inputShape == null) buildFor(new int[]{inputWidth});
        else if (inputShape.length == 1 && inputShape[0] != inputWidth) throw widthError(inputWidth, null);
        return parameters();
    }

    /** Every trainable tensor, layer by layer. */
    public List<Tensor> parameters() {
        List<Tensor> ps = new ArrayList<>();
        for (Layer l : layers) ps.addAll(l.parameters());
        return Collections.unmodifiableList(ps);
    }

    /** The number of outputs: the units of the last dense layer, 10 for an MNIST classifier. */
    @Override
    public int outputWidth() {
        int[] out = outputShape();
        return out != null && out.length == 1 ? out[0] : -1;
    }

    /**
     * The shape of one output sample, or null while it depends on an input shape not known yet:
     * each layer's {@link Layer#outputShape} from the input, or from the last layer that decides its
     * own ({@link Layer#outputShapeAlone}) onwards.
     */
    public int[] outputShape() {
        int[] shape = inputShape;
        for (Layer l : layers) {
            int[] alone = l.outputShapeAlone();
            shape = alone != null ? alone : shape == null ? null : l.outputShape(shape);
        }
        return shape;
    }

    /**
     * Multiply-adds per sample in the forward pass (matrix products and convolutions), or -1 while
     * the input shape is unknown: what a layer costs, as the summary's parameter counts say what it holds.
     */
    public long flops() {
        if (inputShape == null) return -1;
        long n = 0;
        int[] shape = inputShape;
        for (Layer l : layers) {
            n += l.flops(shape);
            shape = l.outputShape(shape);
        }
        return n;
    }

    /** True when the last layer is a softmax, which makes fit train with cross-entropy. */
    @Override
    public boolean endsWithSoftmax() {
        return !layers.isEmpty() && layers.get(layers.size() - 1) instanceof Activation a && a.function() == Activation.Kind.SOFTMAX;
    }

    /**
     * How many numbers training adjusts, the total of the summary's params column: 784·128 + 128
     * weights and biases for a {@code dense(128)} on MNIST.
     */
    public int parameterCount() {
        int n = 0;
        for (Layer l : layers) n += l.parameterCount();
        return n;
    }

    // ------------------------------------------------------------------ printing

    /** A table: layer, type, output shape, parameters; then the total. */
    public String summary() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"layer", "type", "output shape", "params"});
        int[] shape = inputShape;
        if (shape != null) rows.add(new String[]{"input", "", shapeText(shape), ""});
        boolean unknown = false;
        for (Layer l : layers) {
            long count;
            if (shape != null) count = l.parameterCount(shape);
            else if (l.isBuilt() || l.parameterNames().isEmpty()) count = l.parameterCount();
            else count = -1;
            unknown |= count < 0;
            int[] alone = l.outputShapeAlone();
            shape = alone != null ? alone : shape == null ? null : l.outputShape(shape);
            String params = count < 0 ? "?" : String.format(Locale.ROOT, "%,d", count);
            rows.add(new String[]{l.name(), l.describe(), shape == null ? "?" : shapeText(shape), params});
        }
        int[] w = new int[4];
        for (String[] r : rows) for (int i = 0; i < 4; i++) w[i] = Math.max(w[i], r[i].length());
        StringBuilder sb = new StringBuilder();
        for (int ri = 0; ri < rows.size(); ri++) {
            String[] r = rows.get(ri);
            sb.append(String.format(Locale.ROOT, "%-" + w[0] + "s  %-" + w[1] + "s  %-" + w[2] + "s  %" + w[3] + "s", r[0], r[1], r[2], r[3])
                    .stripTrailing()).append('\n');
            if (ri == 0) sb.append("-".repeat(w[0] + w[1] + w[2] + w[3] + 6)).append('\n');
        }
        sb.append("-".repeat(w[0] + w[1] + w[2] + w[3] + 6)).append('\n');
        if (unknown) sb.append("total params: ? (known once the input width is: declare it with input(n), or run the network on data)");
        else sb.append(String.format(Locale.ROOT, "total params: %,d", parameterCount()));
        return sb.toString();
    }

    private static String shapeText(int[] s) {
        StringBuilder b = new StringBuilder("[batch");
        for (int d : s) b.append(", ").append(d);
        return b.append(']').toString();
    }

    /** The layer table, as {@link #summary()}: what the REPL shows for a network. */
    @Override public String toString() { return summary(); }

    // ------------------------------------------------------------------ files

    static final String FORMAT = "jinn.net/1";

    /** Saves architecture and weights to one safetensors file, atomically (the old file survives a failed save). */
    public void save(String path) { save(Path.of(path)); }

    /** Saves layers and weights to one safetensors file, as {@link #save(String)} does. */
    public void save(Path path) {
        if (!layers.stream().allMatch(Layer::isBuilt)) {
            throw new IllegalStateException("save: the network is not built yet (its input width is unknown); "
                    + "declare it with input(n) or run it on data first");
        }
        Map<String, ShapedArray> tensors = new LinkedHashMap<>();
        List<Map<String, Object>> arch = new ArrayList<>();
        for (Layer l : layers) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", l.name());
            c.put("kind", l.kind());
            c.putAll(l.config());
            arch.add(c);
            List<Tensor> ps = l.parameters();
            List<String> names = l.parameterNames();
            for (int i = 0; i < ps.size(); i++) tensors.put(l.name() + "." + names.get(i), ShapedArray.of(ps.get(i)));
            List<Tensor> bs = l.buffers();
            for (int i = 0; i < bs.size(); i++) tensors.put(l.name() + "." + l.bufferNames().get(i), ShapedArray.of(bs.get(i)));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("layers", new Gson().toJson(arch));
        if (inputShape != null) meta.put("input", Arrays.toString(inputShape));
        new SafeTensors(tensors, meta).write(path);
    }

    /**
     * A network saved with {@link #save(String)}, layers and weights: {@code var again =
     * Net.load("digits.safetensors"); again.evaluate(mnist.test())} gives the saved model's
     * numbers.
     */
    public static Net load(String path) { return load(Path.of(path)); }

    /** Reads a file written by {@link #save}; a foreign or damaged file is an error naming it and the problem. */
    public static Net load(Path path) {
        SafeTensors st = SafeTensors.read(path);
        String format = st.metadata().get("format");
        if (!FORMAT.equals(format)) {
            throw new ModelFileException(path, "not a jinn network file (metadata format is "
                    + (format == null ? "missing" : "'" + format + "'") + ", expected '" + FORMAT + "')");
        }
        return ModelFiles.rebuild(path, ModelFiles.layers(path, st.metadata().get("layers")), st);
    }
}
