package jinn.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import jinn.data.Dataset;
import jinn.data.Synthetic;
import jinn.nn.Activation;
import jinn.nn.Net;
import jinn.nn.NetBuilder;
import jinn.tensor.Tensor;
import jinn.train.ConfusionMatrix;
import jinn.train.Fit;
import jinn.train.History;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The overloads for jinn's own types, on a small network actually trained on two moons. */
class JinnTypesTest {
  static Dataset moons;
  static Net net;
  static History history;

  @BeforeAll static void train() {
    moons = Synthetic.moons(300, 0.1, 1);
    net = new NetBuilder().input(2).dense(16).tanh().dense(16).relu().dense(2).softmax().build();
    history = net.fit(moons, Fit.epochs(40).batchSize(32).adam(0.02f).seed(1).validation(moons).quiet());
  }

  @Test void activationCurvesFromAutogradMatchTheClosedForms() {
    ActivationCurve sig = ActivationCurve.of(Activation.Kind.SIGMOID, -10, 10, 401);
    ActivationCurve tanh = ActivationCurve.of(Activation.Kind.TANH, -10, 10, 401);
    ActivationCurve leaky = ActivationCurve.of(Activation.Kind.LEAKY_RELU, -10, 10, 401);
    ActivationCurve step = ActivationCurve.of(Activation.Kind.STEP, -10, 10, 401);
    for (int i = 0; i < 401; i++) {
      double x = sig.x()[i], s = 1 / (1 + Math.exp(-x));
      assertEquals(s, sig.y()[i], 1e-6, "sigmoid at " + x);
      assertEquals(s * (1 - s), sig.dy()[i], 1e-6, "sigmoid' at " + x);
      assertEquals(1 - Math.tanh(x) * Math.tanh(x), tanh.dy()[i], 1e-5, "tanh' at " + x);
      if (x != 0) assertEquals(x > 0 ? 1 : 0.1, leaky.dy()[i], 1e-6, "leaky relu' at " + x);
      // at exactly 0 the seed (np.where(x >= 0, 1, 0)) says 1 and the dsl's step() says 0: only the sides are pinned here
      if (x != 0) assertEquals(x > 0 ? 1 : 0, step.y()[i], 0, "step at " + x);
      assertEquals(0, step.dy()[i], 0, "step' at " + x);
    }
    assertEquals("leaky relu", leaky.label());
    assertEquals("activations: expected an elementwise activation, received SOFTMAX (it mixes a whole row, so it has no curve)",
        assertThrows(IllegalArgumentException.class, () -> ActivationCurve.of(Activation.Kind.SOFTMAX, 0, 1, 3)).getMessage());
  }

  @Test void historyGivesLossAndAccuracyPanels() {
    Chart c = Plots.plot(history);
    assertEquals("Chart[1200x460, 2 panels]", c.toString());
    String text = c.text();
    assertTrue(text.contains("loss") && text.contains("accuracy") && text.contains("validation"), text);
    Chart batches = Plots.batchLoss(history);
    assertTrue(batches.toString().contains("3 series"), "per batch, its mean, validation: " + batches);
    Series val = ((XYFigure) batches.figure()).series.get(2);
    assertEquals(history.batches().size(), val.x()[val.x().length - 1], "the last validation point sits at the last batch");
    assertTrue(history.last().accuracy() > 0.9, "the moons net should have learned: " + history.last());
  }

  @Test void historyTableColumnsAgainstEachOther() {
    Chart c = Plots.plot(history.toTable(), "epoch", "loss", "val_loss");
    assertEquals("Chart[\"history\", 800x500, 2 series]", c.toString());
    assertTrue(c.text().contains("* loss   + val_loss"), c.text());
  }

  @Test void digitsFromATensor() {
    Tensor flat = Tensor.of(new float[2 * 16], 2, 16);
    assertEquals("Chart[220x136, 2 images of 4x4]", Plots.digits(flat, new int[] {1, 2}, new int[] {1, 3}).toString());
    Tensor cube = Tensor.of(new float[2 * 6], 2, 2, 3);
    assertTrue(Plots.digits(cube).toString().endsWith("2 images of 3x2]"), Plots.digits(cube).toString());
    assertEquals("digits: expected a tensor of shape [n, pixels] or [n, height, width], received [4]",
        assertThrows(IllegalArgumentException.class, () -> Plots.digits(Tensor.of(new float[4], 4))).getMessage());
  }

