// %% [markdown]
// # 7. The dice game, and how wide to make hidden layers
//
// "Big or small" is played with three dice under a cup. The sum runs from 3 to 18; 11 and above is
// *big*, 10 and below is *small*. That splits the sixteen possible sums into eight big and eight
// small. What does a neural network that calls the roll have to compute? Much less than its
// name suggests, and the first half of this notebook shows it. The second half makes the game a
// little harder and uses it to test a rule of thumb for sizing hidden layers.

// %% [markdown]
// ## Every roll
//
// `dice()` lists all 6 × 6 × 6 = 216 rolls with their label (0 small, 1 big). The features are the
// three pip counts. Exactly half of the rolls are big.

// %%
var rolls = dice();
expectEqual(216, rolls.size());
expectEqual(new int[] {108, 108}, rolls.classCounts());
rolls

// %%
var bySum = new LinkedHashMap<String, Integer>();
for (int s = 3; s <= 18; s++) bySum.put(String.valueOf(s), 0);
for (int i = 0; i < rolls.size(); i++) {
    float[] r = rolls.row(i);
    bySum.merge(String.valueOf((int) (r[0] + r[1] + r[2])), 1, Integer::sum);
}
expectEqual(27, bySum.get("10"));   // the two middle sums are the most likely
expectEqual(27, bySum.get("11"));
bar(bySum).title("ways to roll each sum: 3 to 10 small, 11 to 18 big").xLabel("sum").yLabel("rolls")

// %% [markdown]
// ## The network that calls the roll
//
// One neuron is enough. Give each die a weight of 1, so the weighted sum *is* the sum of the pips,
// and let the neuron fire when that sum exceeds 10.5 (bias −10.5). The roll 1, 3, 4 adds up to 8:
// small. The roll 3, 5, 6 adds up to 14: big. A "hidden layer" of three constant weights and a
// threshold: that is the whole trick, and it gets every one of the 216 rolls right.

// %%
var caller = perceptron().weights(1, 1, 1).bias(-10.5);
expectEqual(0, caller.predict(1, 3, 4));
expectEqual(1, caller.predict(3, 5, 6));
int right = 0;
for (int i = 0; i < rolls.size(); i++) {
    float[] r = rolls.row(i);
    if (caller.predict(r[0], r[1], r[2]) == rolls.label(i)) right++;
}
expectEqual(216, right);
System.out.println("1+3+4 → " + rolls.classNames().get(caller.predict(1, 3, 4))
        + ",  3+5+6 → " + rolls.classNames().get(caller.predict(3, 5, 6)) + ",  " + right + " of 216 right");

// %% [markdown]
// The classes can be split by one flat plane (sum = 10.5) in the space of the three dice, so the
// perceptron rule of notebook 1 finds such weights by itself. It ends with three equal weights, as
// it must: the game does not care which die shows what.

// %%
var learned = perceptron().maxEpochs(1000).train(rolls);
expectTrue(learned.converged(), "the perceptron to learn big or small");
float[] w = learned.weights();
expectClose(w[0], w[1], 1e-2);
expectClose(w[0], w[2], 1e-2);
System.out.printf("weights %s, bias %.2f: fires when the sum exceeds %.2f%n", Arrays.toString(w), learned.bias(),
        -learned.bias() / w[0]);

// %% [markdown]
// ## A harder game: triples lose
//
// In the casino version of the game a triple (all three dice equal) is neither big nor small: the
// house wins. Now there are three outcomes, and "all three dice equal" is not on one side of any
// plane: 2, 2, 2 is a triple, while 1, 2, 3 and 3, 2, 1 around it are not. The network needs
// hidden layers.

// %%
float[][] pips = new float[216][];
int[] outcome = new int[216];
for (int i = 0; i < 216; i++) {
    float[] r = rolls.row(i);
    pips[i] = r;
    boolean triple = r[0] == r[1] && r[1] == r[2];
    outcome[i] = triple ? 2 : rolls.label(i);
}
var casino = Dataset.of(pips, outcome, "small", "big", "triple").named("casino dice");
expectEqual(new int[] {105, 105, 6}, casino.classCounts());
casino

