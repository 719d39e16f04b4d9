package jinn.accel.tornado;

import static jinn.Jinn.epochs;
import static jinn.Jinn.mnist;
import static jinn.Jinn.net;
import static jinn.Jinn.sgd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jinn.accel.Backend;
import jinn.accel.Backends;
import jinn.data.Dataset;
import jinn.nn.Net;

/**
 * Milliseconds per MNIST training step (784-256-128-10 ReLU, batch 128, SGD 0.1 momentum 0.9) three
 * ways: the compiled step on the TornadoVM device, the op-by-op path on the tornado backend, and the
 * CPU backend. Median over the steps after the first (which compiles). Not a test: run by hand with
 * the SDK's argument file; the argument is the number of steps (default 30). Figures in README.md.
 */
final class TornadoStepTimes {
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Dataset train = mnist().train().head(128 * steps);
        TornadoBackend tornado = new TornadoBackend();
        System.out.println("device: " + tornado.description());
        report("tornado, compiled step", tornado, train, true);
        // A second fit of the same shape reuses the compiled kernels: its first step only sends the weights.
        report("  again, same shape", tornado, train, true);
        report("tornado, op by op", tornado, train, false);
        report("cpu backend", Backends.find("cpu"), train, true);
    }

    private static void report(String what, Backend backend, Dataset train, boolean compiled) {
        Backends.use(backend);
        System.setProperty("jinn.compiledStep", Boolean.toString(compiled));
        Net model = net(784).dense(256).relu().dense(128).relu().dense(10).softmax().seed(1).build();
        List<Long> stamps = new ArrayList<>();
        long t0 = System.nanoTime();
        model.fit(train, epochs(1).batchSize(128).optimizer(sgd(0.1, 0.9)).seed(1).quiet().onBatch(b -> stamps.add(System.nanoTime())));
        double[] ms = new double[stamps.size() - 1];
        for (int i = 1; i < stamps.size(); i++) ms[i - 1] = (stamps.get(i) - stamps.get(i - 1)) / 1e6;
        Arrays.sort(ms);
        System.out.printf("%-24s %8.1f ms per step (median of %d; fastest %.1f), first step %.1f s%n", what, ms[ms.length / 2],
                ms.length, ms[0], (stamps.get(0) - t0) / 1e9);
    }
}