  @Test void filtersAndFeatureMapsOfAConvolution() {
    Net cnn = new NetBuilder().input(2, 6, 6).conv(3, 3).relu().flatten().dense(2).softmax().seed(1).build();
    // one image per filter and input channel, of the kernel's size; one map per filter, of the output's size
    assertTrue(Plots.filters(cnn, "conv2d_1").toString().endsWith("6 images of 3x3]"), Plots.filters(cnn, "conv2d_1").toString());
    Tensor sample = Tensor.randn(new java.util.Random(2), 72);
    assertTrue(Plots.featureMaps(cnn, sample, "relu_1").toString().endsWith("3 images of 4x4]"));
    assertEquals("filters: layer dense_1 is dense, expected a conv2d layer",
        assertThrows(IllegalArgumentException.class, () -> Plots.filters(cnn, "dense_1")).getMessage());
    assertEquals("featureMaps: layer dense_1 outputs [1, 2], expected images [1, channels, height, width]",
        assertThrows(IllegalArgumentException.class, () -> Plots.featureMaps(cnn, sample, "dense_1")).getMessage());
    // negative weights are drawn too: each image is stretched from its minimum to its maximum
    assertArrayEquals(new float[] {0, 0.25f, 1}, Plots.stretched(new float[] {-2, -1, 2}));
    assertArrayEquals(new float[] {0, 0}, Plots.stretched(new float[] {3, 3}));
  }

  @Test void decisionRegionsAgreeWithTheNetwork() {
    double[] xs = {-1, 0, 1, 2, 0.5, 1.5}, ys = {0.5, 1, 0, 0, -0.3, -0.3};
    int[] classes = new int[xs.length];
    double[] confidence = new double[xs.length];
    new NetClassifier(net).classify(xs, ys, classes, confidence);
    float[] in = new float[2 * xs.length];
    for (int i = 0; i < xs.length; i++) { in[2 * i] = (float) xs[i]; in[2 * i + 1] = (float) ys[i]; }
    assertArrayEquals(net.predictClass(Tensor.of(in, xs.length, 2)), classes);
    for (double c : confidence) assertTrue(c >= 0 && c <= 1, "confidence in [0, 1]: " + c);
    Chart chart = Plots.decisionBoundary(net, moons);
    String text = chart.text();
    assertTrue(text.contains("░ predicted 1"), text);
    assertTrue(chart.toPng().length > 5000);
  }

  @Test void histogramsOnePanelPerActivationLayer() {
    Chart c = Plots.histograms(net, moons.x());
    assertEquals("Chart[\"activations for 300 inputs\", 1260x340, 3 panels]", c.toString());
    String text = c.text();
    assertTrue(text.contains("(tanh)") && text.contains("(relu)") && text.contains("(softmax)"), text);
  }

  @Test void confusionAndDigitsFromDatasets() {
    ConfusionMatrix m = net.confusionMatrix(moons);
    Chart c = Plots.confusion(m);
    assertTrue(c.text().contains("true │"), c.text());
    float[][] images = new float[3][16];
    for (int i = 0; i < 3; i++) images[i][i] = 1;
    Dataset d = Dataset.of(images, new int[] {0, 1, 2}, "a", "b", "c");
    assertEquals("Chart[3 images of 4x4]", Plots.digits(d, 10).toString().replace("160x", "").replaceAll("\\d+x\\d+, ", ""));
    assertEquals("scatter: expected a data set with 2 features (x, y), received 16 in 'data'",
        assertThrows(IllegalArgumentException.class, () -> Plots.scatter(d)).getMessage());
  }

  @Test void liveLossFollowsAFit() {
    List<Boolean> frames = new ArrayList<>();
    LivePlot live = new LivePlot((chart, last) -> frames.add(last), System::nanoTime);
    Net small = new NetBuilder().input(2).dense(4).tanh().dense(2).softmax().build();
    small.fit(moons, live.attach(Fit.epochs(3).batchSize(50).adam(0.01f).seed(2).quiet()));
    assertTrue(!frames.isEmpty(), "the live plot drew at least once");
    assertEquals(Boolean.TRUE, frames.get(frames.size() - 1), "after the last epoch the final curve is drawn");
    assertTrue(live.chart().text().contains("batch"), live.chart().text());
  }
}
