// %% [markdown]
// # 3. Forward propagation with matrices
//
// A network turns an input into an output by passing signals from layer to layer: this is
// *forward propagation*. Written neuron by neuron it is a heap of sums; written with matrices it is
// one line per layer. This notebook follows a small three-layer network by hand, checks every
// intermediate result, and then builds the same network with jinn's builder.
//
// The network has 2 inputs, a first hidden layer of 3 neurons, a second hidden layer of 2 neurons
// and an output layer of 2 neurons. It has three layers of weights, so we call it a three-layer
// network (the input layer computes nothing and is usually not counted).
//
// ```
//  input        hidden 1       hidden 2      output
//  x1 ──┐      ┌─ a1 → z1 ─┐  ┌─ a1 → z1 ─┐  ┌─ y1
//       ├─ W1 ─┼─ a2 → z2 ─┼──┤           ├──┤
//  x2 ──┘      └─ a3 → z3 ─┘  └─ a2 → z2 ─┘  └─ y2
//               (sigmoid)      (sigmoid)      (identity)
// ```

// %% [markdown]
// ## One neuron, then a whole layer
//
// The first neuron of hidden layer 1 computes `a1 = x1·w11 + x2·w21 + b1`: each input times the
// weight of its connection, plus the neuron's bias. The three neurons of the layer do the same with
// their own weights, and all three sums together are one row-vector times a matrix:
//
// ```
// A1 = X · W1 + B1        X: [2]   W1: [2, 3]   B1: [3]   →   A1: [3]
// ```
//
// Row `i` of `W1` holds the weights leaving input `i`; column `j` holds the weights entering
// neuron `j`. The weights below are made up, as in the seed document; real ones come from training.

// %%
var X  = tensor(new double[] {1.0, 0.5});
var W1 = tensor(new double[][] {{0.1, 0.3, 0.5}, {0.2, 0.4, 0.6}});
var B1 = tensor(new double[] {0.1, 0.2, 0.3});

var A1 = X.matmul(W1).add(B1);
expectClose(new double[] {0.3, 0.7, 1.1}, A1, 1e-6);
A1

// %% [markdown]
// Check the first entry by hand: 1.0 × 0.1 + 0.5 × 0.2 + 0.1 = 0.3.
//
// The weighted sums then go through the activation function, here the sigmoid, to give the
// layer's output signals `Z1`. These are what the next layer sees.

// %%
var Z1 = A1.sigmoid();
expectClose(new double[] {0.57444252, 0.66818777, 0.75026011}, Z1, 1e-6);
Z1

// %% [markdown]
// ## Layer 2: the same step with other numbers
//
// Hidden layer 1 has 3 outputs and hidden layer 2 has 2 neurons, so `W2` is a 3 × 2 matrix. The
// shapes must fit: the columns of the left factor equal the rows of the right one.

// %%
var W2 = tensor(new double[][] {{0.1, 0.4}, {0.2, 0.5}, {0.3, 0.6}});
var B2 = tensor(new double[] {0.1, 0.2});

var A2 = Z1.matmul(W2).add(B2);
var Z2 = A2.sigmoid();
expectClose(new double[] {0.51615984, 1.21402696}, A2, 1e-6);
expectClose(new double[] {0.62624937, 0.77101070}, Z2, 1e-6);
Z2

// %% [markdown]
// ## The output layer
//
// The last layer uses the *identity* as its activation: it hands on its sums unchanged. That is
// the usual choice when a network predicts numbers (regression); a classifier would use softmax
// here instead (notebook 2).

// %%
var W3 = tensor(new double[][] {{0.1, 0.3}, {0.2, 0.4}});
var B3 = tensor(new double[] {0.1, 0.2});

var A3 = Z2.matmul(W3).add(B3);
var y = A3.identity();
expectClose(new double[] {0.31682708, 0.69627909}, y, 1e-6);
System.out.println("y = " + Arrays.toString(y.toArray()));

// %% [markdown]
// ## The whole pass as one function
//
// Keep the parameters together, and forward propagation is three repetitions of
// "multiply, add the bias, activate". This is the seed's `init_network` / `forward` pair in Java.

