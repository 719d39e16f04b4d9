// %% [markdown]
// # 5. Backpropagation and weight initialisation
//
// Notebook 4 trained networks by following the gradient of the loss. With hundreds of thousands of
// weights, finite differences are far too slow to get that gradient; *backpropagation* gets all of
// it in one backward sweep through the network, at about the cost of one forward pass. This
// notebook builds it up from the chain rule, checks it against finite differences, and then looks
// at where training starts: the initial weights, and why they must not all be zero.

// %% [markdown]
// ## The chain rule on a tiny computation
//
// Take one neuron with a squared-error loss: `z = w·x + b`, `y = σ(z)`, `L = (y − t)²`. Forward, we
// compute z, then y, then L. Backward, the chain rule multiplies the local slopes along the path:
//
// ```
// dL/dy = 2(y − t)
// dL/dz = dL/dy · σ(z)(1 − σ(z))          (the sigmoid's slope, notebook 2)
// dL/dw = dL/dz · x        dL/db = dL/dz · 1
// ```
//
// Each step only needs the slope of one simple operation and the gradient that arrived from above.
// That is all backpropagation is: the chain rule, applied from the loss back to every weight.

// %%
double w = 0.8, b = -0.2, x = 1.5, target = 1.0;
double z = w * x + b, y = 1 / (1 + Math.exp(-z)), L = (y - target) * (y - target);
double dLdy = 2 * (y - target);
double dLdz = dLdy * y * (1 - y);
double dLdw = dLdz * x, dLdb = dLdz;
System.out.printf("forward:  z = %.4f  y = %.4f  L = %.6f%n", z, y, L);
System.out.printf("backward: dL/dw = %.6f  dL/db = %.6f%n", dLdw, dLdb);

// %% [markdown]
// jinn's tensors record every operation on the way forward and replay the chain rule backwards when
// `backward()` is called. They give the same two numbers:

// %%
var wt = tensor(new double[] {0.8}).requiresGrad(true);
var bt = tensor(new double[] {-0.2}).requiresGrad(true);
var loss = wt.mul(1.5f).add(bt).sigmoid().sub(1f).square().sum();
loss.backward();
expectClose(dLdw, wt.grad().item(), 1e-6);
expectClose(dLdb, bt.grad().item(), 1e-6);
System.out.printf("autograd: dL/dw = %.6f  dL/db = %.6f%n", wt.grad().item(), bt.grad().item());

// %% [markdown]
// ## Backward through a dense layer
//
// A dense layer computes `Y = X·W + B` for a batch X of shape [N, in]. If `G = dL/dY` is the gradient
// arriving from the layers above (shape [N, out]), the chain rule in matrix form gives
//
// ```
// dL/dX = G · Wᵀ         [N, out]·[out, in]  = [N, in]    (passed on to the layer below)
// dL/dW = Xᵀ · G         [in, N]·[N, out]    = [in, out]  (same shape as W)
// dL/dB = Σ over rows of G                   = [out]
// ```
//
// The shapes tell you which way round the products go. Here they are, checked against autograd:

// %%
var rnd = new Random(3);
var X = randn(rnd, 4, 3).requiresGrad(true);
var W = randn(rnd, 3, 2).requiresGrad(true);
var B = randn(rnd, 2).requiresGrad(true);
var G = randn(rnd, 4, 2);                          // pretend this came from above
X.matmul(W).add(B).mul(G).sum().backward();        // a loss whose dL/dY is exactly G

expectClose(G.matmul(W.T()), X.grad(), 1e-5);
expectClose(X.T().matmul(G), W.grad(), 1e-5);
expectClose(G.sum(0), B.grad(), 1e-5);
W.grad()

// %% [markdown]
// ## Checking backpropagation with finite differences
//
// Backpropagation is fast but easy to get wrong; finite differences are slow but hard to get wrong.
// So we use the slow one to check the fast one: nudge every weight up and down by ε, measure how
// the loss changes, and compare with the gradient from `backward()`. jinn's `GradientCheck` does
// this for every value of every tensor and reports the worst relative disagreement.
//
// A small two-layer network, its loss on a batch of 8 examples, and all four parameter tensors:

