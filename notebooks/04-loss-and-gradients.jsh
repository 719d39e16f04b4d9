// %% [markdown]
// # 4. Loss and gradients
//
// A network learns by changing its weights so that its outputs get closer to the right answers.
// To do that it needs two things: a single number that says how wrong it is (the *loss*), and the
// direction in which each weight should move to make that number smaller (the *gradient*). This
// notebook computes both by hand on small examples, then uses them for gradient descent and for
// mini-batch stochastic gradient descent (SGD), the way networks are trained in practice.

// %% [markdown]
// ## A worked example: is it a 2?
//
// A digit classifier has 10 outputs, one probability per digit 0 to 9 (a softmax, notebook 2). The
// true answer is written *one-hot*: a 1 at the right digit, 0 everywhere else. Here the image shows
// a 2. One prediction puts 0.6 on the 2 (good), another puts 0.6 on the 7 (bad):

// %%
var t    = tensor(new double[] {0, 0, 1,   0, 0,    0,   0, 0,   0, 0});
var good = tensor(new double[] {0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0});
var bad  = tensor(new double[] {0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0});
expectClose(1.0, good.sum().item(), 1e-6);
expectClose(1.0, bad.sum().item(), 1e-6);

// %% [markdown]
// ### Mean squared error
//
// The sum of squared differences between prediction and target, halved (the ½ makes the derivative
// tidy): `E = ½ Σ (y_k − t_k)²`. Small when the prediction is close to the target.

// %%
double sumOfSquares(Tensor y, Tensor target) {
    return 0.5 * y.sub(target).square().sum().item();
}
expectClose(0.0975, sumOfSquares(good, t), 1e-6);
expectClose(0.5975, sumOfSquares(bad, t), 1e-6);
// jinn's mse() is the mean instead of half the sum: the same number times 2/10 here
expectClose(0.0975, good.mse(t).item() * 10 / 2, 1e-6);
System.out.printf("MSE  good %.4f   bad %.4f%n", sumOfSquares(good, t), sumOfSquares(bad, t));

// %% [markdown]
// ### Cross-entropy
//
// `E = −Σ t_k · log(y_k)`. With a one-hot target only the term of the true class survives, so the
// loss is simply minus the log of the probability the network gave the right answer. A tiny
// constant (1e-7) inside the log keeps `log(0)` from becoming minus infinity.

// %%
double crossEntropy(Tensor y, Tensor target) {
    return -target.mul(y.add(1e-7f).log()).sum().item();
}
expectClose(0.510825457, crossEntropy(good, t), 1e-6);
expectClose(2.302584092, crossEntropy(bad, t), 1e-6);
expectClose(0.510825457, good.crossEntropy(t).item(), 1e-6);   // jinn's built-in
System.out.printf("CE   good %.4f   bad %.4f%n", crossEntropy(good, t), crossEntropy(bad, t));

// %% [markdown]
// Both losses prefer the good prediction. Cross-entropy is harsher on confident mistakes: as the
// probability of the true class goes to 0, `−log(y)` grows without bound, while the squared error
// can never exceed 1 for that output. That strong push is one reason classifiers train with
// cross-entropy.

// %%
plot(0.001, 1, "cross-entropy  −log(y)", p -> -Math.log(p), "squared error  (1 − y)²", p -> (1 - p) * (1 - p))
        .title("loss when the true class gets probability y").xLabel("y (probability of the true class)").yLabel("loss")

// %% [markdown]
// ## Derivatives by finite differences
//
// The derivative of `f` at `x` is the slope of `f` there: how much `f` changes per unit change of
// `x`. We can estimate it with two nearby evaluations. The *central* difference
// `(f(x + h) − f(x − h)) / 2h` is much more accurate than the one-sided `(f(x + h) − f(x)) / h`.
// `h` must be small but not tiny: with `h = 1e-50` the difference would round to zero.

// %%
double derivative(DoubleUnaryOperator f, double x) {
    double h = 1e-4;
    return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
}

