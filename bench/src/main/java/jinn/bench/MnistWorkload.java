package jinn.bench;

import static jinn.Jinn.adam;
import static jinn.Jinn.epochs;
import static jinn.Jinn.net;
import static jinn.Jinn.sgd;

import java.util.Arrays;
import java.util.List;
import jinn.accel.Backends;
import jinn.accel.CpuBackend;
import jinn.data.Mnist;
import jinn.nn.Net;
import jinn.tensor.Tensor;
import jinn.train.Optimizer;

/**
 * The end-to-end workload: train the 784-256-128-10 ReLU MLP with softmax cross-entropy and
 * plain SGD (lr 0.1, batch 128) for one epoch over MNIST's 60,000 training images, then predict the
 * 10,000 test images in batches of 128. Throughput in samples per second; PyTorch runs the same in
 * torch_mnist.py. The same epoch trained with Adam (lr 0.001, fit's default) is timed beside it.
 */
final class MnistWorkload {

    /**
     * Samples per second for one training epoch and for inference, the accuracy reached, and the bytes
     * the calling thread allocated per training step (the epoch's own share included) and per
     * 128-row prediction: NaN where not measured (PyTorch).
     */
    record Result(double trainPerSecond, double inferPerSecond, double accuracy, double bytesPerStep, double bytesPerBatch) {
        /** The same with inference samples/s measured otherwise (passes taking turns with PyTorch's). */
        Result withInference(double perSecond) {
            return new Result(trainPerSecond, perSecond, accuracy, bytesPerStep, bytesPerBatch);
        }
    }

    private MnistWorkload() {}

    /**
     * Inference passes timed after each training run. One pass over the test set takes ~80 ms, short
     * enough for a slow patch of a shared core to decide a whole run; PyTorch's script does the same.
     */
    static final int INFERENCE_PASSES = 5;

    /**
     * Sets the backend to {@code threads} threads and runs the warm-up: the JIT compiles the training
     * kernels during this epoch, and the inference paths during a few passes more than a run makes.
     */
    static void warmUp(Mnist mnist, int threads) {
        Backends.use(new CpuBackend(threads));
        trainAndTest(mnist, 0, 2 * INFERENCE_PASSES);
        trainWithAdam(mnist, 0);
    }

    /** Samples per second of one training epoch with Adam (lr 0.001, what fit uses when no optimizer is named). */
    static double trainWithAdam(Mnist mnist, long seed) {
        return train(model(seed), mnist, seed, adam(0.001));
    }

    /** Samples per second of one training epoch of the model with the optimizer. */
    private static double train(Net model, Mnist mnist, long seed, Optimizer optimizer) {
        long t0 = System.nanoTime();
        model.fit(mnist.train(), epochs(1).batchSize(128).optimizer(optimizer).seed(seed).quiet().recordBatches(false));
        return mnist.train().size() / ((System.nanoTime() - t0) * 1e-9);
    }

    /**
     * One timed run: {training samples/s, inference samples/s (median of its passes), accuracy,
     * bytes per training step, bytes per prediction}.
     */
    static double[] once(Mnist mnist, long seed) {
        double[] one = trainAndTest(mnist, seed, INFERENCE_PASSES);
        return new double[] {one[0], BenchTable.median(Arrays.copyOfRange(one, 4, one.length)), one[1], one[2], one[3]};
    }

    /** The figure reported from several {@link #once} runs (or PyTorch's, laid out alike): median (or best) of each. */
    static Result of(List<double[]> runs, boolean best) {
        double[] train = runs.stream().mapToDouble(r -> r[0]).toArray();
        double[] infer = runs.stream().mapToDouble(r -> r[1]).toArray();
        double[] step = runs.stream().mapToDouble(r -> r.length > 3 ? r[3] : Double.NaN).toArray();
        double[] batch = runs.stream().mapToDouble(r -> r.length > 4 ? r[4] : Double.NaN).toArray();
        return new Result(BenchTable.pick(train, best), BenchTable.pick(infer, best), runs.get(runs.size() - 1)[2],
                BenchTable.median(step), BenchTable.median(batch));
    }

    /** The MLP, untrained (inference takes as long with any weights). */
    static Net model(long seed) {
        return net(784).dense(256).relu().dense(128).relu().dense(10).softmax().seed(seed).build();
    }

    /** {training samples/s, accuracy, bytes per step, bytes per prediction, then the samples/s of each inference pass}. */
    private static double[] trainAndTest(Mnist mnist, long seed, int inferencePasses) {
        Net model = model(seed);
        long bytes = Allocated.now();
        double trainRate = train(model, mnist, seed, sgd(0.1));
        double stepBytes = (double) (Allocated.now() - bytes) / ((mnist.train().size() + 127) / 128);

        double[] out = new double[4 + inferencePasses];
        out[0] = trainRate;
        out[2] = stepBytes;
        Tensor x = mnist.test().x();
        int[] labels = mnist.test().labels(), correct = new int[1];
        int n = labels.length;
        for (int pass = 0; pass < inferencePasses; pass++) {
            long b1 = Allocated.now();
            out[4 + pass] = pass(model, x, labels, correct);
            out[3] = (double) (Allocated.now() - b1) / ((n + 127) / 128);
            out[1] = (double) correct[0] / n;
        }
        return out;
    }

    /** One inference pass over the test images x in batches of 128; samples per second. correct[0] gets the hits. */
    static double pass(Net model, Tensor x, int[] labels, int[] correct) {
        int n = labels.length, hits = 0;
        long t0 = System.nanoTime();
        try (var g = Tensor.noGrad()) {
            for (int from = 0; from < n; from += 128) {
                int to = Math.min(n, from + 128);
                int[] predicted = model.predictClass(x.rows(from, to));
                for (int i = 0; i < predicted.length; i++) if (predicted[i] == labels[from + i]) hits++;
            }
        }
        double rate = n / ((System.nanoTime() - t0) * 1e-9);
        correct[0] = hits;
        return rate;
    }
}
