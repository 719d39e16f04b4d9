// %% [markdown]
// # 1. The perceptron and logic gates
//
// A perceptron is the smallest neural network there is: one artificial neuron. It takes a few
// inputs `x1, x2, ...`, multiplies each by a weight `w1, w2, ...`, adds a bias `b`, and fires
// (outputs 1) when the sum is above zero:
//
// ```
// y = 1   if w1*x1 + w2*x2 + b > 0
// y = 0   otherwise
// ```
//
// The bias is the negative of a threshold: with `b = -0.7` the weighted inputs must add up to more
// than 0.7 before the neuron fires. Everything a perceptron "knows" is in its weights and its bias.
//
// Run this notebook with `jinn run notebooks/01-perceptron.jsh`, or export it with its outputs:
// `jinn export notebooks/01-perceptron.jsh --to html`.

// %% [markdown]
// ## Logic gates by hand
//
// Two binary inputs give four cases. With the right weights a single neuron reproduces the AND
// gate (fires only for 1, 1), the OR gate (fires unless both are 0) and the NAND gate (the opposite
// of AND). The weights below are the classic textbook choice; many others work just as well.
// We write the step rule once, as a plain Java method, and use it for all three gates.

// %%
int neuron(double x1, double x2, double w1, double w2, double b) {
    return w1 * x1 + w2 * x2 + b > 0 ? 1 : 0;
}

int[] truthTable(DoubleBinaryOperator gate) {
    double[][] inputs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    int[] out = new int[4];
    for (int i = 0; i < 4; i++) out[i] = (int) gate.applyAsDouble(inputs[i][0], inputs[i][1]);
    return out;
}

DoubleBinaryOperator AND  = (a, b) -> neuron(a, b, 0.5, 0.5, -0.7);
DoubleBinaryOperator OR   = (a, b) -> neuron(a, b, 0.5, 0.5, -0.2);
DoubleBinaryOperator NAND = (a, b) -> neuron(a, b, -0.5, -0.5, 0.7);

// %%
// inputs in the order (0,0), (0,1), (1,0), (1,1)
expectEqual(new int[] {0, 0, 0, 1}, truthTable(AND));
expectEqual(new int[] {0, 1, 1, 1}, truthTable(OR));
expectEqual(new int[] {1, 1, 1, 0}, truthTable(NAND));
System.out.println("AND: " + Arrays.toString(truthTable(AND)) + "   OR: " + Arrays.toString(truthTable(OR)) + "   NAND: " + Arrays.toString(truthTable(NAND)));

// %% [markdown]
// The three gates share the same structure and differ only in their numbers. That is the whole
// idea of learning: keep the structure, and let an algorithm find the numbers.
//
// ## Learning the weights
//
// Rosenblatt's perceptron rule starts from zero weights and walks through the examples. After each
// one it compares the output `y` with the target `t` and nudges every weight by
// `learning rate × (t − y) × input` (and the bias by `learning rate × (t − y)`). A correct answer
// changes nothing; a wrong one moves the line towards the right side. jinn's `perceptron()`
// implements exactly this rule, and its data sets `and()`, `or()` and `nand()` are the truth tables.

// %%
var learnedAnd = perceptron();
var andResult = learnedAnd.train(and());
System.out.println("AND:  " + andResult);

// %%
var orResult = perceptron().train(or());
var nandResult = perceptron().train(nand());
expectTrue(andResult.converged() && orResult.converged() && nandResult.converged(), "AND, OR and NAND to be learned");
expectClose(1.0, andResult.accuracy(), 0);
expectClose(1.0, orResult.accuracy(), 0);
expectClose(1.0, nandResult.accuracy(), 0);
System.out.println("OR:   " + orResult);
System.out.println("NAND: " + nandResult);

// %% [markdown]
// A perceptron with two inputs draws one straight line through the plane of inputs: on one side it
// outputs 1, on the other 0. For the hand-made AND gate the line is `0.5·x1 + 0.5·x2 = 0.7`; here
// it is with the four inputs coloured by their true output. Only the corner (1, 1) lies on the
// firing side. (The learned weights draw a different line that separates the corners just as well.)

// %%
double[][] corners = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
decisionBoundary((x1, x2) -> AND.applyAsDouble(x1, x2), corners, new int[] {0, 0, 0, 1})
        .xRange(-0.5, 1.5).yRange(-0.5, 1.5).title("AND: one straight line")

// %% [markdown]
// ## XOR: where one line is not enough
//
// XOR ("exclusive or") fires when exactly one input is 1: the outputs for (0,0), (0,1), (1,0), (1,1)
// are 0, 1, 1, 0. Put the four points on paper: the two 1s sit on one diagonal, the two 0s on the
// other. No straight line puts both 1s on one side and both 0s on the other. XOR is *not linearly
// separable*, so no choice of weights lets a single perceptron compute it, and the learning rule
// never settles: it keeps moving the line back and forth until it gives up.

// %%
var xorResult = perceptron().maxEpochs(100).train(xor());
expectFalse(xorResult.converged(), "a single perceptron to learn XOR");
expectAtMost(0.75, xorResult.accuracy(), "accuracy of one line on XOR");
xorResult

// %% [markdown]
// ## Stacking perceptrons
//
// A second layer fixes it. XOR is "OR, but not AND", which is the same as AND of OR and NAND:
// feed the inputs to an OR neuron and a NAND neuron, then feed their two outputs to an AND neuron.
// Each neuron still draws only a straight line, but the first layer re-maps the four points so
// that the second layer *can* separate them.

// %%
DoubleBinaryOperator XOR = (a, b) -> AND.applyAsDouble(OR.applyAsDouble(a, b), NAND.applyAsDouble(a, b));
expectEqual(new int[] {0, 1, 1, 0}, truthTable(XOR));
System.out.println("XOR = AND(OR, NAND): " + Arrays.toString(truthTable(XOR)));

// %% [markdown]
// This is a multi-layer perceptron (MLP): an input layer, a hidden layer (OR and NAND), and an
// output layer (AND). Networks with hidden layers can represent problems that are not linearly
// separable, and with more hidden units, far more complicated shapes.
//
// We picked the hidden neurons by hand. The step function has no useful slope, so nothing tells the
// weights which way to move; a smooth activation such as `tanh` or `sigmoid` does (the next
// notebooks explain why). Then gradient descent finds hidden units on its own:

// %%
var mlp = net(2).dense(8).tanh().dense(1).sigmoid().seed(3).build();
var history = mlp.fit(xor(), epochs(2000).batchSize(4).optimizer(sgd(0.5)).seed(1).quiet());
expectEqual(new int[] {0, 1, 1, 0}, mlp.predictClass(xor()));
expectClose(1.0, mlp.evaluate(xor()).accuracy(), 0);
mlp

// %%
decisionBoundary(mlp, xor()).xRange(-0.5, 1.5).yRange(-0.5, 1.5)

// %% [markdown]
// The boundary is no longer a line: the hidden layer bends it so that both 1s fall in one region.
// The loss fell steadily while the network learned:

// %%
expectTrue(history.loss()[history.loss().length - 1] < 0.1 * history.loss()[0], "the loss to fall tenfold");
plot(history.loss()).title("XOR: loss per epoch").xLabel("epoch").yLabel("loss")
