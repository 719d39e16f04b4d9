package jinn.nn;

import jinn.io.ModelFileException;
import jinn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static jinn.Jinn.*;
import static org.junit.jupiter.api.Assertions.*;

class ModelFileTest {
    @TempDir Path dir;

    @Test
    void saveLoadGivesIdenticalPredictions() throws Exception {
        Net n = net(6).dense(5).relu().dropout(0.2f).dense(3, false).leakyRelu(0.2f).dense(2).softmax().seed(4).build();
        Path f = dir.resolve("model.safetensors");
        n.save(f);
        Net m = Net.load(f);
        Tensor x = Tensor.randn(new Random(1), 7, 6);
        assertArrayEquals(n.predict(x).toArray(), m.predict(x).toArray());
        assertEquals(n.summary(), m.summary());
    }

    @Test
    void corruptFilesAreRejectedWithTheirName() throws Exception {
        Net n = net(3).dense(2).softmax().seed(1).build();
        Path f = dir.resolve("m.safetensors");
        n.save(f);
        byte[] bytes = Files.readAllBytes(f);
        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        var e = assertThrows(ModelFileException.class, () -> Net.load(truncated));
        assertTrue(e.getMessage().startsWith(truncated.toString()), e.getMessage());
        Path foreign = dir.resolve("foreign.bin");
        Files.writeString(foreign, "hello, I am not a model");
        var e2 = assertThrows(ModelFileException.class, () -> Net.load(foreign));
        assertTrue(e2.getMessage().startsWith(foreign.toString()), e2.getMessage());
    }

    @Test
    void wrongShapesAreRejected() throws Exception {
        // A file whose weight disagrees with its layer description.
        Net n = net(3).dense(2).softmax().seed(1).build();
        Path f = dir.resolve("m.safetensors");
        n.save(f);
        var st = jinn.io.SafeTensors.read(f);
        var tensors = new java.util.LinkedHashMap<>(st.tensors());
        tensors.put("dense_1.weight", new jinn.io.ShapedArray(new int[]{3, 4}, new float[12]));
        Path bad = dir.resolve("bad.safetensors");
        new jinn.io.SafeTensors(tensors, st.metadata()).write(bad);
        var e = assertThrows(ModelFileException.class, () -> Net.load(bad));
        assertEquals(bad + ": tensor 'dense_1.weight' has shape [3, 4] but layer dense_1 (dense) expects [3, 2]",
                e.getMessage());
    }

    @Test
    void failedSaveKeepsTheOldFile() throws Exception {
        Net n = net(3).dense(2).softmax().seed(1).build();
        Path f = dir.resolve("keep.safetensors");
        n.save(f);
        byte[] before = Files.readAllBytes(f);
        Net unbuilt = net().dense(2).softmax().build();
        assertThrows(IllegalStateException.class, () -> unbuilt.save(f));
        assertArrayEquals(before, Files.readAllBytes(f));
    }

    /** The model file of net(3).dense(2) with its 'layers' metadata replaced. */
    private Path withLayers(String name, String layers) throws Exception {
        Net n = net(3).dense(2).softmax().seed(1).build();
        Path f = dir.resolve("good.safetensors");
        n.save(f);
        var st = jinn.io.SafeTensors.read(f);
        var meta = new java.util.LinkedHashMap<>(st.metadata());
        meta.put("layers", layers);
        Path bad = dir.resolve(name);
        new jinn.io.SafeTensors(st.tensors(), meta).write(bad);
        return bad;
    }

    @Test
    void forgedLayerListsAreErrorsNamingFileAndField() throws Exception {
        Path nul = withLayers("null.safetensors", "[null]");
        var e = assertThrows(ModelFileException.class, () -> Net.load(nul));
        assertEquals(nul + ": layer 0 in the metadata 'layers' should be an object with a kind, got null", e.getMessage());

        Path fraction = withLayers("fraction.safetensors",
                "[{\"name\":\"dense_1\",\"kind\":\"dense\",\"units\":3.7,\"bias\":true,\"init\":\"xavier\"}]");
        e = assertThrows(ModelFileException.class, () -> Net.load(fraction));
        assertEquals(fraction + ": layer 0 (dense) cannot be rebuilt: setting 'units' is 3.7, expected a whole number from 1 to "
                + "2147483647", e.getMessage());

        Path object = withLayers("object.safetensors", "{\"kind\":\"dense\"}");
        e = assertThrows(ModelFileException.class, () -> Net.load(object));
        assertEquals(object + ": the metadata 'layers' should be a list of layers, got {\"kind\":\"dense\"}", e.getMessage());

        Path broken = withLayers("broken.safetensors", "[{\"kind\":");
        e = assertThrows(ModelFileException.class, () -> Net.load(broken));
        assertTrue(e.getMessage().startsWith(broken + ": the metadata 'layers' is not valid JSON: "), e.getMessage());
    }
}