// %% [markdown]
// ## How wide should the hidden layers be?
//
// The seed document gives two rules of thumb for fully connected networks:
//
// 1. Let the hidden layers first **widen and then narrow**: expand the input into more features than
//    it has, then condense them towards the output.
// 2. Keep neighbouring layers within about **5×** of each other's width.
//
// The reason for the first: a layer narrower than what it receives can only pass on a summary. If
// the network narrows too early, information the later layers need is already gone, however wide
// they are. Width buys fitting power; too much of it, with too little data, buys memorisation.
//
// Let us test it on the casino game with three networks of two ReLU hidden layers each:
//
// | shape | hidden widths | idea |
// |---|---|---|
// | widen, then narrow | 15, 8 | 3 → 15 is 5×, then condense |
// | narrow first | 2, 15 | a bottleneck before the wide layer |
// | constant | 8, 8 | the same width throughout |
//
// Each trains for 150 epochs with Adam, three times with different random starts, because one run
// can be lucky or unlucky. We record the training loss per epoch.

// %%
Map<String, Function<Long, Net>> shapes = new LinkedHashMap<>();
shapes.put("widen, then narrow (15, 8)", s -> net(3).dense(15).relu().dense(8).relu().dense(3).softmax().seed(s).build());
shapes.put("narrow first (2, 15)",       s -> net(3).dense(2).relu().dense(15).relu().dense(3).softmax().seed(s).build());
shapes.put("constant (8, 8)",            s -> net(3).dense(8).relu().dense(8).relu().dense(3).softmax().seed(s).build());

int runs = 3, epochCount = 150;
var meanLoss = new LinkedHashMap<String, double[]>();
var worstAccuracy = new LinkedHashMap<String, Double>();
for (var shape : shapes.entrySet()) {
    double[] mean = new double[epochCount];
    double worst = 1;
    for (long seed = 1; seed <= runs; seed++) {
        Net n = shape.getValue().apply(seed);
        var h = n.fit(casino, epochs(epochCount).batchSize(16).optimizer(adam(0.01)).seed(seed).quiet());
        for (int e = 0; e < epochCount; e++) mean[e] += h.loss()[e] / runs;
        worst = Math.min(worst, n.evaluate(casino).accuracy());
    }
    meanLoss.put(shape.getKey(), mean);
    worstAccuracy.put(shape.getKey(), worst);
    System.out.printf("%-28s %4d parameters   final loss %.4f   worst accuracy of %d runs %.3f%n", shape.getKey(),
            shape.getValue().apply(1L).parameterCount(), mean[epochCount - 1], runs, worst);
}

// %%
lines(meanLoss).logY().title("casino dice: training loss, mean of 3 runs").xLabel("epoch").yLabel("loss (log scale)")

// %% [markdown]
// On this problem the rule of thumb holds. The network that widens first gets every roll right in
// every run and drives its loss lowest. The two-unit bottleneck has to squeeze three dice into
// two numbers before anything else happens; it learns slowest and fails in some runs. The constant
// width sits in between.

// %%
double[] finalLoss = meanLoss.values().stream().mapToDouble(l -> l[epochCount - 1]).toArray();
expectEqual(1.0, worstAccuracy.get("widen, then narrow (15, 8)"));
expectTrue(finalLoss[0] < finalLoss[1] && finalLoss[0] < finalLoss[2],
        "widen-then-narrow to end with the lowest loss, got " + Arrays.toString(finalLoss));
expectTrue(finalLoss[1] > finalLoss[2], "the bottleneck to end with the highest loss, got " + Arrays.toString(finalLoss));
expectAtMost(0.9, worstAccuracy.get("narrow first (2, 15)"), "worst accuracy of the bottleneck");

// %% [markdown]
// Rules of thumb are where to start, not laws: the best widths depend on the data and on how much
// of it there is, and the way to know is to try a few shapes and compare them on data held out from
// training, as notebook 6 does with the MNIST test set.
