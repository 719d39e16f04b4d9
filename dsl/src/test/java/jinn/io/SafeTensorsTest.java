package jinn.io;

import jinn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SafeTensorsTest {

    @TempDir Path dir;

    private static SafeTensors sample() {
        Map<String, ShapedArray> tensors = new LinkedHashMap<>();
        tensors.put("dense1.weight", new ShapedArray(new int[]{2, 3}, new float[]{1, -2, 3.5f, Float.MIN_VALUE, 1e30f, -0f}));
        tensors.put("dense1.bias", new ShapedArray(new int[]{3}, new float[]{0.1f, 0.2f, 0.3f}));
        tensors.put("scale", new ShapedArray(new int[]{}, new float[]{7}));
        tensors.put("empty", new ShapedArray(new int[]{0, 4}, new float[0]));
        return new SafeTensors(tensors, Map.of("architecture", "{\"layers\":[\"dense(3)\"]}", "format", "jinn",
                "note", "层 <tag> a=b \"quoted\" \\ \n end"));
    }

    @Test
    void roundTripKeepsValuesShapesOrderAndMetadata() {
        Path file = dir.resolve("m.safetensors");
        SafeTensors written = sample();
        written.write(file);
        SafeTensors read = SafeTensors.read(file);
        assertEquals(written, read);
        assertEquals(List.of("dense1.weight", "dense1.bias", "scale", "empty"), List.copyOf(read.tensors().keySet()));
        assertEquals("{\"layers\":[\"dense(3)\"]}", read.metadata().get("architecture"));
        assertEquals("层 <tag> a=b \"quoted\" \\ \n end", read.metadata().get("note"));
        assertArrayEquals(new int[]{2, 3}, read.tensors().get("dense1.weight").shape());
    }

    @Test
    void layoutFollowsTheSafetensorsFormat() throws IOException {
        Path file = dir.resolve("m.safetensors");
        var tensors = new LinkedHashMap<String, ShapedArray>();
        tensors.put("a", new ShapedArray(new int[]{2}, new float[]{1f, 2f}));
        tensors.put("b", new ShapedArray(new int[]{1, 1}, new float[]{-3f}));
        new SafeTensors(tensors, Map.of("k", "v")).write(file);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong();
        assertEquals(0, n % 8, "header padded to 8 bytes");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8).stripTrailing();
        assertEquals("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[8,12]},"
                + "\"__metadata__\":{\"k\":\"v\"}}", header);
        b.position(8 + (int) n);
        assertEquals(1f, b.getFloat());
        assertEquals(2f, b.getFloat());
        assertEquals(-3f, b.getFloat());
        assertEquals(bytes.length, b.position());
    }

    /** A file laid out by hand as Python's safetensors writes it (header without padding, dtype order). */
    @Test
    void readsAFileWrittenByAnotherWriter() throws IOException {
        Path file = dir.resolve("foreign-writer.safetensors");
        writeRaw(file, "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}", floats(1, 2, 3, 4));
        SafeTensors read = SafeTensors.read(file);
        assertEquals(Map.of(), read.metadata());
        Tensor w = read.tensors().get("w").toTensor();
        assertArrayEquals(new int[]{2, 2}, w.shape());
        assertEquals(3f, w.get(1, 0));
    }

    @Test
    void tensorsConvertBothWays() {
        Tensor t = Tensor.of(new float[]{1, 2, 3, 4, 5, 6}, 2, 3).transpose();
        ShapedArray a = ShapedArray.of(t);
        assertArrayEquals(new int[]{3, 2}, a.shape());
        assertArrayEquals(new float[]{1, 4, 2, 5, 3, 6}, a.data());
        assertArrayEquals(a.data(), a.toTensor().toArray());
    }

    @Test
    void saveReplacesTheOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("m.safetensors");
        sample().write(file);
        var smaller = new SafeTensors(Map.of("x", new ShapedArray(new int[]{1}, new float[]{42})), Map.of());
        smaller.write(file);
        assertEquals(smaller, SafeTensors.read(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    // ------------------------------------------------------------ bad files

    @Test
    void missingFile() {
        Path file = dir.resolve("nope.safetensors");
        var e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": no such file", e.getMessage());
    }

    @Test
    void tooShortFile() throws IOException {
        Path file = dir.resolve("short.safetensors");
        Files.write(file, new byte[]{1, 2, 3});
        var e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": not a safetensors file: only 3 bytes, too short for the 8-byte header length", e.getMessage());
    }

    @Test
    void truncatedInTheData() throws IOException {
        Path file = dir.resolve("m.safetensors");
        sample().write(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
        var e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": truncated (or the header is wrong): tensor 'dense1.bias' data_offsets [24, 36]"
                + " reach past the 35 bytes of data in the file", e.getMessage());
    }

    @Test
    void truncatedInTheHeader() throws IOException {
        Path file = dir.resolve("m.safetensors");
        sample().write(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, 50));
        var e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(file + ": not a safetensors file (or truncated): the first 8 bytes give a header of "
                + headerLength + " bytes, but the file holds 42 bytes after them", e.getMessage());
    }

    @Test
    void foreignBinaryFile() throws IOException {
        Path file = dir.resolve("picture.png");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        Files.write(file, png);
        var e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": not a safetensors file (or truncated): the first 8 bytes give a header of "
                + "727905341920923785 bytes, but the file holds 8 bytes after them", e.getMessage());
    }

    @Test
    void headerThatIsNotJson() throws IOException {
        Path file = dir.resolve("text.safetensors");
        writeRaw(file, "hello world, not json", new byte[0]);
        var e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": not a safetensors file: the header should be a JSON object but starts with \"hello world, not jso\"",
                e.getMessage());

        writeRaw(file, "{\"w\": {\"dtype\": \"F32\", ", new byte[0]);
        e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not a safetensors file: the header is not valid JSON ("), e.getMessage());
    }

    @Test
    void dtypeOtherThanF32() throws IOException {
        Path file = dir.resolve("half.safetensors");
        writeRaw(file, "{\"w\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", new byte[4]);
        var e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": tensor 'w' has dtype F16; jinn reads only F32 (float32) tensors", e.getMessage());
    }

    @Test
    void shapeThatDisagreesWithOffsets() throws IOException {
        Path file = dir.resolve("m.safetensors");
        writeRaw(file, "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,16]}}", floats(1, 2, 3, 4));
        var e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": bad header: tensor 'w' shape [2, 3] needs 24 bytes, but data_offsets [0, 16] span 16",
                e.getMessage());
    }

    @Test
    void offsetsOutOfRangeOverlappingOrWithTrailingBytes() throws IOException {
        Path file = dir.resolve("m.safetensors");
        writeRaw(file, "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", floats(1, 2));
        var e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": truncated (or the header is wrong): tensor 'w' data_offsets [8, 16] reach past the 8 bytes of data in the file",
                e.getMessage());

        writeRaw(file, "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", floats(1, 2));
        e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": bad header: tensor 'b' starts at data byte 4, expected 8"
                + " (tensors must follow each other without gaps or overlaps)", e.getMessage());

        writeRaw(file, "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", floats(1, 2));
        e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": bad file: 4 bytes after the last tensor that no header entry describes", e.getMessage());

        writeRaw(file, "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", floats(1));
        e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": bad header: tensor 'w' data_offsets should be [begin, end] with begin <= end, got [4, 0]",
                e.getMessage());
    }

    @Test
    void malformedEntriesAndMetadata() throws IOException {
        Path file = dir.resolve("m.safetensors");
        writeRaw(file, "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", floats(1));
        var e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": bad header: tensor 'w' shape should hold non-negative integers, got [-1]", e.getMessage());

        writeRaw(file, "{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", floats(1));
        e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": bad header: tensor 'w' has no shape array", e.getMessage());

        writeRaw(file, "{\"w\":[1,2]}", floats(1));
        e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": bad header: tensor 'w' should be an object with dtype, shape and data_offsets, got [1,2]",
                e.getMessage());

        writeRaw(file, "{\"__metadata__\":{\"epochs\":5}}", new byte[0]);
        e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": bad header: metadata 'epochs' should be a string, got 5", e.getMessage());
    }

    @Test
    void rejectsReservedOrEmptyNamesWhenBuilding() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SafeTensors(
                Map.of("__metadata__", new ShapedArray(new int[]{1}, new float[1])), Map.of()));
        assertEquals("SafeTensors: invalid tensor name '__metadata__'", e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> new ShapedArray(new int[]{2, 2}, new float[3]));
        assertEquals("ShapedArray: shape [2, 2] needs 4 values, got an array of 3", e2.getMessage());
    }

    // ------------------------------------------------------------------ forged headers (issue 17)

    @Test
    void hugeShapeIsAnErrorNotAnArithmeticException() throws IOException {
        Path file = dir.resolve("huge.safetensors");
        writeRaw(file, "{\"w\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,2147483647],\"data_offsets\":[0,4]}}",
                new byte[4]);
        var e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": bad header: tensor 'w' shape [2147483647, 2147483647, 2147483647] has more values than a Java "
                + "array holds (536870909)", e.getMessage());
    }

    @Test
    void offsetsBeyond2To63DoNotWrapIntoValidOnes() throws IOException {
        Path file = dir.resolve("wrap.safetensors");
        // 2^64 + 0 and 2^64 + 4 wrapped to [0, 4] as longs and loaded.
        writeRaw(file, "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[18446744073709551616,18446744073709551620]}}",
                new byte[4]);
        var e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": bad header: tensor 'w' data_offsets holds 18446744073709551616, beyond what any file can hold",
                e.getMessage());
        writeRaw(file, "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4.5]}}", new byte[4]);
        e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": bad header: tensor 'w' data_offsets should hold non-negative integers, got [0,4.5]", e.getMessage());
    }

    @Test
    void aTensorOrMetadataKeyNamedTwiceIsAnError() throws IOException {
        Path file = dir.resolve("twice.safetensors");
        String w = "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
        writeRaw(file, "{\"w\":" + w + ",\"w\":" + w + "}", new byte[4]);
        var e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": bad header: tensor 'w' appears twice", e.getMessage());
        writeRaw(file, "{\"__metadata__\":{\"format\":\"a\",\"format\":\"b\"}}", new byte[0]);
        e = assertThrows(ModelFileException.class, () -> SafeTensors.read(file));
        assertEquals(file + ": bad header: metadata 'format' appears twice", e.getMessage());
    }

    static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putFloat(v);
        return b.array();
    }

    static void writeRaw(Path file, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Files.write(file, b.array());
    }
}
