package jinn.plot;

import jinn.nn.Net;
import jinn.tensor.Tensor;

/** Runs a 2-input network over a grid of points in batches, for its decision regions. */
final class NetClassifier implements ClassField.Batch {
  /** Rows per forward pass: a 600 x 400 plot is 240,000 points; batches keep the hidden layers small. */
  private static final int CHUNK = 16_384;
  private final Net net;

  NetClassifier(Net net) { this.net = net; }

  @Override public void classify(double[] xs, double[] ys, int[] classes, double[] confidence) {
    for (int start = 0; start < xs.length; start += CHUNK) {
      int n = Math.min(CHUNK, xs.length - start);
      float[] in = new float[2 * n];
      for (int i = 0; i < n; i++) {
        in[2 * i] = (float) xs[start + i];
        in[2 * i + 1] = (float) ys[start + i];
      }
      Tensor out = net.predict(Tensor.of(in, n, 2));
      int width = out.shape()[out.rank() - 1];
      float[] p = out.toArray();
      for (int i = 0; i < n; i++) {
        if (width == 1) {
          classes[start + i] = p[i] >= 0.5f ? 1 : 0;
          confidence[start + i] = Math.min(1, Math.abs(p[i] - 0.5) * 2);
        } else {
          int best = 0;
          for (int k = 1; k < width; k++) if (p[i * width + k] > p[i * width + best]) best = k;
          classes[start + i] = best;
          // how far the winner is above a uniform guess: 0 on a boundary, 1 when certain
          confidence[start + i] = Math.max(0, (p[i * width + best] - 1.0 / width) / (1 - 1.0 / width));
        }
      }
    }
  }
}
