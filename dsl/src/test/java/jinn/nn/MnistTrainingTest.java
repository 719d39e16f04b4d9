package jinn.nn;

import jinn.data.Mnist;
import jinn.train.History;
import org.junit.jupiter.api.Test;

import static jinn.Jinn.*;
import static org.junit.jupiter.api.Assertions.*;

/** The acceptance run: the 784-256-128-10 MLP on the real MNIST files, at most 5 epochs, >= 97%. */
class MnistTrainingTest {

    @Test
    void mlpReaches97PercentWithinFiveEpochs() {
        Mnist mnist = mnist();   // finds ../shared/data/mnist through jinn.root in tests
        Net model = net(784).dense(256).relu().dense(128).relu().dense(10).softmax().seed(7).build();
        History h = model.fit(mnist.train(), epochs(5).batchSize(128).optimizer(sgd(0.1, 0.9)).seed(7)
                .validation(mnist.test()).earlyStopping(2).progress(jinn.train.ProgressBar.Mode.LINES));
        double acc = model.evaluate(mnist.test()).accuracy();
        System.out.println(h);
        assertTrue(acc >= 0.97, "test accuracy " + acc + " after " + h.epochs().size() + " epochs");
        assertTrue(h.epochs().size() <= 5);
        var cm = model.confusionMatrix(mnist.test());
        assertEquals(10_000, cm.total());
        assertEquals(acc, cm.accuracy(), 1e-9);
    }

    /** Same seeds, same weights: also across JIT warm-up, where vector math once changed the last bits. */
    @Test
    void trainingIsReproducibleWithSeeds() {
        var data = mnist().train().head(3000);
        float[] first = null;
        for (int run = 0; run < 3; run++) {
            Net n = net(784).dense(64).tanh().dense(32).sigmoid().dense(10).softmax().seed(3).build();
            n.fit(data, epochs(2).batchSize(64).optimizer(adam(0.01)).seed(3).quiet());
            float[] w = n.denseLayer(0).weight().toArray();
            if (first == null) first = w;
            else assertArrayEquals(first, w, "run " + run + " trained to different weights");
        }
    }
}
