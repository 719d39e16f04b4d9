package jinn.nn;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import jinn.io.ModelFileException;
import jinn.io.SafeTensors;
import jinn.io.ShapedArray;
import jinn.tensor.Tensor;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Rebuilds a {@link Net} from the architecture and tensors of a model file, checking every shape.
 * It knows no kind of layer: each layer is made from its settings ({@link LayerKinds}), built for
 * the input shape the file declares, and then says which tensors it holds and of what shapes; a
 * file tensor of another shape is refused, naming the tensor, the layer and both shapes.
 */
final class ModelFiles {
    private ModelFiles() {}

    /**
     * The metadata's {@code layers}: a JSON list of objects, each with a {@code kind} and its
     * settings. Anything else is an error naming the file and what is wrong, never an NPE later.
     */
    static List<Map<String, Object>> layers(Path path, String json) {
        if (json == null) throw new ModelFileException(path, "the metadata has no layer description ('layers')");
        JsonElement parsed;
        try {
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setStrictness(Strictness.STRICT);
            parsed = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) throw new JsonParseException("text after the list");
        } catch (JsonParseException | java.io.IOException | IllegalStateException e) {
            throw new ModelFileException(path, "the metadata 'layers' is not valid JSON: " + e.getMessage());
        }
        if (!parsed.isJsonArray()) {
            throw new ModelFileException(path, "the metadata 'layers' should be a list of layers, got " + brief(parsed));
        }
        List<Map<String, Object>> layers = new ArrayList<>();
        JsonArray array = parsed.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
            JsonElement e = array.get(i);
            if (!e.isJsonObject()) {
                throw new ModelFileException(path, "layer " + i + " in the metadata 'layers' should be an object with a kind, got "
                        + brief(e));
            }
            Map<String, Object> c = new LinkedHashMap<>();
            for (var m : e.getAsJsonObject().entrySet()) {
                JsonElement v = m.getValue();
                c.put(m.getKey(), setting(v));
            }
            layers.add(c);
        }
        return layers;
    }

    /** A layer setting as Java: a number exactly (BigDecimal), a boolean, a string, null, or a list of those (a kernel size). */
    private static Object setting(JsonElement v) {
        if (v.isJsonNull()) return null;
        if (v.isJsonArray()) {
            List<Object> list = new ArrayList<>();
            for (JsonElement e : v.getAsJsonArray()) list.add(setting(e));
            return list;
        }
        if (!v.isJsonPrimitive()) return v.toString();
        var p = v.getAsJsonPrimitive();
        return p.isNumber() ? v.getAsBigDecimal() : p.isBoolean() ? (Object) v.getAsBoolean() : v.getAsString();
    }

    private static String brief(JsonElement e) {
        String s = e.toString();
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    static Net rebuild(Path path, List<Map<String, Object>> arch, SafeTensors st) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < arch.size(); i++) {
            Map<String, Object> c = arch.get(i);
            String kind = String.valueOf(c.get("kind"));
            Layer l;
            try {
                l = LayerKinds.make(kind, c);
            } catch (RuntimeException e) {
                throw new ModelFileException(path, "layer " + i + " (" + kind + ") cannot be rebuilt: " + e.getMessage());
            }
            if (l == null) throw new ModelFileException(path, "layer " + i + " has unknown kind '" + kind + "'");
            layers.add(l);
        }
        Net net = new Net(layers, null, new Random());   // names the layers, which the tensors' keys use
        net.declareInput(inputShape(path, st, layers));
        try {
            net.buildIfInputKnown();
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(path, e.getMessage());
        }
        int used = 0;
        for (Layer l : layers) {
            used += load(path, st, l, l.parameterNames(), l.parameters());
            used += load(path, st, l, l.bufferNames(), l.buffers());
        }
        if (used != st.tensors().size()) {
            throw new ModelFileException(path, "holds " + st.tensors().size() + " tensors but the layers use " + used);
        }
        return net;
    }

    /** Copies the file's tensors into a built layer's, after checking each is there with the layer's shape. */
    private static int load(Path path, SafeTensors st, Layer l, List<String> names, List<Tensor> targets) {
        if (!l.isBuilt() && !names.isEmpty()) {
            throw new ModelFileException(path, "layer " + l.name() + " (" + l.kind() + ") cannot be built: the file declares no input shape");
        }
        for (int i = 0; i < names.size(); i++) {
            String key = l.name() + "." + names.get(i);
            ShapedArray a = st.tensors().get(key);
            if (a == null) throw new ModelFileException(path, "tensor '" + key + "' is missing");
            Tensor t = targets.get(i);
            if (!Arrays.equals(a.shape(), t.shape())) {
                throw new ModelFileException(path, "tensor '" + key + "' has shape " + Arrays.toString(a.shape()) + " but layer "
                        + l.name() + " (" + l.kind() + ") expects " + Arrays.toString(t.shape()));
            }
            System.arraycopy(a.data(), 0, t.data(), t.offset(), t.size());
        }
        return names.size();
    }

    /** The declared input shape, or where the file has none (older files), what the first layer's tensors imply. */
    private static int[] inputShape(Path path, SafeTensors st, List<Layer> layers) {
        String declared = st.metadata().get("input");
        if (declared != null) {
            try {
                String inner = declared.strip();
                if (!inner.startsWith("[") || !inner.endsWith("]")) throw new NumberFormatException();
                int[] shape = Arrays.stream(inner.substring(1, inner.length() - 1).split(","))
                        .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
                for (int d : shape) if (d <= 0) throw new NumberFormatException();
                return shape;
            } catch (NumberFormatException e) {
                throw new ModelFileException(path, "the input shape in the metadata is '" + declared
                        + "', expected positive whole numbers such as [1, 28, 28]");
            }
        }
        if (layers.isEmpty()) return null;
        Layer first = layers.get(0);
        List<int[]> shapes = new ArrayList<>();
        for (String n : first.parameterNames()) {
            ShapedArray a = st.tensors().get(first.name() + "." + n);
            if (a == null) return null;
            shapes.add(a.shape());
        }
        return first.inputShapeFromParameters(shapes);
    }
}
