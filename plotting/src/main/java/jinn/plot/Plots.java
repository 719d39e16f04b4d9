package jinn.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import jinn.accel.DaemonThreads;
import jinn.data.Dataset;
import jinn.nn.Activation;
import jinn.nn.Conv2d;
import jinn.nn.Layer;
import jinn.nn.Net;
import jinn.tensor.Tensor;
import jinn.train.ConfusionMatrix;
import jinn.train.Fit;
import jinn.train.History;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Charts in one line. The REPL and notebooks import these statically ({@code import static jinn.plot.Plots.*;}).
 *
 * <pre>{@code
 * plot(Math::sin, 0, 2 * Math.PI)                                   // one function
 * plot(-10, 10, "sigmoid", x -> 1 / (1 + Math.exp(-x)), "tanh", Math::tanh)   // several, with a legend
 * activations()                                                     // the five classic activations and their slopes
 * plot(new double[] {0.9, 0.5, 0.3}).title("loss")                  // a series against its index
 * scatter(xs, ys, labels); bar(names, values); histogram(values, 40)
 * digits(images, truth, predicted); confusion(truth, predicted, 10)
 * decisionBoundary((x, y) -> p(x, y), points, labels)
 * plot(table, "epoch", "loss", "val_loss")                          // Tablesaw columns
 * }</pre>
 *
 * Every method returns a {@link Chart}: set its title, labels, size or theme fluently, then
 * {@code save("x.png")}, {@code show()}, or let the REPL display it.
 */
public final class Plots {
  static { Headless.ensure(); }

  static final int WIDTH = 800, HEIGHT = 500;

  private Plots() {}

  /**
   * Loads AWT, fonts and XChart on a background thread, so the first chart a session draws does not pay
   * for it (seconds on a busy machine). A REPL calls this once at start-up; it returns at once.
   */
  public static void warmUp() {
    DaemonThreads.start("jinn-plot-warm-up", () -> {
      try {
        plot(Math::sin, 0, 1).size(64, 64).toPng();
      } catch (RuntimeException | Error e) {
        // a warm-up only: the user's first chart will report whatever is wrong
      }
    });
  }

  // ---- functions ----

  /** A named function for {@link #plot(double, double, Curve...)}. */
  public static Curve fn(String name, DoubleUnaryOperator f) { return new Curve(name, f); }

  /** One function over [from, to]. */
  public static Chart plot(DoubleUnaryOperator f, double from, double to) {
    checkDomain(from, to);
    return xy(new XYFigure().add(Curve.sample(null, f, from, to, Curve.SAMPLES))).xLabel("x");
  }

  /** Several named functions over [from, to] on one chart, with a legend. */
  public static Chart plot(double from, double to, Curve... curves) {
    checkDomain(from, to);
    if (curves.length == 0) throw new IllegalArgumentException("plot(from, to, curves): expected at least one curve, received none");
    XYFigure fig = new XYFigure();
    for (Curve c : curves) fig.add(Curve.sample(c.name(), c.f(), from, to, Curve.SAMPLES));
    return xy(fig).xLabel("x");
  }

  /** One named function over [from, to]. */
  public static Chart plot(double from, double to, String n1, DoubleUnaryOperator f1) {
    return plot(from, to, fn(n1, f1));
  }

  /** Two named functions over [from, to] on one chart. */
  public static Chart plot(double from, double to, String n1, DoubleUnaryOperator f1, String n2, DoubleUnaryOperator f2) {
    return plot(from, to, fn(n1, f1), fn(n2, f2));
  }

  /** Three named functions over [from, to] on one chart. */
  public static Chart plot(double from, double to, String n1, DoubleUnaryOperator f1, String n2, DoubleUnaryOperator f2,
      String n3, DoubleUnaryOperator f3) {
    return plot(from, to, fn(n1, f1), fn(n2, f2), fn(n3, f3));
  }

  /** Four named functions over [from, to] on one chart. */
  public static Chart plot(double from, double to, String n1, DoubleUnaryOperator f1, String n2, DoubleUnaryOperator f2,
      String n3, DoubleUnaryOperator f3, String n4, DoubleUnaryOperator f4) {
    return plot(from, to, fn(n1, f1), fn(n2, f2), fn(n3, f3), fn(n4, f4));
  }

