package jinn.accel.tornado;

import jinn.accel.Backend;
import jinn.accel.Backends;
import jinn.accel.UnaryOp;

/**
 * Run in a child JVM by {@link TornadoFallbackTest}, where TornadoVM or its devices are missing:
 * prints what the selection sees and what a call on the tornado backend computes.
 */
final class TornadoProbe {
    public static void main(String[] args) {
        for (Backend b : Backends.all()) {
            System.out.println("backend " + b.name() + " available=" + b.isAvailable() + " | " + b.description());
        }
        System.out.println("current " + Backends.current().name());
        float[] x = {-2f, 0.5f, 3f}, y = new float[3];
        new TornadoBackend().map(UnaryOp.RELU, 0, x, 0, y, 0, 3);
        new TornadoBackend().map(UnaryOp.SQUARE, 0, x, 0, y, 0, 3);
        System.out.println("square " + y[0] + " " + y[1] + " " + y[2]);
        System.out.println("devices " + new TornadoBackend().devices());
        try {
            new TornadoBackend().useDevice("0:0");
            System.out.println("useDevice ok");
        } catch (RuntimeException e) {
            System.out.println("useDevice error: " + e.getMessage());
        }
    }
}
