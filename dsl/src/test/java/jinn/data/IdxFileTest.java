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
        assertEquals(longer + ": wrong length: the header announces 3 x 2 x 2 = 12 bytes of data, the decompressed content holds 15",
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
}
