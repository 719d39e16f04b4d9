package jinn.bench;

import java.util.concurrent.TimeUnit;
import jinn.accel.CpuBackend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: jinn's CPU GEMM against OpenBLAS at the shapes training uses. Run with
 * {@code bin/bench jmh} (add {@code -rf json -rff gemm.json} to keep the results).
 * Shapes are "NN:MxNxK" (first letter transA, second transB).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class GemmBench {

    @Param({"NN:128x256x784", "TN:784x256x128", "NT:128x784x256", "NN:128x128x256", "TN:256x128x128",
            "NT:128x256x128", "NN:256x256x256", "NN:1024x1024x1024"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private GemmShape s;
    private float[] a, b, c;
    private CpuBackend jinn;
    private OpenBlas blas;

    @Setup(Level.Trial)
    public void setUp() {
        s = GemmShape.parse(shape);
        float[][] ops = s.operands(42);
        a = ops[0];
        b = ops[1];
        c = ops[2];
        jinn = new CpuBackend(threads);
        OpenBlas.threads(threads);
        blas = new OpenBlas(s, a, b, c);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        blas.close();
    }

    @Benchmark
    public float[] jinn() {
        jinn.gemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), 1f, a, 0, s.lda(), b, 0, s.ldb(), 0f, c, 0, s.n());
        return c;
    }

    @Benchmark
    public void openblas() {
        blas.run();
    }
}
