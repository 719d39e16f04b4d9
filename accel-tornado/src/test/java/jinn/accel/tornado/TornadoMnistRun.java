package jinn.accel.tornado;

import static jinn.Jinn.epochs;
import static jinn.Jinn.mnist;
import static jinn.Jinn.net;
import static jinn.Jinn.sgd;

import jinn.accel.Backends;
import jinn.data.Mnist;
import jinn.nn.Net;
import jinn.train.History;

/**
 * The full MNIST run on the tornado backend, recorded in accel-tornado/README.md: the dsl's
 * acceptance network and schedule (784-256-128-10, SGD 0.1 with momentum 0.9, batch 128, at most 5
 * epochs). Not a test (minutes on PoCL); run by hand with the SDK's argument file. Arguments: the
 * epochs (default 5), then {@code op-by-op} to train without the compiled step.
 */
final class TornadoMnistRun {
    public static void main(String[] args) {
        if (args.length > 1 && args[1].equals("op-by-op")) System.setProperty("jinn.compiledStep", "false");
        TornadoBackend tornado = new TornadoBackend();
        Backends.use(tornado);
        System.out.println("backend: " + tornado.description());
        long t0 = System.nanoTime();
        Mnist data = mnist();
        Net model = net(784).dense(256).relu().dense(128).relu().dense(10).softmax().seed(7).build();
        History h = model.fit(data.train(), epochs(args.length > 0 ? Integer.parseInt(args[0]) : 5).batchSize(128)
                .optimizer(sgd(0.1, 0.9)).seed(7).validation(data.test()).earlyStopping(2)
                .progress(jinn.train.ProgressBar.Mode.LINES));
        double accuracy = model.evaluate(data.test()).accuracy();
        System.out.println(h);
        System.out.printf("test accuracy %.4f after %d epochs, %.0f s; device calls: training step %d, gemm %d, map %d, zip %d, reduce %d, softmax %d, softmaxCE %d%n",
                accuracy, h.epochs().size(), (System.nanoTime() - t0) / 1e9, tornado.deviceCalls("training_step"), tornado.deviceCalls("gemm"),
                tornado.deviceCalls("map"), tornado.deviceCalls("zip"), tornado.deviceCalls("reduce"), tornado.deviceCalls("softmax"),
                tornado.deviceCalls("softmax_ce"));
    }
}
