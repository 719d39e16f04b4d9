// %% [markdown]
// # 2. Activation functions
//
// Every neuron computes a weighted sum of its inputs plus a bias, and then passes that sum through
// an *activation function*. The activation decides what the neuron hands on to the next layer. This
// notebook draws the common ones on [-10, 10] as the seeds do (and zoomed in on [-3, 3]), looks at
// their slopes (which is what training follows), and shows why softmax must subtract the largest input before it exponentiates.

// %% [markdown]
// ## Why a network needs a non-linear activation
//
// Suppose the activation were linear, say `h(x) = c·x`. Then a layer computes `c·(x·W + b)`, and
// two such layers in a row compute `c·(c·(x·W1 + b1)·W2 + b2)`, which is again just `x·W + b` for
// some single matrix `W` and vector `b`. However many layers we stack, the network stays one
// linear map and can only draw straight lines, so it cannot learn XOR (notebook 1). A non-linear
// activation is what makes depth worth having. Let us check the collapse with numbers:

// %%
var rnd = new Random(42);
var x  = randn(rnd, 5, 3);
var W1 = randn(rnd, 3, 4);  var b1 = randn(rnd, 4);
var W2 = randn(rnd, 4, 2);  var b2 = randn(rnd, 2);

var twoLinearLayers = x.matmul(W1).add(b1).matmul(W2).add(b2);
// the same map as ONE layer: W = W1·W2, b = b1·W2 + b2
var oneLayer = x.matmul(W1.matmul(W2)).add(b1.reshape(1, 4).matmul(W2).reshape(2).add(b2));
expectClose(twoLinearLayers, oneLayer, 1e-4);

// with a non-linearity in between, no single matrix reproduces it
var withTanh = x.matmul(W1).add(b1).tanh().matmul(W2).add(b2);
expectFalse(withTanh.allClose(oneLayer, 1e-2f), "a tanh layer to collapse into one linear map");

// %% [markdown]
// ## What makes a good activation
//
// Besides being non-linear, a few properties decide how well a network with a given activation
// trains:
//
// - **Differentiable**: gradient descent follows slopes, so the function needs one (almost)
//   everywhere.
// - **Range**: a bounded output (sigmoid, tanh) keeps signals from growing without limit, which makes
//   training steadier; an unbounded one (ReLU) keeps gradients alive, but usually wants a smaller
//   learning rate.
// - **Monotonic**: a larger input never gives a smaller output, which keeps a single layer's error
//   surface simple.
// - **Centred on the origin**: if `f(0) = 0` and the slope at 0 is 1, the function behaves like the
//   identity near 0, and small random initial weights train well (tanh has this; sigmoid, with
//   `f(0) = 0.5`, does not).
//
// ## The usual suspects
//
// | name | formula | range |
// |---|---|---|
// | step | 1 if x ≥ 0, else 0 | {0, 1} |
// | sigmoid | 1 / (1 + e^(−x)) | (0, 1) |
// | tanh | (e^x − e^(−x)) / (e^x + e^(−x)) | (−1, 1) |
// | ReLU | max(0, x) | [0, ∞) |
// | leaky ReLU | max(0.1·x, x) | (−∞, ∞) |
// | identity | x | (−∞, ∞) |
//
// All of them are one method call on a jinn tensor. Here they are on a few inputs:

// %%
var xs = tensor(new double[] {-3, -1, 0, 1, 3});
System.out.println("x          " + Arrays.toString(xs.toArray()));
System.out.println("step       " + Arrays.toString(xs.step().toArray()));
System.out.println("sigmoid    " + Arrays.toString(xs.sigmoid().toArray()));
System.out.println("tanh       " + Arrays.toString(xs.tanh().toArray()));
System.out.println("relu       " + Arrays.toString(xs.relu().toArray()));
System.out.println("leaky relu " + Arrays.toString(xs.leakyRelu(0.1f).toArray()));
System.out.println("identity   " + Arrays.toString(xs.identity().toArray()));

expectClose(new double[] {0, 0, 1, 1, 1}, xs.step(), 0);
expectClose(new double[] {0.04742587, 0.26894142, 0.5, 0.73105858, 0.95257413}, xs.sigmoid(), 1e-6);
expectClose(new double[] {-0.99505475, -0.76159416, 0, 0.76159416, 0.99505475}, xs.tanh(), 1e-6);
expectClose(new double[] {0, 0, 0, 1, 3}, xs.relu(), 0);
expectClose(new double[] {-0.3, -0.1, 0, 1, 3}, xs.leakyRelu(0.1f), 1e-7);

// %% [markdown]
// The seeds' exercise: the whole family on [-10, 10], next to their derivatives, in one line. The
// derivatives come from jinn's automatic differentiation, the same machinery that trains networks.

// %%
activations(-10, 10, Activation.Kind.STEP, Activation.Kind.SIGMOID, Activation.Kind.TANH, Activation.Kind.RELU,
        Activation.Kind.LEAKY_RELU)

// %% [markdown]
// On [-10, 10] ReLU climbs to 10 and squeezes step, sigmoid and tanh into a sliver at the bottom, so
// here is the same family zoomed in on [-3, 3], with identity for comparison.

// %%
activations(-3, 3, Activation.Kind.STEP, Activation.Kind.SIGMOID, Activation.Kind.TANH, Activation.Kind.RELU,
        Activation.Kind.LEAKY_RELU, Activation.Kind.IDENTITY)

