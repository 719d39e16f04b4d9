package jinn.plot;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The first few MNIST test digits, read straight from the shared IDX files (no dsl needed). */
final class MnistSample {
  final float[][] images;
  final int[] labels;

  private MnistSample(float[][] images, int[] labels) {
    this.images = images;
    this.labels = labels;
  }

  static Path dir() {
    String root = System.getProperty("jinn.root", "..");
    return Path.of(root).resolve("../shared/data/mnist").normalize();
  }

  static MnistSample first(int n) throws IOException {
    Path images = dir().resolve("t10k-images-idx3-ubyte.gz");
    Path labels = dir().resolve("t10k-labels-idx1-ubyte.gz");
    if (!Files.exists(images) || !Files.exists(labels)) {
      throw new IllegalStateException("MNIST test files expected in " + dir() + " (jinn.root="
          + System.getProperty("jinn.root") + "), not found");
    }
    float[][] px = new float[n][784];
    int[] lab = new int[n];
    try (DataInputStream in = open(images)) {
      int magic = in.readInt();
      if (magic != 2051) throw new IOException(images + ": expected IDX magic 2051, received " + magic);
      in.readInt(); in.readInt(); in.readInt();
      byte[] buf = new byte[784];
      for (int i = 0; i < n; i++) {
        in.readFully(buf);
        for (int j = 0; j < 784; j++) px[i][j] = (buf[j] & 0xFF) / 255f;
      }
    }
    try (DataInputStream in = open(labels)) {
      int magic = in.readInt();
      if (magic != 2049) throw new IOException(labels + ": expected IDX magic 2049, received " + magic);
      in.readInt();
      for (int i = 0; i < n; i++) lab[i] = in.readUnsignedByte();
    }
    return new MnistSample(px, lab);
  }

  private static DataInputStream open(Path p) throws IOException {
    InputStream in = new GZIPInputStream(Files.newInputStream(p));
    return new DataInputStream(new java.io.BufferedInputStream(in));
  }
}