// %%
var xs = randn(rnd, 8, 3);
int[] ys = {0, 1, 2, 1, 0, 2, 2, 1};
var W1 = randn(rnd, 3, 5).mul(0.5f).requiresGrad(true);
var b1 = randn(rnd, 5).mul(0.1f).requiresGrad(true);
var W2 = randn(rnd, 5, 3).mul(0.5f).requiresGrad(true);
var b2 = randn(rnd, 3).mul(0.1f).requiresGrad(true);

var check = GradientCheck.check(p -> xs.matmul(p[0]).add(p[1]).sigmoid().matmul(p[2]).add(p[3]).softmaxCrossEntropy(ys),
        1e-2, W1, b1, W2, b2);
// float32 and ε = 0.01 leave agreement to about 3 decimal places; a wrong gradient is off by far more
expectAtMost(2e-3, check.maxError(), "worst relative error between backprop and finite differences");
check

// %% [markdown]
// The same check runs on a network made with the builder, through its real layers:

// %%
var small = net(3).dense(6).tanh().dense(3).softmax().seed(5).build();
var netCheck = GradientCheck.check(p -> small.forward(xs, true, true).softmaxCrossEntropy(ys), 1e-2,
        small.parameters().toArray(new Tensor[0]));
expectAtMost(2e-3, netCheck.maxError(), "worst relative error for the built network");
netCheck

// %% [markdown]
// ## Where training starts: weight initialisation
//
// Gradient descent needs a starting point. The obvious one, all weights zero, is a trap. If every
// weight into the hidden layer is equal, every hidden unit computes the same value on the way
// forward, receives the same gradient on the way back, and changes by the same amount. They started
// equal, so they stay equal: the layer behaves like a single unit, however many units it has.
//
// Let us train the same network twice on the two moons (notebook 4), once from zero weights and
// once from jinn's default, Xavier initialisation, and record the incoming weights of the four hidden
// units after every epoch.

// %%
var moons = moons(400, 0.1, 7);

record Trained(Net net, List<double[]> weightsPerEpoch) {}

Trained train(NetBuilder recipe) {
    var net = recipe.build();
    var trace = new ArrayList<double[]>();
    net.fit(moons, epochs(60).batchSize(16).optimizer(sgd(1.0)).seed(1).quiet()
            .onEpoch(e -> trace.add(toDouble(net.denseLayer(0).weights()[0]))));
    return new Trained(net, trace);
}

double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) d[i] = f[i];
    return d;
}

var zeros = train(net(2).dense(4).init(zerosInit()).sigmoid().dense(2).init(zerosInit()).softmax().seed(1));
var xavier = train(net(2).dense(4).init(xavier()).sigmoid().dense(2).softmax().seed(1));

// %% [markdown]
// After 60 epochs every column of the zero-initialised first layer, one column per hidden unit, is
// still identical to the others:

// %%
float[][] W1zeros = zeros.net().denseLayer(0).weights();
for (float[] row : W1zeros) {
    for (int j = 1; j < row.length; j++) expectClose(row[0], row[j], 1e-6);
}
float[][] W1xavier = xavier.net().denseLayer(0).weights();
expectTrue(Math.abs(W1xavier[0][0] - W1xavier[0][1]) > 1e-3, "Xavier-initialised hidden units to differ");
System.out.println("zero init, weights from x1: " + Arrays.toString(W1zeros[0]));
System.out.println("Xavier,    weights from x1: " + Arrays.toString(W1xavier[0]));

// %% [markdown]
// The same story as a picture: the weight from input x1 into each hidden unit, epoch by epoch. From
// zero, the four lines lie exactly on top of each other (only one is visible). From Xavier, each
// unit finds its own role.

// %%
Map<String, double[]> perUnit(List<double[]> trace) {
    var series = new LinkedHashMap<String, double[]>();
    for (int unit = 0; unit < 4; unit++) {
        int u = unit;
        series.put("hidden unit " + (u + 1), trace.stream().mapToDouble(r -> r[u]).toArray());
    }
    return series;
}
lines(perUnit(zeros.weightsPerEpoch())).title("zero initialisation: all hidden units move together")
        .xLabel("epoch").yLabel("weight from x1")

