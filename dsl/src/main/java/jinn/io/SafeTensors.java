package jinn.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named float32 arrays plus a string-to-string metadata map, in the
 * <a href="https://github.com/huggingface/safetensors">safetensors</a> format: an 8-byte
 * little-endian header length, a JSON header ({@code {"name": {"dtype": "F32", "shape": [..],
 * "data_offsets": [begin, end]}, ..., "__metadata__": {..}}}), then the raw little-endian data.
 * Python's {@code safetensors.numpy.load_file} reads what this writes, and the other way round for
 * F32 files.
 *
 * <pre>{@code
 * var file = new SafeTensors(Map.of("dense1.weight", ShapedArray.of(w)), Map.of("architecture", json));
 * file.write(Path.of("model.safetensors"));           // atomic: the old file survives a failure
 * var back = SafeTensors.read(Path.of("model.safetensors"));
 * back.tensors().get("dense1.weight").toTensor();
 * }</pre>
 *
 * @param tensors  the arrays by name, in the order they are written (kept on reading)
 * @param metadata free-form strings, e.g. the network architecture as JSON
 */
public record SafeTensors(Map<String, ShapedArray> tensors, Map<String, String> metadata) {

    /** The header key safetensors reserves for the metadata map. */
    public static final String METADATA_KEY = "__metadata__";

    /** The same limit as the reference implementation: a larger header is not a safetensors file. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    /** The most float32 values one tensor may hold: a Java array of its bytes. */
    static final long MAX_VALUES = (Integer.MAX_VALUE - 8) / 4;

