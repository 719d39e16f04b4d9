// %% [markdown]
// # 8. How networks see: convolutional networks
//
// The MLP of notebook 6 reads a digit as 784 numbers in a row. It does not know that pixel 30 sits
// just below pixel 2: shuffle the pixels (the same way in every image) and it learns just as well.
// A convolutional network instead slides small filters over the image, so the same few weights
// look for the same pattern (an edge, a curve) everywhere. That is fewer weights, and a network
// that knows an image is two-dimensional.

// %%
var mnist = mnist();
var train = mnist.train();
var test = mnist.test();
var seven = test.x().rows(0, 1).reshape(28, 28);   // the first test image, a 7
expectEqual(7, test.label(0));
digits(seven.reshape(1, 28, 28)).title("the first test image")

// %% [markdown]
// ## A filter by hand
//
// A filter is a small grid of weights. Put it on the image, multiply each weight with the pixel
// under it, add up: that is one output value. Slide it one pixel, repeat. This 3 × 3 filter
// answers strongly where the image gets darker from left to right (the left side of a stroke),
// negatively where it gets lighter, and 0 on flat paper or flat ink:

// %%
double[][] edge = {{-1, 0, 1}, {-1, 0, 1}, {-1, 0, 1}};
float[][] out = new float[26][26];
for (int y = 0; y < 26; y++)
    for (int x = 0; x < 26; x++) {
        double s = 0;
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) s += edge[i][j] * seven.get(y + i, x + j);
        out[y][x] = (float) s;
    }
// The same with the tensor op every convolution layer uses: images [n, channels, h, w], filters [f, channels, 3, 3].
var filter = tensor(new double[][][][]{{edge}});
var byOp = seven.reshape(1, 1, 28, 28).conv2d(filter, null, 1, "valid");
expectShape(byOp, 1, 1, 26, 26);
expectClose(tensor(out).reshape(1, 1, 26, 26), byOp, 1e-5);
byOp

// %% [markdown]
// Shown as images (each stretched from its smallest value, white, to its largest, black): the
// vertical edges light up, the horizontal stroke of the 7 hardly at all.

// %%
var edgeNet = net(1, 28, 28).conv(1, 3).build();
// give the layer the edge filter as its weights (a convolution layer is this op with learnt filters)
System.arraycopy(filter.toArray(), 0, ((jinn.nn.Conv2d) edgeNet.layer(0)).weight().data(), 0, 9);
expectClose(byOp, edgeNet.predict(seven.reshape(1, 784)), 1e-5);
featureMaps(edgeNet, seven, "conv2d_1")

// %% [markdown]
// ## Padding and stride: what they do to shapes
//
// A 3 × 3 filter fits 26 times across 28 pixels: "valid" padding (none) shrinks the image by
// kernel − 1. "same" padding adds a border of zeros so the output keeps the input's size. A stride
// of 2 moves the filter two pixels at a time and halves the size.

// %%
var img = seven.reshape(1, 1, 28, 28);
var k3 = tensor(new double[][][][]{{edge}});
expectShape(img.conv2d(k3, null, 1, "valid"), 1, 1, 26, 26);
expectShape(img.conv2d(k3, null, 1, "same"), 1, 1, 28, 28);
expectShape(img.conv2d(k3, null, 2, "same"), 1, 1, 14, 14);
expectShape(img.conv2d(k3, null, 2, "valid"), 1, 1, 13, 13);
expectShape(img.conv2d(k3, null, 1, 2), 1, 1, 30, 30);          // 2 pixels of zeros on every side
// the rule: out = (in + padding before + padding after − kernel) / stride + 1, rounded down
expectEqual((28 + 0 - 3) / 2 + 1, 13);
System.out.println("valid 26×26, same 28×28, same stride 2 14×14, valid stride 2 13×13, padding 2 30×30");

// %% [markdown]
// ## Pooling
//
// Max pooling keeps the largest value of each 2 × 2 block: the image halves in each direction,
// and a feature that moved by a pixel still gives the same answer. Average pooling keeps the mean.

// %%
var block = tensor(new double[][]{{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}, {13, 14, 15, 16}}).reshape(1, 1, 4, 4);
expectClose(new double[]{6, 8, 14, 16}, block.maxPool2d(2, 2), 0);
expectClose(new double[]{3.5, 5.5, 11.5, 13.5}, block.avgPool2d(2, 2), 0);
var pooled = img.maxPool2d(2, 2);
expectShape(pooled, 1, 1, 14, 14);
digits(pooled.reshape(1, 14, 14)).title("the 7 max-pooled to 14 × 14")

// %% [markdown]
// ## A convolutional network
//
// Two rounds of convolution, ReLU and pooling find edges, then shapes made of edges; a dense layer
// on top decides the digit. `net(1, 28, 28)` declares images of one channel (grey) and 28 × 28
// pixels; the data set's rows of 784 pixels are viewed as such images without copying. The table
// shows each layer's output shape and its number of weights: the two convolutions together have
// fewer weights than the first dense layer of notebook 6.

// %%
var cnn = net(1, 28, 28).conv(16, 5).relu().maxPool(2).conv(32, 5).relu().maxPool(2).flatten()
        .dense(128).relu().dense(10).softmax().seed(7).build();
var mlp = net(784).dense(256).relu().dense(128).relu().dense(10).softmax().seed(7).build();
expectEqual(80_202, cnn.parameterCount());
expectEqual(235_146, mlp.parameterCount());
expectShape(cnn.predict(test.x().rows(0, 2)), 2, 10);
cnn

// %% [markdown]
// ## Training both for one epoch
//
// The same 30,000 training images, optimizer (Adam) and batches for both. The CNN does about five
// times the arithmetic per image of the MLP (every filter visits every position), so it takes
// longer per epoch; about a minute here.

// %%
var half = train.head(30_000);
long t0 = System.nanoTime();
var mlpHistory = mlp.fit(half, epochs(1).batchSize(64).optimizer(adam(0.001)).seed(7).quiet());
double mlpSeconds = (System.nanoTime() - t0) / 1e9;
t0 = System.nanoTime();
var cnnHistory = cnn.fit(half, epochs(1).batchSize(64).optimizer(adam(0.001)).seed(7));
double cnnSeconds = (System.nanoTime() - t0) / 1e9;
var mlpResult = mlp.evaluate(test);
var cnnResult = cnn.evaluate(test);
System.out.printf("MLP: %,d weights, %.1f s, test accuracy %.2f%%%n", mlp.parameterCount(), mlpSeconds, 100 * mlpResult.accuracy());
System.out.printf("CNN: %,d weights, %.1f s, test accuracy %.2f%%%n", cnn.parameterCount(), cnnSeconds, 100 * cnnResult.accuracy());
expectAtLeast(0.96, cnnResult.accuracy(), "CNN test accuracy after one epoch on 30,000 images");
expectTrue(cnnResult.accuracy() > mlpResult.accuracy(), "the CNN to beat the MLP after one epoch, with a third of its weights");

// %% [markdown]
// ## What the network learnt
//
// The 16 filters of the first layer, learnt from the data rather than written by hand; several
// look like the edge filter above, at different angles.

// %%
filters(cnn, "conv2d_1")

// %% [markdown]
// What they make of the 7: sixteen feature maps, each a different view of the strokes.

// %%
featureMaps(cnn, seven, "conv2d_1")

// %% [markdown]
// The distribution of each ReLU layer's outputs over 256 test images:

// %%
histograms(cnn, test.x().rows(0, 256))

// %% [markdown]
// And the CNN's mistakes, captioned "true → predicted":

// %%
mistakes(cnn, test, 16)
