package jinn.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files (optionally gzipped) for tests, and a tiny fake MNIST directory. */
final class IdxWriter {

    private IdxWriter() {}

    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) b.putInt(d);
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] content) {
        try {
            var out = new ByteArrayOutputStream();
            try (var gz = new GZIPOutputStream(out)) {
                gz.write(content);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] images(int n, int h, int w) {
        byte[] pixels = new byte[n * h * w];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) (i * 37);
        return idx(0x803, new int[]{n, h, w}, pixels);
    }

    static byte[] labels(int... values) {
        byte[] raw = new byte[values.length];
        for (int i = 0; i < values.length; i++) raw[i] = (byte) values[i];
        return idx(0x801, new int[]{values.length}, raw);
    }

    /** A directory holding a 3-image training set and a 2-image test set of 2 x 2 pixels, half of it gzipped. */
    static Path fakeMnist(Path dir) {
        write(dir.resolve(Mnist.TRAIN_IMAGES + ".gz"), gzip(images(3, 2, 2)));
        write(dir.resolve(Mnist.TRAIN_LABELS), labels(5, 0, 4));
        write(dir.resolve(Mnist.TEST_IMAGES), images(2, 2, 2));
        write(dir.resolve(Mnist.TEST_LABELS + ".gz"), gzip(labels(7, 2)));
        return dir;
    }
}
