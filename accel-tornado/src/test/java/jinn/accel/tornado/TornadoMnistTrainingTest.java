package jinn.accel.tornado;

import static jinn.Jinn.epochs;
import static jinn.Jinn.mnist;
import static jinn.Jinn.net;
import static jinn.Jinn.sgd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import jinn.accel.Backend;
import jinn.accel.Backends;
import jinn.data.Mnist;
import jinn.nn.Net;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dsl's training loop on the tornado backend, both ways: whole steps compiled once with the
 * weights on the device (what fit uses for such an MLP), and op by op with the default split of work
 * (GEMMs on the device, small elementwise calls on the CPU). One short epoch on 6000 real MNIST
 * digits each, because PoCL on two cores is slow; the full run is recorded in accel-tornado/README.md.
 */
class TornadoMnistTrainingTest {

    private Backend before;

    @AfterEach
    void restore() {
        System.clearProperty("jinn.compiledStep");
        if (before != null) Backends.use(before);
    }

    @Test
    void mlpLearnsDigitsInCompiledStepsWithItsWeightsOnTheDevice() {
        ByteArrayOutputStream notices = new ByteArrayOutputStream();
        TornadoBackend tornado = new TornadoBackend(() -> DeviceSession.open(null, "-w"), null,
                new PrintStream(notices, true), TornadoBackend.DEFAULT_MIN_WORK);
        before = Backends.current();
        Backends.use(tornado);

        Mnist data = mnist();
        Net model = net(784).dense(128).relu().dense(10).softmax().seed(7).build();
        model.fit(data.train().head(6000), epochs(1).batchSize(64).optimizer(sgd(0.1, 0.9)).seed(7).quiet());
        double accuracy = model.evaluate(data.test().head(2000)).accuracy();

        assertEquals("", notices.toString(), "no fallback notices");
        assertEquals(94, tornado.deviceCalls("training_step"), "one compiled step per batch (6000 / 64, rounded up)");
        assertTrue(accuracy >= 0.85, "test accuracy after one epoch on 6000 digits, read from the weights synced back: " + accuracy);
    }

    @Test
    void mlpLearnsDigitsWithItsGemmsOnTheDevice() {
        System.setProperty("jinn.compiledStep", "false");
        ByteArrayOutputStream notices = new ByteArrayOutputStream();
        TornadoBackend tornado = new TornadoBackend(() -> DeviceSession.open(null, "-w"), null,
                new PrintStream(notices, true), TornadoBackend.DEFAULT_MIN_WORK);
        before = Backends.current();
        Backends.use(tornado);

        Mnist data = mnist();
        Net model = net(784).dense(128).relu().dense(10).softmax().seed(7).build();
        model.fit(data.train().head(6000), epochs(1).batchSize(64).optimizer(sgd(0.1, 0.9)).seed(7).quiet());
        double accuracy = model.evaluate(data.test().head(2000)).accuracy();

        assertEquals("", notices.toString(), "no fallback notices");
        long gemms = tornado.deviceCalls("gemm");
        // 94 steps, each with at least the forward and the weight-gradient products of the first layer and the forward of the second.
        assertTrue(gemms >= 94 * 3, "GEMMs on the device: " + gemms);
        assertTrue(accuracy >= 0.85, "test accuracy after one epoch on 6000 digits: " + accuracy);
    }

    @Test
    void cnnTrainsOnTheDeviceAsOnTheCpu() {
        // Below the default 32,768 so that the second convolution's col2im (9 images of 8 × 12 × 12 a chunk) goes too.
        ByteArrayOutputStream notices = new ByteArrayOutputStream();
        TornadoBackend tornado = new TornadoBackend(() -> DeviceSession.open(null, "-w"), null, new PrintStream(notices, true), 8192);
        before = Backends.current();
        Mnist data = mnist();
        double[] cpu = cnnLossAndAccuracy(data);
        Backends.use(tornado);
        double[] device = cnnLossAndAccuracy(data);

        assertEquals("", notices.toString(), "no fallback notices");
        assertTrue(tornado.deviceCalls("im2col") >= 2 * 32, "im2col on the device: " + tornado.deviceCalls("im2col"));
        assertTrue(tornado.deviceCalls("col2im") >= 32, "col2im on the device: " + tornado.deviceCalls("col2im"));
        assertTrue(tornado.deviceCalls("gemm") >= 32 * 3, "GEMMs on the device: " + tornado.deviceCalls("gemm"));
        // The device's GEMMs sum in another order than the CPU's: the same training, not the same bits.
        assertEquals(cpu[0], device[0], 0.01 * cpu[0], "last epoch's mean loss, cpu then device");
        assertEquals(cpu[1], device[1], 0.02, "test accuracy, cpu then device");
        assertTrue(device[1] >= 0.80, "test accuracy after 2 epochs on 2000 digits: " + device[1]);
    }

    /** {mean loss of the last epoch, test accuracy} of a small CNN trained 2 epochs on 2000 digits with SGD and momentum. */
    private static double[] cnnLossAndAccuracy(Mnist data) {
        Net model = net(1, 28, 28).conv(8, 5).relu().maxPool(2).conv(16, 3).relu().maxPool(2).flatten().dense(10).softmax().seed(7).build();
        var history = model.fit(data.train().head(2000), epochs(2).batchSize(64).optimizer(sgd(0.05, 0.9)).seed(7).quiet());
        return new double[] {history.epochs().get(1).loss(), model.evaluate(data.test().head(1000)).accuracy()};
    }
}
