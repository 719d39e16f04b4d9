package jinn.data;

import static jinn.data.IdxWriter.*;

import java.nio.file.Files;
import java.nio.file.Path;
import jinn.fuzz.Fuzzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data loaders under {@link Fuzzer}: whatever the bytes, a {@link DataFileException} (or, for a
 * CSV whose columns do not fit the request, an IllegalArgumentException) naming the file, and
 * nothing else: no other exception, no OOM, no hang.
 */
class DataFuzzTest {

    @TempDir Path dir;

    private static boolean names(Throwable e, Path file) {
        return e.getMessage().contains(file.getFileName().toString());
    }

    @Test
    void idxPlain() {
        Path file = dir.resolve("images-idx3-ubyte");
        Path labels = write(dir.resolve("labels"), labels(1, 2, 3));
        Fuzzer.named("idx").seeds(images(3, 2, 2), images(1, 28, 28), labels(1, 2, 3), idx(0x803, new int[]{0, 46340, 46340}, new byte[0]))
                .dictionary("\0\0\b\3", "\0\0\b\1", "\u001f\u008b")
                .allow(DataFileException.class, e -> names(e, file))
                .run(bytes -> {
                    Files.write(file, bytes);
                    try {
                        Mnist.dataset("fuzz", file, labels);
                    } catch (DataFileException e) {
                        if (!e.getMessage().contains(labels.toString())) throw e;
                    }
                    try {
                        IdxFile.read(file, 1);
                    } catch (DataFileException e) {
                        if (!names(e, file)) throw e;
                    }
                });
    }

    @Test
    void idxGzip() {
        Path file = dir.resolve("images.gz");
        Fuzzer.named("idx-gzip").seeds(gzip(images(3, 2, 2)), images(3, 2, 2), gzip(images(2, 28, 28)), gzip(labels(1, 2)),
                        gzip(java.util.Arrays.copyOf(images(3, 2, 2), 5000)))
                .allow(DataFileException.class, e -> names(e, file))
                .run(bytes -> {
                    // an input with the gzip magic is the compressed stream itself (mutated), any other is content
                    // to compress properly, so the header checks behind the decompression are fuzzed too
                    boolean gzipped = bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
                    Files.write(file, gzipped ? bytes : gzip(bytes));
                    IdxFile.read(file, 3);
                });
    }

    @Test
    void csv() {
        Path file = dir.resolve("data.csv");
        Fuzzer.named("csv").seeds("a,b,label\n1,2,x\n3,4,y\n", "x,\"note\",y\n1.5,\"two\nlines\",0\n-2e3,\"a \"\"q\"\"\",1\n",
                        "#h,y\n#1,true\n2,false\n", "x;y\n1;2\n", "x,label\n1,caf\u00e9\n")
                .dictionary(",", "\"", "\n", "\r\n", "\"\"", "NaN", "true", "1e400", "-", ".", "\uFEFF", "#", "NA", "9999999999")
                .allow(DataFileException.class, e -> names(e, file))
                .allow(IllegalArgumentException.class, e -> names(e, file))
                .run(bytes -> {
                    Files.write(file, bytes);
                    Tables.classification(file, "label");
                });
    }
}
