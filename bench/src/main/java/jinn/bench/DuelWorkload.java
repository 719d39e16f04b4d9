package jinn.bench;

import static jinn.Jinn.adam;
import static jinn.Jinn.epochs;
import static jinn.Jinn.net;
import static jinn.Jinn.sgd;

import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;
import jinn.accel.Backend;
import jinn.accel.Backends;
import jinn.accel.CpuBackend;
import jinn.data.Dataset;
import jinn.nn.Net;
import jinn.tensor.Tensor;

/**
 * One workload of a {@link Duel}, made once per build under comparison, each in its own class
 * loader: only {@link DoubleSupplier} crosses between them. Each call times one round and returns
 * its rate: GFLOP/s for "NN:128x256x784"-style GEMM specs, samples/s for "infer" (the MNIST MLP
 * predicting 10,000 random images in batches of 128), "train" (one epoch of it over 12,800 with
 * SGD), "train-adam" (the same with the default optimizer, Adam), "cnn-train" (the bench's
 * LeNet-sized CNN, one epoch over 1,280 random images in batches of 64 with Adam, as
 * {@link CnnWorkload}) and "cnn-infer" (it predicting 2,000 in batches of 128).
 */
public final class DuelWorkload implements DoubleSupplier {

    private static final int FEATURES = 784, CLASSES = 10;

    private final DoubleSupplier round;

    public DuelWorkload(String spec, int threads) {
        Backend cpu = new CpuBackend(threads);
        Backends.use(cpu);
        round = switch (spec) {
            case "infer" -> infer();
            case "train" -> train(true);
            case "train-adam" -> train(false);
            case "cnn-train" -> cnnTrain();
            case "cnn-infer" -> cnnInfer();
            default -> gemm(cpu, GemmShape.parse(spec));
        };
    }

    @Override
    public double getAsDouble() {
        return round.getAsDouble();
    }

    private static Net mlp() {
        return net(FEATURES).dense(256).relu().dense(128).relu().dense(CLASSES).softmax().seed(1).build();
    }

    private static DoubleSupplier infer() {
        Net mlp = mlp();
        int rows = 10_000;
        Tensor x = Tensor.rand(new Random(4), rows, FEATURES);
        return () -> {
            long t0 = System.nanoTime();
            try (var g = Tensor.noGrad()) {
                for (int from = 0; from < rows; from += 128) mlp.predictClass(x.rows(from, Math.min(rows, from + 128)));
            }
            return rows / ((System.nanoTime() - t0) * 1e-9);
        };
    }

    /** One epoch with sgd(0.1), or with no optimizer named (Adam, the default) when not {@code sgd}. */
    private static DoubleSupplier train(boolean sgd) {
        Net mlp = mlp();
        int rows = 12_800;
        Dataset data = randomDigits(rows, 3);
        return () -> {
            long t0 = System.nanoTime();
            var fit = epochs(1).batchSize(128).seed(1).quiet().recordBatches(false);
            mlp.fit(data, sgd ? fit.optimizer(sgd(0.1)) : fit);
            return rows / ((System.nanoTime() - t0) * 1e-9);
        };
    }

    private static Dataset randomDigits(int rows, long seed) {
        Random r = new Random(seed);
        float[] x = new float[rows * FEATURES];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
        int[] y = IntStream.range(0, rows).map(i -> i % CLASSES).toArray();
        return Dataset.classification("random digits", x, rows, FEATURES, y,
                IntStream.range(0, CLASSES).mapToObj(Integer::toString).toList());
    }

    private static DoubleSupplier cnnTrain() {
        Net cnn = CnnWorkload.model(1);
        Dataset data = randomDigits(1_280, 3);
        return () -> {
            long t0 = System.nanoTime();
            cnn.fit(data, epochs(1).batchSize(64).optimizer(adam(0.001)).seed(1).quiet().recordBatches(false));
            return data.size() / ((System.nanoTime() - t0) * 1e-9);
        };
    }

    private static DoubleSupplier cnnInfer() {
        Net cnn = CnnWorkload.model(1);
        Tensor x = randomDigits(CnnWorkload.TEST_IMAGES, 4).x();
        return () -> {
            long t0 = System.nanoTime();
            try (var g = Tensor.noGrad()) {
                for (int from = 0; from < x.shape()[0]; from += 128) cnn.predictClass(x.rows(from, Math.min(x.shape()[0], from + 128)));
            }
            return x.shape()[0] / ((System.nanoTime() - t0) * 1e-9);
        };
    }

    /** Calls repeated to ~20 ms a round, as BenchTable times its rows. */
    private static DoubleSupplier gemm(Backend cpu, GemmShape s) {
        float[][] o = s.operands(1);
        Runnable call = () -> cpu.gemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), 1f, o[0], 0, s.lda(), o[1], 0, s.ldb(), 0f, o[2], 0, s.n());
        int reps = (int) Math.max(1, 20e6 / (s.flops() / 50));  // ~20 ms at 50 GFLOP/s
        return () -> {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) call.run();
            return s.flops() * reps / (System.nanoTime() - t0);
        };
    }
}
