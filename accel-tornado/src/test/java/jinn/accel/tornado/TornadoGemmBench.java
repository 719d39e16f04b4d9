package jinn.accel.tornado;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import jinn.accel.Backend;
import jinn.accel.Backends;

/**
 * Square GEMM timings, tornado against cpu, for the benchmark table: median of several runs after
 * warm-up (the first tornado call of a size compiles its kernel). Not a test; run by hand:
 * {@code java @$TORNADOVM_HOME/tornado-argfile -cp ... jinn.accel.tornado.TornadoGemmBench 256 512 1024}.
 */
final class TornadoGemmBench {
    public static void main(String[] args) {
        Backend tornado = new TornadoBackend(() -> DeviceSession.open(System.getProperty("jinn.tornado.device"),
                System.getProperty("jinn.tornado.compilerFlags", "-w")), null, System.err, 0);
        Backend cpu = Backends.find("cpu");
        System.out.println("device: " + tornado.description());
        System.out.println("cpu:    " + cpu.description());
        System.out.println("   n  tornado ms  GFLOP/s   cpu ms  GFLOP/s  max |diff|");
        for (String arg : args.length == 0 ? new String[]{"128", "256", "512", "1024"} : args) {
            int n = Integer.parseInt(arg);
            Random rnd = new Random(n);
            float[] a = new float[n * n], b = new float[n * n];
            for (int i = 0; i < a.length; i++) { a[i] = rnd.nextFloat() - 0.5f; b[i] = rnd.nextFloat() - 0.5f; }
            float[] ct = new float[n * n], cc = new float[n * n];
            double tt = median(tornado, n, a, b, ct), tc = median(cpu, n, a, b, cc);
            float diff = 0;
            for (int i = 0; i < ct.length; i++) diff = Math.max(diff, Math.abs(ct[i] - cc[i]));
            double flop = 2.0 * n * n * n;
            System.out.printf(Locale.ROOT, "%4d  %10.2f  %7.2f  %7.2f  %7.2f  %.2e%n", n, tt, flop / tt / 1e6, tc, flop / tc / 1e6, diff);
        }
    }

    private static double median(Backend be, int n, float[] a, float[] b, float[] c) {
        int runs = n <= 256 ? 21 : n <= 512 ? 9 : 5;
        for (int w = 0; w < 3; w++) be.gemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        double[] ms = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            be.gemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }
}
