package jinn.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static jinn.data.IdxWriter.*;
import static org.junit.jupiter.api.Assertions.*;

class IdxFileTest {

    @TempDir Path dir;

    @Test
    void readsPlainAndGzippedAlikeWhateverTheName() {
        byte[] content = images(3, 2, 2);
        IdxFile plain = IdxFile.read(write(dir.resolve("a.gz"), content), 3);
        IdxFile zipped = IdxFile.read(write(dir.resolve("b"), gzip(content)), 3);
        assertArrayEquals(new int[]{3, 2, 2}, plain.dims());
        assertArrayEquals(plain.data(), zipped.data());
        assertArrayEquals(Arrays.copyOfRange(content, 16, content.length), plain.data());
    }

    @Test
    void wrongMagicNumber() {
        Path file = write(dir.resolve("labels"), labels(1, 2, 3));
        var e = assertThrows(DataFileException.class, () -> IdxFile.read(file, 3));
        assertEquals(file + ": not an IDX file of unsigned bytes with 3 dimensions: magic number 0x00000801, expected 0x00000803",
                e.getMessage());
        Path text = write(dir.resolve("notes.txt"), "hello, world".getBytes());
        e = assertThrows(DataFileException.class, () -> IdxFile.read(text, 1));
        assertEquals(text + ": not an IDX file of unsigned bytes with 1 dimensions: magic number 0x68656c6c, expected 0x00000801",
                e.getMessage());
    }

    @Test
    void truncatedOrTooLongPlainFile() {
        byte[] content = images(3, 2, 2);
        Path file = write(dir.resolve("short"), Arrays.copyOf(content, content.length - 1));
        var e = assertThrows(DataFileException.class, () -> IdxFile.read(file, 3));
        assertEquals(file + ": truncated: the header announces 3 x 2 x 2 = 12 bytes of data, the file holds 11", e.getMessage());
        Path longer = write(dir.resolve("long"), Arrays.copyOf(content, content.length + 4));
        e = assertThrows(DataFileException.class, () -> IdxFile.read(longer, 3));
        assertEquals(longer + ": wrong length: the header announces 3 x 2 x 2 = 12 bytes of data, the file holds 16", e.getMessage());
        Path header = write(dir.resolve("header"), Arrays.copyOf(content, 10));
        e = assertThrows(DataFileException.class, () -> IdxFile.read(header, 3));
        assertEquals(header + ": truncated: the file ends after 10 bytes, inside the 16-byte IDX header", e.getMessage());
    }

    @Test
    void truncatedOrTooLongGzippedContent() {
        byte[] content = images(3, 2, 2);
        Path file = write(dir.resolve("short.gz"), gzip(Arrays.copyOf(content, content.length - 2)));
        var e = assertThrows(DataFileException.class, () -> IdxFile.read(file, 3));
        assertEquals(file + ": truncated: the header announces 3 x 2 x 2 = 12 bytes of data, the decompressed content holds 10",
                e.getMessage());
        Path longer = write(dir.resolve("long.gz"), gzip(Arrays.copyOf(content, content.length + 3)));
        e = assertThrows(DataFileException.class, () -> IdxFile.read(longer, 3));
        assertEquals(longer + ": wrong length: the header announces 3 x 2 x 2 = 12 bytes of data, the decompressed content holds more",
                e.getMessage());
    }

    @Test
    void cutGzipStream() {
        byte[] zipped = gzip(images(50, 28, 28));
        Path file = write(dir.resolve("cut.gz"), Arrays.copyOf(zipped, zipped.length / 2));
        var e = assertThrows(DataFileException.class, () -> IdxFile.read(file, 3));
        assertEquals(file + ": truncated or corrupt gzip data (Unexpected end of ZLIB input stream)", e.getMessage());
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("none");
        var e = assertThrows(DataFileException.class, () -> IdxFile.read(file, 1));
        assertEquals(file + ": no such file", e.getMessage());
    }