// %%
Map<String, Tensor> initNetwork() {
    return Map.of(
            "W1", tensor(new double[][] {{0.1, 0.3, 0.5}, {0.2, 0.4, 0.6}}), "b1", tensor(new double[] {0.1, 0.2, 0.3}),
            "W2", tensor(new double[][] {{0.1, 0.4}, {0.2, 0.5}, {0.3, 0.6}}), "b2", tensor(new double[] {0.1, 0.2}),
            "W3", tensor(new double[][] {{0.1, 0.3}, {0.2, 0.4}}), "b3", tensor(new double[] {0.1, 0.2}));
}

Tensor forward(Map<String, Tensor> network, Tensor x) {
    var z1 = x.matmul(network.get("W1")).add(network.get("b1")).sigmoid();
    var z2 = z1.matmul(network.get("W2")).add(network.get("b2")).sigmoid();
    return z2.matmul(network.get("W3")).add(network.get("b3")).identity();
}

// %%
var network = initNetwork();
expectClose(new double[] {0.31682708, 0.69627909}, forward(network, tensor(new double[] {1.0, 0.5})), 1e-6);
// detach(): the values only, without the record of the last operation that made them
forward(network, tensor(new double[] {1.0, 0.5})).detach()

// %% [markdown]
// A network is just a function from inputs to outputs, a smooth one because its activations are
// smooth. Holding x2 at 0.5 and sliding x1, the two outputs trace these curves; the seed's input
// x1 = 1.0 gives the values above.

// %%
plot(-6, 6, "y1", v -> forward(network, tensor(new double[] {v, 0.5})).get(0),
            "y2", v -> forward(network, tensor(new double[] {v, 0.5})).get(1))
        .title("the network's outputs as x1 varies (x2 = 0.5)").xLabel("x1")

// %% [markdown]
// ## Many inputs at once
//
// Nothing in the formulas needs `X` to be a single row. Stack N inputs as the rows of an N × 2
// matrix and the same three lines compute N outputs at once, one per row: the shapes go
// [N, 2] → [N, 3] → [N, 2] → [N, 2]. This is how networks process *batches*, and why fast matrix
// multiplication matters so much for deep learning.

// %%
var batch = tensor(new double[][] {{1.0, 0.5}, {0.0, 0.0}, {1.0, 1.0}});
var ys = forward(network, batch);
expectShape(ys, 3, 2);
expectClose(new double[] {0.31682708, 0.69627909, 0.30806853, 0.67683894, 0.31960685, 0.70245805}, ys, 1e-6);
ys

// %% [markdown]
// When the shapes do not fit, the multiplication cannot happen, and jinn says which shapes met:

// %%
String shapeError;
try {
    batch.matmul(W2);   // [3, 2] · [3, 2]: the inner sizes 2 and 3 differ
    shapeError = "no error";
} catch (IllegalArgumentException e) {
    shapeError = e.getMessage();
}
expectTrue(shapeError.contains("[3, 2]"), "the error to name the shapes: " + shapeError);
System.out.println(shapeError);

// %% [markdown]
// ## The same network with the builder
//
// jinn's builder writes the architecture as a chain of layers. `dense(n)` is a fully connected
// layer with n neurons; `weights(W, b)` sets its parameters by hand instead of at random.

// %%
var model = net(2)
        .dense(3).weights(new double[][] {{0.1, 0.3, 0.5}, {0.2, 0.4, 0.6}}, new double[] {0.1, 0.2, 0.3}).sigmoid()
        .dense(2).weights(new double[][] {{0.1, 0.4}, {0.2, 0.5}, {0.3, 0.6}}, new double[] {0.1, 0.2}).sigmoid()
        .dense(2).weights(new double[][] {{0.1, 0.3}, {0.2, 0.4}}, new double[] {0.1, 0.2}).identity()
        .build();
model

// %%
expectClose(new double[] {0.31682708, 0.69627909}, model.forward(tensor(new double[][] {{1.0, 0.5}})), 1e-6);
expectClose(ys, model.forward(batch), 1e-6);
model.forward(batch).detach()

// %% [markdown]
// The summary counts the parameters: 2 × 3 + 3 = 9 in the first layer, 3 × 2 + 2 = 8 in the second
// and 2 × 2 + 2 = 6 in the third, 23 in all. Training (notebooks 4 and 5) is the search for good
// values of these 23 numbers.

// %%
expectEqual(23, model.parameterCount());
