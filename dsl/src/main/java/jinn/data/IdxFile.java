package jinn.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An IDX file of unsigned bytes (the MNIST format): magic {@code 00 00 08 nd}, nd big-endian int32
 * dimensions, then the bytes row-major. Read whole, gzipped or not (recognised by the gzip magic
 * {@code 1f 8b}, not by the file name), with the magic, the dimensions and the length checked.
 *
 * <p>A header is believed only as far as the file can back it: a plain file must hold exactly the
 * bytes its header announces; gzipped content can be at most {@link #MAX_DEFLATE_RATIO} times the
 * compressed file; and no file may announce more than {@link #MAX_DATA_BYTES}. Decompression stops
 * one byte past the announced size, so a gzip bomb costs what its header claims, not what it inflates to.
 */
record IdxFile(Path path, int[] dims, byte[] data) {

    private static final int UNSIGNED_BYTE = 0x08;

    /** The most data one IDX file may announce: 1 GiB, 20 times MNIST's training images. */
    static final long MAX_DATA_BYTES = 1L << 30;

    /** Deflate cannot compress better than about 1032:1 (a run of one byte); a larger claim is a forgery. */
    static final long MAX_DEFLATE_RATIO = 1032;

    /** Reads {@code path}, which must hold unsigned bytes in {@code rank} dimensions. */
    static IdxFile read(Path path, int rank) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            raw.mark(2);
            boolean gzipped = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzipped ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
            String content = gzipped ? "the decompressed content" : "the file";
            long fileSize = Files.size(path);
            try {
                return parse(path, in, rank, gzipped, fileSize, content);
            } catch (EOFException | ZipException e) {
                throw new DataFileException(path + ": truncated or corrupt gzip data (" + e.getMessage() + ")", e);
            }
        } catch (NoSuchFileException e) {
            throw new DataFileException(path + ": no such file");
        } catch (IOException e) {
            throw new DataFileException(path + ": cannot read: " + e, e);
        }
    }

    private static IdxFile parse(Path path, InputStream in, int rank, boolean gzipped, long fileSize, String content)
            throws IOException {
        int expectedMagic = (UNSIGNED_BYTE << 8) | rank;
        int headerBytes = 4 + 4 * rank;
        byte[] header = in.readNBytes(headerBytes);
        if (header.length >= 4) {
            int magic = int32(header, 0);
            if (magic != expectedMagic) {
                throw new DataFileException(path + ": not an IDX file of unsigned bytes with " + rank
                        + " dimensions: magic number " + hex(magic) + ", expected " + hex(expectedMagic));
            }
        }
        if (header.length < headerBytes) {
            throw new DataFileException(path + ": truncated: " + content + " ends after " + header.length
                    + " bytes, inside the " + headerBytes + "-byte IDX header");
        }
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = int32(header, 4 + 4 * i);
            if (dims[i] < 0) {
                throw new DataFileException(path + ": bad IDX header: dimension " + i + " is " + dims[i]);
            }
            count = Math.min(count * dims[i], MAX_DATA_BYTES + 1); // saturates: no overflow whatever the rank
        }
        String shape = dimsText(dims);
        if (count > MAX_DATA_BYTES) {
            throw new DataFileException(path + ": bad IDX header: dimensions " + shape + " announce more than the "
                    + MAX_DATA_BYTES + " bytes of data an IDX file may hold here");
        }
        if (!gzipped && fileSize != headerBytes + count) {
            throw new DataFileException(path + ": " + (fileSize < headerBytes + count ? "truncated" : "wrong length")
                    + ": the header announces " + shape + " = " + count + " bytes of data, " + content
                    + " holds " + (fileSize - headerBytes));
        }
        if (gzipped && headerBytes + count > fileSize * MAX_DEFLATE_RATIO) {
            throw new DataFileException(path + ": bad IDX header: dimensions " + shape + " announce " + count
                    + " bytes of data, but " + fileSize + " gzipped bytes cannot inflate to more than "
                    + fileSize * MAX_DEFLATE_RATIO);
        }
        byte[] data = new byte[(int) count];
        int read = in.readNBytes(data, 0, data.length);
        if (read < count) {
            throw new DataFileException(path + ": truncated: the header announces " + shape + " = " + count
                    + " bytes of data, " + content + " holds " + read);
        }
        // One byte more is enough to know the content is too long: never inflate the rest.
        if (in.read() >= 0) {
            throw new DataFileException(path + ": wrong length: the header announces " + shape + " = " + count
                    + " bytes of data, " + content + " holds more");
        }
        return new IdxFile(path, dims, data);
    }

    private static String dimsText(int[] dims) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < dims.length; i++) s.append(i == 0 ? "" : " x ").append(dims[i]);
        return s.toString();
    }

    private static int int32(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static String hex(int v) {
        return String.format("0x%08x", v);
    }

    @Override
    public String toString() {
        return "IdxFile " + path + " " + Arrays.toString(dims);
    }
}