  /**
   * Five named functions over [from, to] on one chart, e.g. five activation functions side by side:
   * {@code plot(-3, 3, "sigmoid", x -> 1 / (1 + Math.exp(-x)), "tanh", Math::tanh, ...)}.
   */
  public static Chart plot(double from, double to, String n1, DoubleUnaryOperator f1, String n2, DoubleUnaryOperator f2,
      String n3, DoubleUnaryOperator f3, String n4, DoubleUnaryOperator f4, String n5, DoubleUnaryOperator f5) {
    return plot(from, to, fn(n1, f1), fn(n2, f2), fn(n3, f3), fn(n4, f4), fn(n5, f5));
  }

  /** Six named functions over [from, to] on one chart. */
  public static Chart plot(double from, double to, String n1, DoubleUnaryOperator f1, String n2, DoubleUnaryOperator f2,
      String n3, DoubleUnaryOperator f3, String n4, DoubleUnaryOperator f4, String n5, DoubleUnaryOperator f5,
      String n6, DoubleUnaryOperator f6) {
    return plot(from, to, fn(n1, f1), fn(n2, f2), fn(n3, f3), fn(n4, f4), fn(n5, f5), fn(n6, f6));
  }

  /**
   * Step, sigmoid, tanh, ReLU and leaky ReLU (slope 0.1) on [-10, 10], and beside them their
   * derivatives, all computed by jinn's own tensors and autograd. The derivatives show where
   * sigmoid and tanh saturate (slope near 0 far from 0) and where ReLU units die (slope 0 below 0).
   * Try {@code activations()} in the REPL; {@code activations(-3, 3)} zooms in.
   */
  public static Chart activations() { return activations(-10, 10); }

  /** {@link #activations()} over [from, to]. */
  public static Chart activations(double from, double to) {
    return activations(from, to, Activation.Kind.STEP, Activation.Kind.SIGMOID, Activation.Kind.TANH,
        Activation.Kind.RELU, Activation.Kind.LEAKY_RELU);
  }

  /** The given activations of jinn's tensors over [from, to], next to their derivatives from autograd. */
  public static Chart activations(double from, double to, Activation.Kind... kinds) {
    checkDomain(from, to);
    XYFigure values = new XYFigure(), slopes = new XYFigure();
    for (Activation.Kind k : kinds) {
      ActivationCurve c = ActivationCurve.of(k, from, to, Curve.SAMPLES);
      values.add(new Series(c.label(), c.x(), c.y(), Series.Style.LINE, null));
      slopes.add(new Series(c.label(), c.x(), c.dy(), Series.Style.LINE, null));
    }
    Options left = new Options();
    left.title = "activation";
    left.xLabel = "x";
    Options right = new Options();
    right.title = "derivative (autograd)";
    right.xLabel = "x";
    return new Chart(new PanelFigure(List.of(new PanelFigure.Panel(values, left), new PanelFigure.Panel(slopes, right)), 2),
        1200, 480);
  }

  // ---- series ----

  /** A series against its index 0, 1, 2, ... */
  public static Chart plot(double[] y) { return plot(index(y.length, 0), y); }

  /** A series against its index 0, 1, 2, ... */
  public static Chart plot(float[] y) { return plot(toDouble(y)); }

  /** y against x as a line. */
  public static Chart plot(double[] x, double[] y) {
    return xy(new XYFigure().add(new Series(null, x.clone(), y.clone(), Series.Style.LINE, null)));
  }

  /** Several named series against their index on one chart: {@code lines("train", a, "validation", b)}. */
  public static Chart lines(String n1, double[] y1, String n2, double[] y2) {
    return xy(new XYFigure().add(line(n1, y1, 0)).add(line(n2, y2, 0)));
  }

  /** Several named series against their index on one chart, in the map's order. */
  public static Chart lines(Map<String, double[]> series) {
    XYFigure fig = new XYFigure();
    series.forEach((name, y) -> fig.add(line(name, y, 0)));
    return xy(fig);
  }