    public SafeTensors {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        for (var e : tensors.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getKey().equals(METADATA_KEY)) {
                throw new IllegalArgumentException("SafeTensors: invalid tensor name '" + e.getKey() + "'");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("SafeTensors: tensor '" + e.getKey() + "' is null");
            }
        }
        for (var e : metadata.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("SafeTensors: metadata entries must be non-null strings, got "
                        + e.getKey() + "=" + e.getValue());
            }
        }
    }

    // ------------------------------------------------------------------ writing

    /** Writes the file atomically (temporary file, fsync, rename). */
    public void write(Path file) {
        byte[] header = header();
        try {
            AtomicFile.write(file, out -> {
                ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
                out.write(length.array());
                out.write(header);
                for (ShapedArray t : tensors.values()) writeFloats(out, t.data());
            });
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot write: " + e, e);
        }
    }

    private byte[] header() {
        JsonObject json = new JsonObject();
        long offset = 0;
        for (var e : tensors.entrySet()) {
            ShapedArray t = e.getValue();
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", "F32");
            JsonArray shape = new JsonArray();
            for (int d : t.shape()) shape.add(d);
            entry.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offset += 4L * t.size();
            offsets.add(offset);
            entry.add("data_offsets", offsets);
            json.add(e.getKey(), entry);
        }
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            json.add(METADATA_KEY, meta);
        }
        byte[] text = json.toString().getBytes(StandardCharsets.UTF_8);
        // Padding to 8 bytes keeps the data aligned for readers that map the file (the reference writer does this).
        int padded = (text.length + 7) & ~7;
        byte[] header = Arrays.copyOf(text, padded);
        Arrays.fill(header, text.length, padded, (byte) ' ');
        return header;
    }

    private static void writeFloats(OutputStream out, float[] data) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        int i = 0;
        while (i < data.length) {
            buf.clear();
            int n = Math.min(data.length - i, buf.capacity() / 4);
            buf.asFloatBuffer().put(data, i, n);
            out.write(buf.array(), 0, n * 4);
            i += n;
        }
    }

    // ------------------------------------------------------------------ reading

    /** Reads a whole file; every way it can be malformed is a {@link ModelFileException} naming it. */
    public static SafeTensors read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(file, ch);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "no such file");
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read: " + e, e);
        }
    }

    private record Entry(String name, int[] shape, long begin, long end) {}

    private static SafeTensors read(Path file, FileChannel ch) throws IOException {
        long fileSize = ch.size();
        if (fileSize < 8) {
            throw new ModelFileException(file, "not a safetensors file: only " + fileSize
                    + " bytes, too short for the 8-byte header length");
        }
        long headerLength = readFully(ch, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > fileSize - 8) {
            throw new ModelFileException(file, "not a safetensors file (or truncated): the first 8 bytes give a header of "
                    + Long.toUnsignedString(headerLength) + " bytes, but the file holds " + (fileSize - 8)
                    + " bytes after them");
        }
        String header = decodeUtf8(file, readFully(ch, 8, (int) headerLength));
        JsonObject json = parseHeader(file, header);

        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (var e : json.entrySet()) {
            if (e.getKey().equals(METADATA_KEY)) {
                readMetadata(file, e.getValue(), metadata);
            } else {
                entries.add(entry(file, e.getKey(), e.getValue()));
            }
        }

        long dataStart = 8 + headerLength;
        long dataSize = fileSize - dataStart;
        checkLayout(file, entries, dataSize);

        Map<String, ShapedArray> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            int count = (int) ((e.end - e.begin) / 4);
            float[] data = new float[count];
            ByteBuffer bytes = readFully(ch, dataStart + e.begin, count * 4).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().get(data);
            tensors.put(e.name, new ShapedArray(e.shape, data));
        }
        return new SafeTensors(tensors, metadata);
    }

    /**
     * The header as a JSON object, strictly: a name given twice (a tensor or a metadata key) is an
     * error here, where a plain parse would keep the last one silently.
     */
    private static JsonObject parseHeader(Path file, String header) {
        String trimmed = header.stripTrailing();
        if (!trimmed.startsWith("{")) {
            throw new ModelFileException(file, "not a safetensors file: the header should be a JSON object but starts with "
                    + quote(trimmed.substring(0, Math.min(20, trimmed.length()))));
        }
        try {
            JsonReader reader = new JsonReader(new StringReader(trimmed));
            reader.setStrictness(Strictness.STRICT);
            JsonObject json = new JsonObject();
            reader.beginObject();
            while (reader.hasNext()) {
                String name = reader.nextName();
                if (json.has(name)) {
                    throw new ModelFileException(file, "bad header: " + (name.equals(METADATA_KEY) ? METADATA_KEY
                            : "tensor '" + name + "'") + " appears twice");
                }
                if (name.equals(METADATA_KEY) && reader.peek() == JsonToken.BEGIN_OBJECT) {
                    json.add(name, metadataObject(file, reader));
                } else {
                    json.add(name, JsonParser.parseReader(reader));
                }
            }
            reader.endObject();
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new ModelFileException(file, "not a safetensors file: the header has text after its JSON object");
            }
            return json;
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new ModelFileException(file, "not a safetensors file: the header is not valid JSON ("
                    + e.getMessage() + ")", e);
        }
    }

    private static JsonObject metadataObject(Path file, JsonReader reader) throws IOException {
        JsonObject meta = new JsonObject();
        reader.beginObject();
        while (reader.hasNext()) {
            String key = reader.nextName();
            if (meta.has(key)) throw new ModelFileException(file, "bad header: metadata '" + key + "' appears twice");
            meta.add(key, JsonParser.parseReader(reader));
        }
        reader.endObject();
        return meta;
    }

    private static String decodeUtf8(Path file, ByteBuffer bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException(file, "not a safetensors file: the header is not UTF-8 text");
        }
    }

    private static void readMetadata(Path file, JsonElement value, Map<String, String> into) {
        if (!value.isJsonObject()) {
            throw new ModelFileException(file, "bad header: " + METADATA_KEY + " should be an object of strings, got " + value);
        }
        for (var m : value.getAsJsonObject().entrySet()) {
            JsonElement v = m.getValue();
            if (!(v.isJsonPrimitive() && v.getAsJsonPrimitive().isString())) {
                throw new ModelFileException(file, "bad header: metadata '" + m.getKey() + "' should be a string, got " + v);
            }
            into.put(m.getKey(), v.getAsString());
        }
    }

    private static Entry entry(Path file, String name, JsonElement value) {
        String where = "tensor '" + name + "'";
        if (!value.isJsonObject()) {
            throw new ModelFileException(file, "bad header: " + where + " should be an object with dtype, shape and data_offsets, got "
                    + value);
        }
        JsonObject o = value.getAsJsonObject();
        JsonElement dtype = o.get("dtype");
        if (dtype == null || !dtype.isJsonPrimitive()) {
            throw new ModelFileException(file, "bad header: " + where + " has no dtype");
        }
        if (!dtype.getAsString().equals("F32")) {
            throw new ModelFileException(file, where + " has dtype " + dtype.getAsString()
                    + "; jinn reads only F32 (float32) tensors");
        }
        long[] shape = longs(file, where, "shape", o.get("shape"));
        long[] offsets = longs(file, where, "data_offsets", o.get("data_offsets"));
        if (offsets.length != 2 || offsets[0] > offsets[1]) {
            throw new ModelFileException(file, "bad header: " + where + " data_offsets should be [begin, end] with begin <= end, got "
                    + Arrays.toString(offsets));
        }
        long count = 1;
        int[] dims = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] > Integer.MAX_VALUE) {
                throw new ModelFileException(file, "bad header: " + where + " shape " + Arrays.toString(shape) + " is too large");
            }
            dims[i] = (int) shape[i];
            count = Math.min(count * shape[i], MAX_VALUES + 1); // saturates below 2^62: no overflow
        }
        if (count > MAX_VALUES) {
            throw new ModelFileException(file, "bad header: " + where + " shape " + Arrays.toString(shape)
                    + " has more values than a Java array holds (" + MAX_VALUES + ")");
        }
        if (offsets[1] - offsets[0] != 4 * count) {
            throw new ModelFileException(file, "bad header: " + where + " shape " + Arrays.toString(shape) + " needs "
                    + 4 * count + " bytes, but data_offsets " + Arrays.toString(offsets) + " span "
                    + (offsets[1] - offsets[0]));
        }
        return new Entry(name, dims, offsets[0], offsets[1]);
    }

    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private static long[] longs(Path file, String where, String key, JsonElement value) {
        if (value == null || !value.isJsonArray()) {
            throw new ModelFileException(file, "bad header: " + where + " has no " + key + " array");
        }
        JsonArray array = value.getAsJsonArray();
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement v = array.get(i);
            if (!(v instanceof JsonPrimitive p && p.isNumber())) {
                throw new ModelFileException(file, "bad header: " + where + " " + key + " should hold numbers, got " + array);
            }
            // Exactly, as text: a double rounds 2^63 + 8 to a whole number and a long wraps it to a valid offset.
            BigDecimal d;
            try {
                d = new BigDecimal(p.getAsString());
            } catch (NumberFormatException e) {
                throw new ModelFileException(file, "bad header: " + where + " " + key + " should hold numbers, got " + array);
            }
            if (d.signum() < 0 || d.stripTrailingZeros().scale() > 0) {
                throw new ModelFileException(file, "bad header: " + where + " " + key
                        + " should hold non-negative integers, got " + array);
            }
            if (d.compareTo(LONG_MAX) > 0) {
                throw new ModelFileException(file, "bad header: " + where + " " + key + " holds " + d.toPlainString()
                        + ", beyond what any file can hold");
            }
            out[i] = d.longValueExact();
        }
        return out;
    }

    /** Tensors must tile the data section exactly: no byte outside it, none shared, none left over. */
    private static void checkLayout(Path file, List<Entry> entries, long dataSize) {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : byOffset) {
            if (e.end > dataSize) {
                throw new ModelFileException(file, "truncated (or the header is wrong): tensor '" + e.name
                        + "' data_offsets [" + e.begin + ", " + e.end + "] reach past the " + dataSize
                        + " bytes of data in the file");
            }
            if (e.begin != expected) {
                throw new ModelFileException(file, "bad header: tensor '" + e.name + "' starts at data byte " + e.begin
                        + ", expected " + expected + " (tensors must follow each other without gaps or overlaps)");
            }
            expected = e.end;
        }
        if (expected != dataSize) {
            throw new ModelFileException(file, "bad file: " + (dataSize - expected)
                    + " bytes after the last tensor that no header entry describes");
        }
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            int n = ch.read(buf, position + buf.position());
            if (n < 0) throw new IOException("unexpected end of file at byte " + (position + buf.position()));
        }
        return buf.flip();
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7f) out.append(c);
            else out.append(String.format("\\u%04x", (int) c));
        }
        return out.append('"').toString();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("SafeTensors{");
        String sep = "";
        for (var e : tensors.entrySet()) {
            s.append(sep).append(e.getKey()).append(Arrays.toString(e.getValue().shape()));
            sep = ", ";
        }
        if (!metadata.isEmpty()) s.append(sep).append("metadata=").append(metadata.keySet());
        return s.append('}').toString();
    }
}
