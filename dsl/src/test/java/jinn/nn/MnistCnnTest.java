package jinn.nn;

import jinn.data.Mnist;
import jinn.train.History;
import org.junit.jupiter.api.Test;

import static jinn.Jinn.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The acceptance run for convolutional networks: real MNIST, at most 5 epochs, >= 99.0% test
 * accuracy, with the issue's own network (3×3 convolutions of 32 and 64 filters, 5.3 M multiply-adds
 * an image; about 2 minutes on two cores). The LeNet-sized one it replaced (two 5×5 convolutions of 16
 * and 32 filters, a fifth of the arithmetic) sat on the line: once the convolution's weight gradient
 * summed in a fixed order, its fifth epoch ended at 98.91% (99.05% after the fourth), where this one
 * ends at 99.09% (99.19% after the fourth), on a Zen 5 with AVX-512. Batches of 64.
 */
class MnistCnnTest {

    @Test
    void cnnReaches99PercentWithinFiveEpochs() {
        Mnist mnist = mnist();   // finds ../shared/data/mnist through jinn.root in tests
        Net model = net(1, 28, 28).conv(32, 3).relu().maxPool(2).conv(64, 3).relu().maxPool(2).flatten()
                .dense(128).relu().dense(10).softmax().seed(7).build();
        System.out.println(model.summary());
        long t0 = System.nanoTime();
        History h = model.fit(mnist.train(), epochs(5).batchSize(64).optimizer(adam(0.001)).seed(7)
                .validation(mnist.test()).progress(jinn.train.ProgressBar.Mode.LINES));
        System.out.printf("fit: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        double acc = model.evaluate(mnist.test()).accuracy();
        System.out.println(h);
        assertTrue(acc >= 0.99, "test accuracy " + acc + " after " + h.epochs().size() + " epochs");
        assertTrue(h.epochs().size() <= 5);
    }
}