  /** Points, one per (x[i], y[i]). */
  public static Chart scatter(double[] x, double[] y) {
    return xy(new XYFigure().add(new Series(null, x.clone(), y.clone(), Series.Style.SCATTER, null)));
  }

  /** Points coloured by class, with one legend entry per class. */
  public static Chart scatter(double[] x, double[] y, int[] classes) {
    return xy(classPoints(new XYFigure(), x, y, classes));
  }

  /** Points given as rows {x, y}, coloured by class. */
  public static Chart scatter(double[][] points, int[] classes) {
    return scatter(column(points, 0), column(points, 1), classes);
  }

  /** One bar per category. */
  public static Chart bar(String[] categories, double[] values) {
    return new Chart(new BarFigure(categories.clone(), List.of("value"), List.of(values.clone())), WIDTH, HEIGHT);
  }

  /** One bar per map entry, in the map's order. */
  public static Chart bar(Map<String, ? extends Number> values) {
    String[] names = values.keySet().toArray(String[]::new);
    double[] v = values.values().stream().mapToDouble(Number::doubleValue).toArray();
    return bar(names, v);
  }

  /** A histogram of values in {@code bins} equal-width bins. */
  public static Chart histogram(double[] values, int bins) {
    return xy(new XYFigure().add(histogramSeries(null, values, bins, 0))).yLabel("count");
  }

  /** A histogram of values in {@code bins} equal-width bins. */
  public static Chart histogram(float[] values, int bins) { return histogram(toDouble(values), bins); }