// %%
lines(perUnit(xavier.weightsPerEpoch())).title("Xavier initialisation: each hidden unit learns its own weight")
        .xLabel("epoch").yLabel("weight from x1")

// %% [markdown]
// Four identical units are no better than one, and one sigmoid unit can only draw a straight line
// through the moons. The symmetric network is stuck well below the other:

// %%
double zeroAccuracy = zeros.net().evaluate(moons).accuracy();
double xavierAccuracy = xavier.net().evaluate(moons).accuracy();
expectAtMost(0.92, zeroAccuracy, "accuracy of the zero-initialised network");
expectAtLeast(0.95, xavierAccuracy, "accuracy of the Xavier-initialised network");
System.out.printf("accuracy: zero init %.3f, Xavier %.3f%n", zeroAccuracy, xavierAccuracy);

// %%
decisionBoundary(zeros.net(), moons).title("zero initialisation: one line")

// %%
decisionBoundary(xavier.net(), moons).title("Xavier initialisation: a curve")

// %% [markdown]
// ## How large should random weights be?
//
// Random weights break the symmetry, but their size matters too. Feed 1,000 random inputs through
// five sigmoid layers of 100 units and look at what each layer outputs:
//
// - With standard deviation 1 the weighted sums are large, so half the sigmoids sit near 0 or 1, where
//   their slope vanishes: the gradient dies on its way back.
// - With standard deviation 0.01 every unit outputs almost exactly 0.5: the units are nearly
//   identical again, and the network has lost its expressive power.
// - *Xavier* initialisation scales the weights by `1/√n` for n inputs, so the spread of the signal
//   stays about the same from layer to layer. For ReLU, which zeroes half its inputs, *He*
//   initialisation uses `√(2/n)` instead.

// %%
var inputs = randn(new Random(11), 1000, 100);

Net fiveSigmoidLayers(Init init) {
    var b = net(100);
    for (int i = 0; i < 5; i++) b = b.dense(100).init(init).sigmoid();
    return b.seed(1).build();
}

double saturated(Tensor t) {   // share of outputs within 0.02 of 0 or 1
    float[] v = t.toArray();
    return IntStream.range(0, v.length).filter(i -> v[i] < 0.02 || v[i] > 0.98).count() / (double) v.length;
}

double spread(Tensor t) {      // standard deviation of the outputs
    float[] v = t.toArray();
    double mean = 0, sq = 0;
    for (float f : v) mean += f;
    mean /= v.length;
    for (float f : v) sq += (f - mean) * (f - mean);
    return Math.sqrt(sq / v.length);
}

var large = fiveSigmoidLayers(normal(1));
var tiny = fiveSigmoidLayers(normal(0.01));
var scaled = fiveSigmoidLayers(xavier());
Tensor last(Net n) { return n.activations(inputs).get("sigmoid_5"); }

expectAtLeast(0.4, saturated(last(large)), "share of saturated outputs with σ = 1");
expectAtMost(0.02, spread(last(tiny)), "spread of the outputs with σ = 0.01");
expectAtLeast(0.05, spread(last(scaled)), "spread of the outputs with Xavier");
expectAtMost(0.05, saturated(last(scaled)), "share of saturated outputs with Xavier");
System.out.printf("layer 5: σ = 1 saturated %.0f%%;  σ = 0.01 spread %.4f;  Xavier spread %.3f, saturated %.1f%%%n",
        100 * saturated(last(large)), spread(last(tiny)), spread(last(scaled)), 100 * saturated(last(scaled)));

// %%
histograms(large, inputs).title("weights with σ = 1: outputs pile up at 0 and 1")

// %%
histograms(tiny, inputs).title("weights with σ = 0.01: every output is about 0.5")

// %%
histograms(scaled, inputs).title("Xavier: outputs keep their spread, layer after layer")

// %% [markdown]
// By default jinn initialises a dense layer followed by ReLU with He and every other dense layer
// with Xavier (the network summaries show which). `init(...)` on a layer overrides it; use
// `init(zerosInit())` only to see, as here, why not to.
