package jinn.train;

import java.util.Random;
import jinn.accel.Backends;
import jinn.accel.CoreLoad;
import jinn.accel.CpuBackend;
import jinn.data.Dataset;
import jinn.nn.Net;
import jinn.tensor.Tensor;

/**
 * Run by {@link GarbagePerBatchTest} in a fresh JVM: keeps every core busy with other threads while
 * the MNIST MLP predicts and trains (1 thread and every core, taking turns) for {@link #LOADED_SECONDS},
 * so that C2 compiles the kernels under load, then stops the load and runs the test's two checks at each
 * thread count. Prints the checks' "garbage per ..." lines, and "FAIL " and the message for each that
 * failed, its newlines as " | ".
 */
final class GarbagePerBatchProbe {

    static final int LOADED_SECONDS = 8;

    public static void main(String[] args) throws InterruptedException {
        CoreLoad burners = new CoreLoad(Runtime.getRuntime().availableProcessors());
        System.out.println("vectors: " + Backends.current().description());
        int[] counts = GarbagePerBatchTest.threads().toArray();
        Net[] nets = new Net[counts.length];
        for (int i = 0; i < nets.length; i++) nets[i] = GarbagePerBatchTest.mlp();
        Dataset data = GarbagePerBatchTest.digits(5);
        Tensor x = Tensor.rand(new Random(4), 128, 784);
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < LOADED_SECONDS * 1_000_000_000L) {
            for (int i = 0; i < counts.length; i++) {
                Backends.use(new CpuBackend(counts[i]));
                for (int j = 0; j < 20; j++) nets[i].predictClass(x);
                GarbagePerBatchTest.fit(nets[i], data);
            }
        }
        burners.close();
        for (int threads : counts) {
            report(GarbagePerBatchTest.prediction(threads));
            report(GarbagePerBatchTest.trainingStep(threads));
        }
    }

    private static void report(String failure) {
        if (failure != null) System.out.println("FAIL " + failure.replace("\n", " | "));
    }
}