    @Test
    void imagesAndLabelsMustAgree() {
        Path images = write(dir.resolve("img"), images(3, 2, 2));
        Path labels = write(dir.resolve("lab"), labels(1, 2));
        var e = assertThrows(DataFileException.class, () -> Mnist.dataset("t", images, labels));
        assertEquals(images + " holds 3 images but " + labels + " holds 2 labels", e.getMessage());
        Path bad = write(dir.resolve("bad"), labels(1, 12, 3));
        e = assertThrows(DataFileException.class, () -> Mnist.dataset("t", images, bad));
        assertEquals(bad + ": label 12 at index 1 is not a digit 0..9", e.getMessage());
    }

    // ------------------------------------------------------------------ forged headers (issue 17)

    @Test
    void aHeaderMayNotAnnounceMoreThanTheLimit() {
        Path file = write(dir.resolve("huge"), idx(0x803, new int[]{Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE},
                new byte[0]));
        var e = assertThrows(DataFileException.class, () -> IdxFile.read(file, 3));
        assertEquals(file + ": bad IDX header: dimensions 2147483647 x 2147483647 x 2147483647 announce more than the "
                + "1073741824 bytes of data an IDX file may hold here", e.getMessage());
    }

    @Test
    void gzippedContentCannotAnnounceMoreThanDeflateCanHold() {
        // 10 MB announced, but a few dozen gzipped bytes inflate to 1032 times their size at most.
        Path file = write(dir.resolve("claims.gz"), gzip(idx(0x803, new int[]{10, 1000, 1000}, new byte[0])));
        long size = file.toFile().length();
        var e = assertThrows(DataFileException.class, () -> IdxFile.read(file, 3));
        assertEquals(file + ": bad IDX header: dimensions 10 x 1000 x 1000 announce 10000000 bytes of data, but " + size
                + " gzipped bytes cannot inflate to more than " + size * 1032, e.getMessage());
    }

    @Test
    void decompressionStopsOneBytePastTheAnnouncedSize() {
        // The announced 12 bytes, one more, then a stream cut short: reading on would report the
        // corruption; stopping at the extra byte reports the length. Before, the whole rest was
        // inflated (a 2 MB bomb: 2.1 GB of work).
        byte[] content = Arrays.copyOf(images(3, 2, 2), 16 + 12 + 200_000);
        byte[] zipped = gzip(content);
        Path file = write(dir.resolve("bomb.gz"), Arrays.copyOf(zipped, zipped.length - 20));
        var e = assertThrows(DataFileException.class, () -> IdxFile.read(file, 3));
        assertEquals(file + ": wrong length: the header announces 3 x 2 x 2 = 12 bytes of data, the decompressed content "
                + "holds more", e.getMessage());
    }

    @Test
    void forgedMnistOfNoImagesOfAMillionPixelsIsRefusedAtOnce() {
        // The 48 bytes of issue 17: 0 images of 46340 x 46340 pixels and 0 labels made 2.1 billion feature names.
        Path images = write(dir.resolve("img"), idx(0x803, new int[]{0, 46340, 46340}, new byte[0]));
        Path labels = write(dir.resolve("lab"), labels());
        var e = assertThrows(DataFileException.class, () -> Mnist.dataset("t", images, labels));
        assertEquals(images + ": holds no images (its header announces 0 images of 46340 x 46340 pixels)", e.getMessage());
    }

    @Test
    void imagesLargerThan4096SquareAreRefused() {
        Path images = write(dir.resolve("img.gz"), gzip(idx(0x803, new int[]{1, 4097, 4097}, new byte[4097 * 4097])));
        Path labels = write(dir.resolve("lab"), labels(1));
        var e = assertThrows(DataFileException.class, () -> Mnist.dataset("t", images, labels));
        assertEquals(images + ": images of 4097 x 4097 pixels are more than the 16777216 pixels (4096 x 4096) jinn reads "
                + "as features", e.getMessage());
    }
}
