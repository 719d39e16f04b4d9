// %% [markdown]
// # 6. Handwritten digits: MNIST
//
// MNIST is the "hello world" of neural networks: 70,000 small grey-scale pictures of handwritten
// digits, each labelled with the digit it shows. 60,000 are for training and 10,000 are kept apart
// to test the finished network on images it has never seen. Everything from the earlier notebooks
// comes together here: a multi-layer perceptron with ReLU hidden layers and a softmax output,
// cross-entropy loss, backpropagation and mini-batch SGD.
//
// jinn finds the MNIST files in `JINN_DATA`, the per-user cache, or a `shared/data/mnist` folder
// beside jinn, and downloads them (checking their SHA-256) when none is there.
//
// A good habit from the start: the test images are for the very end. While we train and compare,
// we watch a *validation* set cut from the training images (10,000 of the 60,000, the same share of
// every digit); the test set is used once, at the end, for the figure we report. Had we looked at
// the test set after every epoch and chosen by it, its figure would flatter the network.

// %%
var mnist = mnist();
var parts = mnist.train().split(1.0 / 6, 7);
var train = parts.train();
var validation = parts.test();
var test = mnist.test();
expectEqual(60_000, mnist.train().size());
expectEqual(50_000, train.size());
expectEqual(10_000, validation.size());
expectEqual(10_000, test.size());
expectEqual(784, train.featureCount());
mnist

// %% [markdown]
// ## Turning a picture into numbers
//
// Each image is 28 × 28 pixels. The network does not see a picture: it sees 784 numbers, the
// pixels read row by row, each scaled from 0 (white paper) to 1 (black ink). That is why the input
// layer has 784 units. The label is the digit 0 to 9.

// %%
float[] first = mnist.train().row(0);
double min = 1, max = 0;
for (float v : first) { min = Math.min(min, v); max = Math.max(max, v); }
expectTrue(min >= 0 && max <= 1, "pixels scaled to [0, 1], got [" + min + ", " + max + "]");
expectEqual(5, mnist.train().label(0));
// the first training image, as characters: the darker the pixel, the denser the character
var sb = new StringBuilder();
for (int r = 4; r < 24; r++) {
    for (int c = 2; c < 26; c++) sb.append(" .:-=+*#%@".charAt((int) (first[r * 28 + c] * 9.99)));
    sb.append('\n');
}
System.out.print(sb);
System.out.println("label: " + mnist.train().label(0));

// %%
digits(mnist.train(), 24).title("the first 24 training images and their labels")

// %% [markdown]
// The ten digits are about equally common, so a network that guessed at random would be right about
// 10% of the time. That is the baseline to beat.

// %%
int[] counts = mnist.train().classCounts();
expectEqual(10, counts.length);
expectTrue(Arrays.stream(counts).allMatch(c -> c > 5000 && c < 7000), "each digit to have 5,000 to 7,000 examples");
var countsByDigit = new LinkedHashMap<String, Integer>();
for (int d = 0; d < 10; d++) countsByDigit.put(String.valueOf(d), counts[d]);
bar(countsByDigit).title("training images per digit").yLabel("images")

// %% [markdown]
// ## The network
//
// 784 inputs, two hidden layers of 256 and 128 ReLU units, and 10 outputs through softmax, one
// probability per digit. The hidden layers first widen and then narrow towards the output (notebook
// 7 looks at that choice). jinn initialises the ReLU layers with He and the last one with Xavier
// (notebook 5), and picks the loss from the last layer: softmax means cross-entropy, computed together with the softmax in one
// numerically stable step.

// %%
var model = net(784).dense(256).relu().dense(128).relu().dense(10).softmax().seed(7).build();
expectEqual(784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10, model.parameterCount());
model

// %% [markdown]
// ## Training
//
// Four passes (epochs) over the 50,000 training images, in shuffled mini-batches of 128: about 390
// gradient steps per epoch. The optimizer is SGD with learning rate 0.1 and momentum 0.9: each step
// keeps 90% of the previous step's direction, which smooths the noise of the mini-batches and
// speeds up the descent. After every epoch jinn measures the loss and accuracy on the validation
// images too (`validation`), to show whether the network learns something general or only
// memorises. This cell takes a minute or two on a laptop.

// %%
var history = model.fit(train, epochs(4).batchSize(128).optimizer(sgd(0.1, 0.9)).seed(7).validation(validation));
expectEqual(4, history.epochs().size());
history

// %% [markdown]
// The loss fell on both sets, and the accuracy on the validation images, which the network never
// trained on, is close to the accuracy on the training images: it generalises.

// %%
expectTrue(history.loss()[3] < history.loss()[0], "the training loss to fall");
plot(history).title("MNIST: loss and accuracy per epoch")

// %% [markdown]
// Each epoch is hundreds of mini-batch steps. The loss of every single batch shows the noise that
// stochastic gradient descent lives with, and the trend under it:

// %%
batchLoss(history)

// %% [markdown]
// ## How good is it?
//
// Training is over, and nothing more will be changed: now, once, the test set. The final test
// accuracy is the share of the 10,000 test images whose most probable digit is the right one. It is
// close to the last validation accuracy, as it should be when the validation set did its job.

// %%
var result = model.evaluate(test);
expectAtLeast(0.97, result.accuracy(), "test accuracy");
expectClose(history.valAccuracy()[3], result.accuracy(), 0.01);
expectFinite(result.loss());
System.out.printf("test accuracy %.2f%%, test loss %.4f%n", 100 * result.accuracy(), result.loss());

// %% [markdown]
// The confusion matrix counts, for each true digit (row), which digit the network predicted
// (column). The diagonal holds the correct answers; everything off it is a mistake, and shows which
// digits get confused with which.

// %%
var cm = model.confusionMatrix(test);
expectEqual(10_000, cm.total());
expectClose(result.accuracy(), cm.accuracy(), 1e-9);
confusion(cm)

// %% [markdown]
// Some of the mistakes, captioned "true → predicted". Many of them are hard for people too.

// %%
mistakes(model, test, 24)

// %% [markdown]
// ## Asking the network about one image
//
// `predict` gives the ten probabilities for an input; the largest one is the answer.

// %%
var oneImage = test.x().rows(0, 1);
var probabilities = model.predict(oneImage);
int answer = model.predictClass(oneImage)[0];
expectClose(1.0, probabilities.sum().item(), 1e-5);
expectEqual(test.label(0), answer);
var byDigit = new LinkedHashMap<String, Double>();
for (int d = 0; d < 10; d++) byDigit.put(String.valueOf(d), (double) probabilities.get(0, d));
bar(byDigit).title("probabilities for the first test image (a " + test.label(0) + ")").yLabel("probability")

// %% [markdown]
// ## Keeping what was learned
//
// A trained network is its architecture plus its weights. `save` writes both to one file (the
// safetensors format), and `load` brings back a network that answers exactly as before.

// %%
var file = Files.createTempFile("mnist-mlp", ".safetensors");
model.save(file.toString());
var restored = load(file.toString());
expectEqual(model.predictClass(test.x().rows(0, 100)), restored.predictClass(test.x().rows(0, 100)));
Files.delete(file);
restored
