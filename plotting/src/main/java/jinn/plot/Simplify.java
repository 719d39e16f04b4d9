package jinn.plot;

import java.util.Arrays;

/**
 * Drops points that lie within a fraction of a pixel of the line through their neighbours
 * (Ramer-Douglas-Peucker). XChart strokes every segment separately, so hundreds of tiny segments show
 * as a beaded line; after this, straight stretches are one segment and curves keep their shape.
 */
final class Simplify {
  private Simplify() {}

  /** Indices of the points to keep; {@code sx}, {@code sy} scale data units to pixels. */
  static int[] keep(double[] x, double[] y, double sx, double sy, double tolerancePx) {
    int n = x.length;
    if (n < 3) return java.util.stream.IntStream.range(0, n).toArray();
    boolean[] keep = new boolean[n];
    keep[0] = keep[n - 1] = true;
    int[] stack = new int[2 * n];
    int top = 0;
    stack[top++] = 0;
    stack[top++] = n - 1;
    while (top > 0) {
      int b = stack[--top], a = stack[--top];
      double ax = x[a] * sx, ay = y[a] * sy, bx = x[b] * sx, by = y[b] * sy;
      double dx = bx - ax, dy = by - ay, len = Math.hypot(dx, dy);
      int worst = -1;
      double worstDist = tolerancePx;
      for (int i = a + 1; i < b; i++) {
        double px = x[i] * sx - ax, py = y[i] * sy - ay;
        double d = !Double.isFinite(px) || !Double.isFinite(py) ? Double.POSITIVE_INFINITY
            : len == 0 ? Math.hypot(px, py) : Math.abs(px * dy - py * dx) / len;
        if (d > worstDist) { worstDist = d; worst = i; }
      }
      if (worst >= 0) {
        keep[worst] = true;
        stack[top++] = a; stack[top++] = worst;
        stack[top++] = worst; stack[top++] = b;
      }
    }
    int[] out = new int[n];
    int k = 0;
    for (int i = 0; i < n; i++) if (keep[i]) out[k++] = i;
    return Arrays.copyOf(out, k);
  }

  static double[] pick(double[] v, int[] idx) {
    double[] out = new double[idx.length];
    for (int i = 0; i < idx.length; i++) out[i] = v[idx[i]];
    return out;
  }
}