  /**
   * One histogram panel per layer, in the map's order: the "sigmoid saturates, relu dies" picture. Each
   * panel's title gives the share of exact zeros (dead relu units) and of values within 0.02 of 0 or 1
   * (a saturated sigmoid).
   */
  public static Chart histograms(Map<String, float[]> activationsByLayer) {
    List<PanelFigure.Panel> panels = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, float[]> e : activationsByLayer.entrySet()) {
      double[] v = toDouble(e.getValue());
      Options o = new Options();
      o.title = e.getKey();
      o.xLabel = summary(v);
      o.legend = false;
      panels.add(new PanelFigure.Panel(new XYFigure().add(histogramSeries(e.getKey(), v, 40, i++)), o));
    }
    int columns = Math.min(panels.size(), 3);
    int rows = (panels.size() + columns - 1) / columns;
    return new Chart(new PanelFigure(panels, columns), Math.min(1500, 420 * columns), 40 + 300 * rows);
  }

  private static String summary(double[] v) {
    int zeros = 0, saturated = 0;
    for (double d : v) {
      if (d == 0) zeros++;
      if (Math.abs(d) < 0.02 || Math.abs(d - 1) < 0.02 || Math.abs(d + 1) < 0.02) saturated++;
    }
    if (v.length == 0) return " (empty)";
    return String.format(Locale.ROOT, "%d values · %.0f%% exactly 0 · %.0f%% within 0.02 of 0 or ±1", v.length,
        100.0 * zeros / v.length, 100.0 * saturated / v.length);
  }

  // ---- training ----

  /**
   * Loss per epoch, training and (when not null) validation, with epochs numbered from 1; with
   * accuracies (either may be null) a second panel shows them.
   */
  public static Chart training(double[] loss, double[] valLoss, double[] accuracy, double[] valAccuracy) {
    XYFigure lossFig = new XYFigure().add(epochLine("train", loss, 0));
    if (valLoss != null) lossFig.add(epochLine("validation", valLoss, 1));
    if (accuracy == null && valAccuracy == null) {
      return new Chart(lossFig, WIDTH, HEIGHT).title("loss").xLabel("epoch").yLabel("loss");
    }
    Options lo = new Options();
    lo.title = "loss";
    lo.xLabel = "epoch";
    XYFigure accFig = new XYFigure();
    if (accuracy != null) accFig.add(epochLine("train", accuracy, 0));
    if (valAccuracy != null) accFig.add(epochLine("validation", valAccuracy, 1));
    Options ao = new Options();
    ao.title = "accuracy";
    ao.xLabel = "epoch";
    return new Chart(new PanelFigure(List.of(new PanelFigure.Panel(lossFig, lo), new PanelFigure.Panel(accFig, ao)), 2),
        1200, 460);
  }

  /** Loss per batch (thin, pale) with its moving average over {@code window} batches on top. */
  public static Chart batchLoss(double[] loss, int window) {
    double[] x = index(loss.length, 1);
    XYFigure fig = new XYFigure()
        .add(new Series("per batch", x, loss.clone(), Series.Style.LINE, new Color(0x9EC5E8)))
        .add(new Series("mean of " + window, x, movingAverage(loss, window), Series.Style.LINE, Theme.seriesColor(0)));
    return xy(fig).title("loss per batch").xLabel("batch").yLabel("loss");
  }

  static double[] movingAverage(double[] v, int window) {
    double[] out = new double[v.length];
    double sum = 0;
    for (int i = 0; i < v.length; i++) {
      sum += v[i];
      if (i >= window) sum -= v[i - window];
      out[i] = sum / Math.min(i + 1, window);
    }
    return out;
  }

  // ---- images and classifiers ----

  /** Square grey-scale images (e.g. MNIST's 28 x 28, pixels 0..1 or 0..255), 8 to a row. */
  public static Chart digits(float[][] images) { return digits(images, null, null); }

  /**
   * Square grey-scale images captioned with their labels; where {@code predicted} differs from
   * {@code truth} the caption reads "true → predicted" in red. Either label array may be null.
   */
  public static Chart digits(float[][] images, int[] truth, int[] predicted) {
    if (images.length == 0) throw new IllegalArgumentException("digits: expected at least one image, received none");
    int side = (int) Math.round(Math.sqrt(images[0].length));
    if (side * side != images[0].length) {
      throw new IllegalArgumentException("digits: expected square images (e.g. 784 = 28 x 28 pixels), received "
          + images[0].length + " pixels; use images(pixels, width, height, ...) for other shapes");
    }
    return images(images, side, side, truth, predicted, null);
  }

  /** Grey-scale images of width x height pixels in a grid, with optional labels and class names. */
  public static Chart images(float[][] images, int width, int height, int[] truth, int[] predicted, String[] classNames) {
    int columns = Math.min(images.length, images.length <= 10 ? images.length : 8);
    ImageGridFigure fig = new ImageGridFigure(images, width, height, truth, predicted, classNames, columns);
    int cell = 110;
    int captionRoom = truth != null || predicted != null ? 26 : 6;
    return new Chart(fig, Math.max(160, columns * cell), fig.rows() * (cell + captionRoom - 10) + 10);
  }

  /** A confusion-matrix heatmap from counts[true][predicted]. */
  public static Chart confusion(int[][] counts) { return confusion(counts, null); }

  /** A confusion-matrix heatmap from counts[true][predicted], with class names. */
  public static Chart confusion(int[][] counts, String[] classNames) {
    int side = Math.max(360, Math.min(720, 120 + counts.length * 56));
    return new Chart(new ConfusionFigure(counts, classNames), side + 60, side + 40).title("confusion matrix");
  }

  /** A confusion-matrix heatmap counted from true and predicted labels in 0 .. classes-1. */
  public static Chart confusion(int[] truth, int[] predicted, int classes) {
    return confusion(confusionCounts(truth, predicted, classes));
  }

  static int[][] confusionCounts(int[] truth, int[] predicted, int classes) {
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException("confusion: expected as many predictions as true labels, received "
          + truth.length + " true and " + predicted.length + " predicted");
    }
    int[][] counts = new int[classes][classes];
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] < 0 || truth[i] >= classes || predicted[i] < 0 || predicted[i] >= classes) {
        throw new IllegalArgumentException("confusion: expected labels in 0.." + (classes - 1) + ", received true "
            + truth[i] + " and predicted " + predicted[i] + " at index " + i);
      }
      counts[truth[i]][predicted[i]]++;
    }
    return counts;
  }

  /**
   * A 2-D classifier's decision boundary: {@code probability(x, y)} is its probability of class 1, shown as
   * two tints meeting at 0.5, with the points (rows {x, y}) coloured by their true class on top.
   */
  public static Chart decisionBoundary(DoubleBinaryOperator probability, double[][] points, int[] classes) {
    return boundary(ClassField.ofProbability((xs, ys) -> {
      double[] p = new double[xs.length];
      for (int i = 0; i < p.length; i++) p[i] = probability.applyAsDouble(xs[i], ys[i]);
      return p;
    }), column(points, 0), column(points, 1), classes);
  }

  static Chart boundary(ClassField field, double[] x, double[] y, int[] classes) {
    XYFigure fig = classPoints(new XYFigure(), x, y, classes);
    fig.field = field;
    return xy(fig).title("decision boundary");
  }

  // ---- jinn's own types ----

  /** Loss and accuracy per epoch of a {@code fit}, training and validation (when there was validation data). */
  public static Chart plot(History history) {
    if (history.epochs().isEmpty()) {
      throw new IllegalArgumentException("plot(history): expected at least one epoch, received an empty History");
    }
    double[] acc = history.accuracy();
    boolean hasAcc = Arrays.stream(acc).anyMatch(Double::isFinite);
    boolean val = history.hasValidation();
    boolean hasValAcc = val && Arrays.stream(history.valAccuracy()).anyMatch(Double::isFinite);
    return training(history.loss(), val ? history.valLoss() : null, hasAcc ? acc : null,
        hasValAcc ? history.valAccuracy() : null);
  }

  /**
   * The same Fit, drawing its loss curve live while it trains, inline in this terminal:
   * {@code net.fit(train, liveLoss(epochs(5).validation(test)))}. See {@link LivePlot}.
   */
  public static Fit liveLoss(Fit fit) { return LivePlot.inline().attach(fit); }

  /** Loss per batch of a {@code fit} (recorded by default), with its moving average. */
  public static Chart batchLoss(History history) {
    double[] loss = history.batches().stream().mapToDouble(History.Batch::loss).toArray();
    if (loss.length == 0) {
      throw new IllegalArgumentException("batchLoss(history): expected per-batch records, received none"
          + " (was fit run with recordBatches(false)?)");
    }
    Chart c = batchLoss(loss, Math.max(5, loss.length / 50));
    if (history.hasValidation()) { // validation is measured once per epoch: put it where each epoch ends
      List<History.Batch> b = history.batches();
      double[] end = new double[history.epochs().size()];
      for (int i = 0; i < b.size(); i++) {
        int e = b.get(i).epoch() - 1;
        if (e >= 0 && e < end.length) end[e] = i + 1;
      }
      ((XYFigure) c.figure()).add(new Series("validation (epoch end)", end, history.valLoss(), Series.Style.LINE,
          Theme.seriesColor(1)));
    }
    return c;
  }

  /** A 1-D tensor (or one column) against its index. */
  public static Chart plot(Tensor y) { return plot(Plots.toDouble(y.toArray())); }

  /** Two tensors of equal size, y against x. */
  public static Chart plot(Tensor x, Tensor y) { return plot(toDouble(x.toArray()), toDouble(y.toArray())); }

  /** A histogram of a tensor's values. */
  public static Chart histogram(Tensor values) { return histogram(values.toArray(), 40); }

  /**
   * One histogram per activation layer of {@code net} for the inputs {@code batch} (every layer when the
   * net has no separate activation layers): the "sigmoid saturates, relu dies" picture.
   */
  public static Chart histograms(Net net, Tensor batch) {
    Map<String, Tensor> outputs = net.activations(batch);
    boolean anyActivation = net.layers().stream().anyMatch(l -> l instanceof Activation);
    Map<String, float[]> byLayer = new LinkedHashMap<>();
    for (Layer l : net.layers()) {
      if (anyActivation && !(l instanceof Activation)) continue;
      Tensor t = outputs.get(l.name());
      if (t != null) byLayer.put(l.name() + " (" + l.describe() + ")", t.toArray());
    }
    return histograms(byLayer).title("activations for " + batch.dim(0) + " inputs");
  }

  /**
   * The kernels of a convolution layer as images, one per filter and input channel (filter-major),
   * each stretched from its own minimum (white) to its maximum (black): what the layer looks for.
   */
  public static Chart filters(Net net, String convLayer) {
    if (!(net.layer(convLayer) instanceof Conv2d conv)) {
      throw new IllegalArgumentException("filters: layer " + convLayer + " is " + net.layer(convLayer).kind() + ", expected a conv2d layer");
    }
    if (conv.weight() == null) throw new IllegalArgumentException("filters: layer " + convLayer + " is not built yet (its input shape is unknown)");
    int[] s = conv.weight().shape();
    float[] w = conv.weight().toArray();
    int per = s[2] * s[3];
    float[][] images = new float[s[0] * s[1]][];
    for (int i = 0; i < images.length; i++) images[i] = stretched(Arrays.copyOfRange(w, i * per, (i + 1) * per));
    return images(images, s[3], s[2], null, null, null).title(convLayer + ": " + s[0] + " filters of " + s[2] + "×" + s[3]
        + (s[1] > 1 ? " over " + s[1] + " channels" : ""));
  }

  /**
   * What a layer of images outputs for one input sample: one image per channel (feature map), each
   * stretched from its minimum to its maximum. {@code sample} is one row of pixels or one image.
   */
  public static Chart featureMaps(Net net, Tensor sample, String layer) {
    Tensor batch = sample.reshape(1, -1);
    Tensor out = net.activations(batch).get(net.layer(layer).name());
    if (out.rank() != 4) {
      throw new IllegalArgumentException("featureMaps: layer " + layer + " outputs " + Arrays.toString(out.shape())
          + ", expected images [1, channels, height, width]");
    }
    int c = out.dim(1), h = out.dim(2), w = out.dim(3);
    float[] all = out.toArray();
    float[][] maps = new float[c][];
    for (int i = 0; i < c; i++) maps[i] = stretched(Arrays.copyOfRange(all, i * h * w, (i + 1) * h * w));
    return images(maps, w, h, null, null, null).title(layer + ": " + c + " feature maps of " + h + "×" + w);
  }

  /** Values mapped linearly onto 0..1 (all 0 when they are all equal). */
  static float[] stretched(float[] v) {
    float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
    for (float x : v) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
    float[] out = new float[v.length];
    if (hi > lo) for (int i = 0; i < v.length; i++) out[i] = (v[i] - lo) / (hi - lo);
    return out;
  }

  /** Images in a tensor of shape [n, h*w] (square) or [n, h, w], e.g. {@code digits(test.x().rows(0, 16))}. */
  public static Chart digits(Tensor images) { return digits(images, null, null); }

  /** Images in a tensor of shape [n, h*w] (square) or [n, h, w], with true and predicted labels (either may be null). */
  public static Chart digits(Tensor images, int[] truth, int[] predicted) {
    int[] shape = images.shape();
    if (shape.length != 2 && shape.length != 3) {
      throw new IllegalArgumentException("digits: expected a tensor of shape [n, pixels] or [n, height, width], received "
          + Arrays.toString(shape));
    }
    int n = shape[0], per = images.size() / Math.max(1, n);
    float[] all = images.toArray();
    float[][] rows = new float[n][];
    for (int i = 0; i < n; i++) rows[i] = Arrays.copyOfRange(all, i * per, (i + 1) * per);
    return shape.length == 3 ? images(rows, shape[2], shape[1], truth, predicted, null) : digits(rows, truth, predicted);
  }

  /** The first {@code n} images of a data set of square images (MNIST), captioned with their labels. */
  public static Chart digits(Dataset data, int n) {
    Dataset head = data.head(Math.min(n, data.size()));
    return digits(rowsOf(head), head.isClassification() ? head.labels() : null, null);
  }

  /** The first {@code n} images with their true and predicted labels; wrong predictions are marked in red. */
  public static Chart digits(Dataset data, Net net, int n) {
    Dataset head = data.head(Math.min(n, data.size()));
    return digits(rowsOf(head), head.labels(), net.predictClass(head.x()));
  }

  /** Up to {@code n} images the network gets wrong, captioned "true → predicted". */
  public static Chart mistakes(Net net, Dataset data, int n) {
    int[] predicted = net.predictClass(data.x());
    int[] truth = data.labels();
    int[] allWrong = java.util.stream.IntStream.range(0, truth.length).filter(i -> truth[i] != predicted[i]).toArray();
    int[] wrong = Arrays.copyOf(allWrong, Math.min(n, allWrong.length));
    if (wrong.length == 0) {
      throw new IllegalArgumentException("mistakes: expected at least one misclassified example, received none in "
          + data.size() + " (a perfect score)");
    }
    int[] t = new int[wrong.length], p = new int[wrong.length];
    for (int i = 0; i < wrong.length; i++) { t[i] = truth[wrong[i]]; p[i] = predicted[wrong[i]]; }
    return digits(rowsOf(data.select(wrong)), t, p).title(String.format(Locale.ROOT, "first %d of %d misclassified (%d examples, %.1f%% wrong): true → predicted",
        wrong.length, allWrong.length, data.size(), 100.0 * allWrong.length / data.size()));
  }

  /** A confusion matrix from {@code evaluate}/{@code confusionMatrix}. */
  public static Chart confusion(ConfusionMatrix matrix) {
    List<String> names = matrix.classNames();
    return confusion(matrix.counts(), names == null ? null : names.toArray(String[]::new));
  }

  /** The network's confusion matrix on a data set. */
  public static Chart confusion(Net net, Dataset data) { return confusion(net.confusionMatrix(data)); }

  /** A data set with two features as points coloured by class (XOR, moons, spirals). */
  public static Chart scatter(Dataset data) {
    requireTwoFeatures("scatter", data);
    float[] f = data.featureArray();
    double[] x = new double[data.size()], y = new double[data.size()];
    for (int i = 0; i < x.length; i++) { x[i] = f[2 * i]; y[i] = f[2 * i + 1]; }
    Chart c = data.isClassification() ? scatter(x, y, data.labels()) : scatter(x, y);
    List<String> names = data.featureNames();
    if (names != null && names.size() == 2) c.xLabel(names.get(0)).yLabel(names.get(1));
    return c.title(data.name());
  }

  /**
   * A 2-feature classifier's decision regions with the data on top: each region tinted in its class's
   * colour (deeper where the network is surer), a thin line on the boundary, the points coloured by their
   * true class. Works for one sigmoid output and for softmax over any number of classes.
   */
  public static Chart decisionBoundary(Net net, Dataset data) {
    requireTwoFeatures("decisionBoundary", data);
    float[] f = data.featureArray();
    double[] x = new double[data.size()], y = new double[data.size()];
    for (int i = 0; i < x.length; i++) { x[i] = f[2 * i]; y[i] = f[2 * i + 1]; }
    return boundary(new ClassField(new NetClassifier(net)), x, y, data.labels())
        .title("decision boundary" + (data.name() == null ? "" : ": " + data.name()));
  }

  private static void requireTwoFeatures(String what, Dataset data) {
    if (data.featureCount() != 2) {
      throw new IllegalArgumentException(what + ": expected a data set with 2 features (x, y), received "
          + data.featureCount() + " in '" + data.name() + "'");
    }
  }

  private static float[][] rowsOf(Dataset d) {
    float[][] rows = new float[d.size()][];
    for (int i = 0; i < rows.length; i++) rows[i] = d.row(i);
    return rows;
  }

  // ---- Tablesaw ----

  /** Numeric columns of a table against one of them, as lines: {@code plot(history.toTable(), "epoch", "loss")}. */
  public static Chart plot(Table table, String xColumn, String... yColumns) {
    double[] x = numbers(table, xColumn);
    XYFigure fig = new XYFigure();
    for (String y : yColumns) fig.add(new Series(y, x, numbers(table, y), Series.Style.LINE, null));
    Chart c = xy(fig).xLabel(xColumn);
    if (yColumns.length == 1) c.yLabel(yColumns[0]).legend(false);
    return c.title(table.name() == null || table.name().isBlank() ? null : table.name());
  }

  /** Two numeric columns of a table as points. */
  public static Chart scatter(Table table, String xColumn, String yColumn) {
    return scatter(numbers(table, xColumn), numbers(table, yColumn)).xLabel(xColumn).yLabel(yColumn);
  }

  static double[] numbers(Table table, String column) {
    if (!table.columnNames().contains(column)) {
      throw new IllegalArgumentException("table '" + table.name() + "': expected a column named '" + column
          + "', received columns " + table.columnNames());
    }
    if (!(table.column(column) instanceof NumericColumn<?> n)) {
      throw new IllegalArgumentException("table '" + table.name() + "': expected column '" + column
          + "' to be numeric, received " + table.column(column).type());
    }
    return n.asDoubleArray();
  }

  // ---- shared pieces ----

  static Chart xy(XYFigure fig) { return new Chart(fig, WIDTH, HEIGHT); }

  private static Series line(String name, double[] y, int first) {
    return new Series(name, index(y.length, first), y.clone(), Series.Style.LINE, null);
  }

  /** Per-epoch values, epochs from 1; fixed colours so "train" and "validation" match across panels. */
  private static Series epochLine(String name, double[] y, int colour) {
    return new Series(name, index(y.length, 1), y.clone(), Series.Style.LINE, Theme.seriesColor(colour));
  }

  static XYFigure classPoints(XYFigure fig, double[] x, double[] y, int[] classes) {
    if (x.length != y.length || classes.length != x.length) {
      throw new IllegalArgumentException("scatter: expected x, y and classes of one length, received " + x.length
          + ", " + y.length + " and " + classes.length);
    }
    Map<Integer, List<Integer>> byClass = new LinkedHashMap<>();
    int[] sorted = Arrays.stream(classes).distinct().sorted().toArray();
    for (int c : sorted) byClass.put(c, new ArrayList<>());
    for (int i = 0; i < classes.length; i++) byClass.get(classes[i]).add(i);
    for (Map.Entry<Integer, List<Integer>> e : byClass.entrySet()) {
      double[] xs = e.getValue().stream().mapToDouble(i -> x[i]).toArray();
      double[] ys = e.getValue().stream().mapToDouble(i -> y[i]).toArray();
      fig.add(new Series("class " + e.getKey(), xs, ys, Series.Style.SCATTER, Theme.seriesColor(e.getKey())));
    }
    return fig;
  }

  static Series histogramSeries(String name, double[] values, int bins, int colour) {
    if (bins < 1) throw new IllegalArgumentException("histogram: expected at least 1 bin, received " + bins);
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (double v : values) if (Double.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    if (lo > hi) { lo = 0; hi = 1; }
    if (lo == hi) { lo -= 0.5; hi += 0.5; }
    // bin edges on round numbers, so the axis ticks fall on bin edges and read 0, 0.2, ... not 0.0000013
    double step = Ticks.step(lo, hi, 5);
    lo = Math.floor(lo / step + 1e-9) * step;
    hi = Math.ceil(hi / step - 1e-9) * step;
    int[] counts = new int[bins];
    for (double v : values) {
      if (!Double.isFinite(v)) continue;
      counts[Math.min(bins - 1, (int) ((v - lo) / (hi - lo) * bins))]++;
    }
    // the outline of the bars as one polygon: up, across, down at each bin edge
    double[] x = new double[2 * bins + 2], y = new double[2 * bins + 2];
    x[0] = lo;
    for (int b = 0; b < bins; b++) {
      double left = lo + (hi - lo) * b / bins, right = lo + (hi - lo) * (b + 1) / bins;
      x[1 + 2 * b] = left; y[1 + 2 * b] = counts[b];
      x[2 + 2 * b] = right; y[2 + 2 * b] = counts[b];
    }
    x[2 * bins + 1] = hi;
    return new Series(name, x, y, Series.Style.AREA, Theme.seriesColor(colour));
  }

  static double[] index(int n, int first) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) x[i] = first + i;
    return x;
  }

  static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) d[i] = v[i];
    return d;
  }

  private static double[] column(double[][] points, int c) {
    double[] out = new double[points.length];
    for (int i = 0; i < points.length; i++) {
      if (points[i].length < 2) {
        throw new IllegalArgumentException("points: expected rows {x, y}, received row " + i + " with "
            + points[i].length + " value(s)");
      }
      out[i] = points[i][c];
    }
    return out;
  }

  private static void checkDomain(double from, double to) {
    if (!(from < to) || !Double.isFinite(from) || !Double.isFinite(to)) {
      throw new IllegalArgumentException("plot: expected a finite range from < to, received [" + from + ", " + to + "]");
    }
  }
}
