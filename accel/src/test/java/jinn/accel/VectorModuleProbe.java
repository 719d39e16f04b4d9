package jinn.accel;

import java.util.Random;

/**
 * Run in a child JVM by {@link BackendsTest}: loads the Vector API the way jinn's launcher makes
 * possible, then prints who defined it, whether a GEMM is right, and what a warm GEMM allocates
 * (kilobytes would mean the vector code runs boxed, not intrinsified).
 */
final class VectorModuleProbe {
    public static void main(String[] args) {
        if (!VectorModule.ready()) {
            System.out.println("not loaded");
            return;
        }
        Module m = ModuleLayer.boot().findModule(VectorModule.NAME)
                .orElseGet(() -> jdk.incubator.vector.FloatVector.class.getModule());
        int n = 64;
        float[] a = new float[n * n], b = new float[n * n], c = new float[n * n], ref = new float[n * n];
        Random r = new Random(7);
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextFloat() - 0.5f;
            b[i] = r.nextFloat() - 0.5f;
        }
        CpuBackend cpu = new CpuBackend(1);
        new ScalarBackend().gemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, ref, 0, n);
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long bytes = Long.MAX_VALUE;
        // Until C2 has compiled the kernel every vector op allocates; keep going until a call does not.
        for (int round = 0; round < 400 && bytes > 1024; round++) {
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 50; i++) cpu.gemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
            bytes = (mx.getCurrentThreadAllocatedBytes() - before) / 50;
        }
        double worst = 0;
        for (int i = 0; i < c.length; i++) worst = Math.max(worst, Math.abs(c[i] - ref[i]));
        System.out.println("loader " + m.getClassLoader() + " | in boot layer " + (m.getLayer() == ModuleLayer.boot())
                + " | gemm error below 1e-4 " + (worst < 1e-4) + " | warm bytes per call below 1 KB " + (bytes <= 1024));
    }
}