DoubleUnaryOperator f1 = x -> 0.01 * x * x + 0.1 * x;   // exact derivative: 0.02·x + 0.1
expectClose(0.2, derivative(f1, 5), 1e-9);
expectClose(0.3, derivative(f1, 10), 1e-9);
System.out.println("f'(5) ≈ " + derivative(f1, 5) + "   f'(10) ≈ " + derivative(f1, 10));

// %%
// the tangent at x = 5: a line through (5, f(5)) with the slope we estimated
double slope = derivative(f1, 5), y5 = f1.applyAsDouble(5);
plot(0, 20, "f(x) = 0.01x² + 0.1x", f1, "tangent at x = 5", x -> slope * (x - 5) + y5).title("a derivative is a slope")

// %% [markdown]
// ## The gradient
//
// With several inputs, each has its own partial derivative: vary one input, hold the others still.
// The vector of all partial derivatives is the *gradient*. For `f(x0, x1) = x0² + x1²` it is
// `(2·x0, 2·x1)`. The same finite-difference trick gives it numerically, one input at a time:

// %%
double[] numericalGradient(ToDoubleFunction<double[]> f, double[] x) {
    double h = 1e-4;
    double[] grad = new double[x.length];
    for (int i = 0; i < x.length; i++) {
        double saved = x[i];
        x[i] = saved + h;
        double plus = f.applyAsDouble(x);
        x[i] = saved - h;
        double minus = f.applyAsDouble(x);
        x[i] = saved;
        grad[i] = (plus - minus) / (2 * h);
    }
    return grad;
}

ToDoubleFunction<double[]> f2 = v -> v[0] * v[0] + v[1] * v[1];
expectClose(new double[] {6, 8}, numericalGradient(f2, new double[] {3, 4}), 1e-6);
expectClose(new double[] {0, 4}, numericalGradient(f2, new double[] {0, 2}), 1e-6);
expectClose(new double[] {6, 0}, numericalGradient(f2, new double[] {3, 0}), 1e-6);
System.out.println(Arrays.toString(numericalGradient(f2, new double[] {3, 4})));

// %% [markdown]
// Finite differences need two evaluations of `f` per input. A network has hundreds of thousands of
// weights, so that would be far too slow. *Automatic differentiation* computes the exact gradient
// in a single backward pass (notebook 5 shows how). jinn tensors do this when asked with
// `requiresGrad(true)`; both methods agree:

// %%
var p = tensor(new double[] {3, 4}).requiresGrad(true);
p.square().sum().backward();          // f = x0² + x1², then d f / d p
expectClose(new double[] {6, 8}, p.grad(), 1e-6);
p.grad()

// %% [markdown]
// ## Gradient descent
//
// The gradient points where `f` grows fastest, so a small step against it makes `f` smaller:
//
// ```
// x ← x − η · ∇f(x)
// ```
//
// `η` (eta), the *learning rate*, sets the step size. Repeat, and `x` walks downhill. Starting at
// (−3, 4) with η = 0.1, a hundred steps reach the minimum of `x0² + x1²` at (0, 0):

// %%
double[][] descend(ToDoubleFunction<double[]> f, double[] start, double lr, int steps) {
    double[] x = start.clone();
    double[][] path = new double[steps + 1][];
    path[0] = x.clone();
    for (int s = 1; s <= steps; s++) {
        double[] g = numericalGradient(f, x);
        for (int i = 0; i < x.length; i++) x[i] -= lr * g[i];
        path[s] = x.clone();
    }
    return path;
}

var path = descend(f2, new double[] {-3, 4}, 0.1, 100);
var end = path[100];
expectClose(new double[] {0, 0}, end, 1e-8);
System.out.println("after 100 steps: " + Arrays.toString(end));

// %%
double[] column(double[][] rows, int c) {
    return Arrays.stream(rows).mapToDouble(r -> r[c]).toArray();
}
lines("x0", column(path, 0), "x1", column(path, 1)).title("gradient descent from (−3, 4), learning rate 0.1").xLabel("step")