// %% [markdown]
// What the picture says:
//
// - **step** jumps from 0 to 1 and is flat everywhere else: its derivative is 0, so it gives gradient
//   descent nothing to follow. That is why perceptrons use their own learning rule, and why
//   trainable networks use smooth activations.
// - **sigmoid** is the smooth version of the step: output between 0 and 1, and a small change in the
//   input gives a small change in the output. Its slope is at most 0.25 (at 0) and nearly vanishes
//   for large |x|: the neuron *saturates*, and gradients through many sigmoid layers shrink.
// - **tanh** has the same S shape but runs from −1 to 1 and is centred on 0, which usually makes
//   hidden layers learn faster than with sigmoid. It saturates too.
// - **ReLU** passes positive inputs unchanged (slope 1, no saturation) and cuts negatives to 0. It is
//   cheap and the default for hidden layers of deep networks. A unit whose input stays negative has
//   slope 0 and stops learning: a "dead" ReLU.
// - **leaky ReLU** keeps a small slope (0.1 here) for negative inputs, so no unit dies completely.
// - **identity** hands the sum on unchanged, slope 1 everywhere: the output layer of a regression.

// %% [markdown]
// Autograd gives the same slopes the formulas give. The sigmoid's derivative is
// `σ(x)·(1 − σ(x))`, tanh's is `1 − tanh²(x)`:

// %%
var at = tensor(new double[] {-10, -2, 0, 2, 10}).requiresGrad(true);
at.sigmoid().sum().backward();
var sigmoidSlope = at.grad().toArray();
at.zeroGrad();
at.tanh().sum().backward();
var tanhSlope = at.grad().toArray();
at.zeroGrad();
at.relu().sum().backward();
var reluSlope = at.grad().toArray();
System.out.println("sigmoid' " + Arrays.toString(sigmoidSlope));
System.out.println("tanh'    " + Arrays.toString(tanhSlope));
System.out.println("relu'    " + Arrays.toString(reluSlope));

expectClose(0.25, sigmoidSlope[2], 1e-7);          // the steepest the sigmoid gets
expectClose(4.5395807e-05, sigmoidSlope[0], 1e-9); // saturated at x = -10 (and symmetrically at 10)
expectClose(1.0, tanhSlope[2], 1e-7);
expectClose(new double[] {0, 0, 0, 1, 1}, reluSlope, 0);

// %% [markdown]
// tanh is a stretched and shifted sigmoid: `tanh(x) = 2·σ(2x) − 1`. That is the formula one seed
// document uses to compute it.

// %%
var grid = arange(-10, 10, 0.1);
expectClose(grid.tanh(), grid.mul(2).sigmoid().mul(2).sub(1), 1e-6);
plot(-4, 4, "tanh(x)", Math::tanh, "sigmoid(x)", v -> 1 / (1 + Math.exp(-v)), "2·sigmoid(2x) − 1", v -> 2 / (1 + Math.exp(-2 * v)) - 1)
        .title("tanh is a rescaled sigmoid")

// %% [markdown]
// ## Softmax, and why it subtracts the maximum
//
// For classification the last layer should output probabilities: non-negative numbers that add up
// to 1. Softmax turns any vector of scores `a` into such a vector:
//
// ```
// softmax(a)_k = exp(a_k) / Σ_i exp(a_i)
// ```
//
// Larger scores get larger probabilities, the order of the scores is kept, and the results sum
// to 1. Written naively, though, it breaks on large scores: `exp(1010)` is far beyond the largest
// float (about 3.4·10^38), so it becomes infinity, and infinity divided by infinity is NaN.

// %%
var scores = tensor(new double[] {1010, 1000, 990});
var naive = scores.exp().div(scores.exp().sum());
expectTrue(Float.isNaN(naive.toArray()[0]), "the naive softmax to overflow into NaN");
naive

// %% [markdown]
// The fix is free. Multiplying the numerator and the denominator by the same constant `e^(−C)` does
// not change the fraction, and turns `exp(a_k)` into `exp(a_k − C)`. With `C = max(a)` the largest
// exponent becomes `exp(0) = 1` and nothing can overflow:

// %%
var stable = scores.sub(scores.max()).exp();
stable = stable.div(stable.sum());
expectRelative(new double[] {0.99995460, 4.5397868e-05, 2.0610600e-09}, stable, 1e-5);
expectClose(1.0, stable.sum().item(), 1e-6);
// jinn's softmax() does exactly this
expectRelative(new double[] {0.99995460, 4.5397868e-05, 2.0610600e-09}, scores.softmax(), 1e-5);
stable

// %% [markdown]
// ## Which activation where
//
// - Hidden layers: start with **ReLU**; try **leaky ReLU** if many units die; **tanh** for small
//   networks; avoid sigmoid in deep stacks (it saturates).
// - Output layer: **sigmoid** for a yes/no answer, **softmax** for one class out of many, **identity**
//   for predicting a number (regression).
//
// In jinn the activation is a layer of the builder, for example
// `net(784).dense(256).relu().dense(10).softmax()`.

// %%
var classifier = net(4).dense(8).relu().dense(3).softmax().seed(1).build();
var probabilities = classifier.predict(randn(new Random(7), 2, 4));
expectShape(probabilities, 2, 3);
expectClose(new double[] {1, 1}, probabilities.sum(1), 1e-6);
probabilities
