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
}
