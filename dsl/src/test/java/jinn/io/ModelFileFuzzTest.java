package jinn.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jinn.fuzz.Fuzzer;
import jinn.nn.Net;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static jinn.Jinn.net;

/**
 * Model files under {@link Fuzzer}: a damaged safetensors file (header, offsets, data) or a
 * damaged architecture description loads or is a {@link ModelFileException} naming the file.
 */
class ModelFileFuzzTest {

    @TempDir Path dir;

    private byte[] model() throws Exception {
        Path f = dir.resolve("seed.safetensors");
        net(3).dense(4).relu().dropout(0.5).dense(2).softmax().seed(1).build().save(f);
        return Files.readAllBytes(f);
    }

    @Test
    void safetensorsHeaderAndOffsets() throws Exception {
        Path file = dir.resolve("m.safetensors");
        Fuzzer.named("safetensors").seeds(model())
                .dictionary("null", "{}", "[]", "\"F32\"", "\"shape\"", "\"data_offsets\"", "18446744073709551616", "1e400", "-0",
                        "2147483647", "\"__metadata__\"", "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},", "3.7")
                .allow(ModelFileException.class, e -> e.getMessage().startsWith(file.toString()))
                .run(bytes -> {
                    Files.write(file, bytes);
                    Net.load(file);
                });
    }

    @Test
    void architectureJson() throws Exception {
        Path seedFile = dir.resolve("seed.safetensors");
        Files.write(seedFile, model());
        SafeTensors st = SafeTensors.read(seedFile);
        Path file = dir.resolve("arch.safetensors");
        Fuzzer.named("architecture").seeds(st.metadata().get("layers"))
                .dictionary("null", "{}", "[]", "3.7", "-1", "1e10", "\"kind\":", "\"dense\"", "\"units\":", "\"bias\":true",
                        "\"function\":\"RELU\"", "\"rate\":", "\"alpha\":", "NaN", "[[[[[[[[", "\"init\":\"he\"")
                .allow(ModelFileException.class, e -> e.getMessage().startsWith(file.toString()))
                .run(bytes -> {
                    Map<String, String> meta = new LinkedHashMap<>(st.metadata());
                    meta.put("layers", new String(bytes, StandardCharsets.UTF_8));
                    new SafeTensors(st.tensors(), meta).write(file);
                    Net.load(file);
                });
    }
}