// %% [markdown]
// The learning rate matters. Too large, and each step overshoots further than the last; too small,
// and after 100 steps we have hardly moved:

// %%
var tooLarge = descend(f2, new double[] {-3, 4}, 10.0, 100)[100];
var tooSmall = descend(f2, new double[] {-3, 4}, 1e-10, 100)[100];
expectTrue(Math.abs(tooLarge[0]) > 1e10, "a learning rate of 10 to diverge, got " + Arrays.toString(tooLarge));
expectClose(new double[] {-3, 4}, tooSmall, 1e-6);
System.out.println("lr = 10:     " + Arrays.toString(tooLarge));
System.out.println("lr = 1e-10:  " + Arrays.toString(tooSmall));

// %% [markdown]
// ## Mini-batch stochastic gradient descent
//
// For a network, `f` is the loss averaged over the training data, and `x` is every weight at once.
// Computing the loss over all 60,000 MNIST images for every single step would be slow. Instead,
// each step picks a small random *mini-batch* (say 32 examples), computes the loss and its gradient
// on that batch only, and takes a step. The batch gradient is a noisy but unbiased estimate of the
// full one, and many cheap noisy steps beat a few exact ones. This is *stochastic* gradient descent.
//
// Here is the whole loop written out, for a small network on the "two moons" data set: two
// interleaved half circles that no straight line separates.

// %%
var moons = moons(400, 0.1, 7);
scatter(moons)

// %%
var rng = new Random(1);
var W1 = randn(rng, 2, 16).mul(0.5f).requiresGrad(true);
var b1 = zeros(16).requiresGrad(true);
var W2 = randn(rng, 16, 2).mul(0.5f).requiresGrad(true);
var b2 = zeros(2).requiresGrad(true);
List<Tensor> params = List.of(W1, b1, W2, b2);

Tensor logits(Tensor x) {
    return x.matmul(W1).add(b1).tanh().matmul(W2).add(b2);
}

var xAll = moons.x();
int[] labelsAll = moons.labels();
double lr = 0.5;
int batchSize = 32;
var batchLosses = new ArrayList<Double>();
for (int step = 0; step < 600; step++) {
    int[] rows = rng.ints(batchSize, 0, moons.size()).toArray();          // 1. a random mini-batch
    int[] labels = Arrays.stream(rows).map(r -> labelsAll[r]).toArray();
    var loss = logits(xAll.gather(rows)).softmaxCrossEntropy(labels);     // 2. loss on the batch
    params.forEach(Tensor::zeroGrad);
    loss.backward();                                                      // 3. gradient by autograd
    try (var off = noGrad()) {                                            // 4. step against the gradient
        for (Tensor w : params) {
            float[] v = w.data(), g = w.grad().toArray();
            for (int i = 0; i < v.length; i++) v[i] -= (float) (lr * g[i]);
        }
    }
    batchLosses.add((double) loss.item());
}
double accuracy;
try (var off = noGrad()) {
    int[] predicted = logits(xAll).argmax();
    accuracy = IntStream.range(0, labelsAll.length).filter(i -> predicted[i] == labelsAll[i]).count() / (double) labelsAll.length;
}
expectAtLeast(0.95, accuracy, "training accuracy on the moons");
System.out.printf("accuracy after 600 mini-batch steps: %.3f%n", accuracy);

// %% [markdown]
// Each point of the curve is the loss of one mini-batch: it jumps around from batch to batch, but
// its trend goes down.

// %%
batchLoss(batchLosses.stream().mapToDouble(Double::doubleValue).toArray(), 25)

// %% [markdown]
// jinn's `fit` runs exactly this loop (with shuffled batches that cover every example once per
// epoch) and records the loss of every batch:

// %%
var model = net(2).dense(16).tanh().dense(2).softmax().seed(1).build();
var history = model.fit(moons, epochs(40).batchSize(32).optimizer(sgd(0.5)).seed(1).quiet());
expectAtLeast(0.95, model.evaluate(moons).accuracy(), "accuracy of fit on the moons");
batchLoss(history).title("fit: loss per mini-batch")
