package jinn.bench;

import static jinn.Jinn.adam;
import static jinn.Jinn.epochs;
import static jinn.Jinn.net;

import java.util.stream.IntStream;
import jinn.data.Dataset;
import jinn.data.Mnist;
import jinn.nn.Net;
import jinn.tensor.Tensor;

/**
 * A LeNet-sized CNN (conv 16 5×5, ReLU, max-pool 2, conv 32 5×5, ReLU, max-pool 2, flatten, dense
 * 128, ReLU, dense 10, softmax; 1.1 M multiply-adds an image), trained with Adam 0.001 in batches of 64
 * over the first {@code images} training images for one epoch, then predicting the first 2,000 test
 * images in batches of 128; PyTorch runs the same in torch_cnn.py. A subset, because a whole epoch
 * takes minutes on two cores and the rate settles within a few thousand images.
 */
final class CnnWorkload {

    static final int TEST_IMAGES = 2000;

    private CnnWorkload() {}

    static Net model(long seed) {
        return net(1, 28, 28).conv(16, 5).relu().maxPool(2).conv(32, 5).relu().maxPool(2).flatten()
                .dense(128).relu().dense(10).softmax().seed(seed).build();
    }

    static Dataset first(Dataset d, int n) {
        return d.select(IntStream.range(0, Math.min(n, d.size())).toArray());
    }

    /** {training samples/s, inference samples/s, bytes allocated per training step, pool workers included}. */
    static double[] once(Mnist mnist, int images, long seed) {
        Dataset train = first(mnist.train(), images);
        Net model = model(seed);
        long bytes = Allocated.now(), t0 = System.nanoTime();
        model.fit(train, epochs(1).batchSize(64).optimizer(adam(0.001)).seed(seed).quiet().recordBatches(false));
        double seconds = (System.nanoTime() - t0) * 1e-9;
        double perStep = (double) (Allocated.now() - bytes) / ((train.size() + 63) / 64);
        Tensor x = first(mnist.test(), TEST_IMAGES).x();
        long t1 = System.nanoTime();
        try (var g = Tensor.noGrad()) {
            for (int from = 0; from < TEST_IMAGES; from += 128) model.predictClass(x.rows(from, Math.min(TEST_IMAGES, from + 128)));
        }
        double inferSeconds = (System.nanoTime() - t1) * 1e-9;
        return new double[] {train.size() / seconds, TEST_IMAGES / inferSeconds, perStep};
    }
}
