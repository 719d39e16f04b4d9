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

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Rebuilds a {@link Net} from the architecture and tensors of a model file, checking every shape. */
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
                c.put(m.getKey(), v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber() ? v.getAsBigDecimal()
                        : v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean() ? (Object) v.getAsBoolean()
                        : v.isJsonPrimitive() ? v.getAsString() : v.isJsonNull() ? null : v.toString());
            }
            layers.add(c);
        }
        return layers;
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
            try {
                layers.add(switch (kind) {
                    case "dense" -> new Dense(count(c, "units"), Boolean.TRUE.equals(c.get("bias")),
                            Init.parse(String.valueOf(c.get("init"))));
                    case "dropout" -> new Dropout(num(c, "rate").floatValue());
                    case "flatten" -> new Flatten();
                    default -> {
                        Activation.Kind k;
                        try {
                            k = Activation.Kind.valueOf(String.valueOf(c.get("function")));
                        } catch (IllegalArgumentException e) {
                            throw new ModelFileException(path, "layer " + i + " has unknown kind '" + kind + "'");
                        }
                        yield new Activation(k, c.containsKey("alpha") ? num(c, "alpha").floatValue() : 0f);
                    }
                });
            } catch (ModelFileException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ModelFileException(path, "layer " + i + " (" + kind + ") cannot be rebuilt: " + e.getMessage());
            }
        }
        Net net = new Net(layers, null, new Random());
        int used = 0;
        for (Layer l : layers) {
            if (!(l instanceof Dense d)) continue;
            ShapedArray w = st.tensors().get(l.name() + ".weight");
            if (w == null) throw new ModelFileException(path, "tensor '" + l.name() + ".weight' is missing");
            if (w.shape().length != 2 || w.shape()[1] != d.units()) {
                throw new ModelFileException(path, "tensor '" + l.name() + ".weight' has shape " + Arrays.toString(w.shape())
                        + " but layer " + l.name() + " has " + d.units() + " units (expected [inputs, " + d.units() + "])");
            }
            used++;
            float[] b = null;
            if (d.hasBias()) {
                ShapedArray bias = st.tensors().get(l.name() + ".bias");
                if (bias == null) throw new ModelFileException(path, "tensor '" + l.name() + ".bias' is missing");
                if (bias.shape().length != 1 || bias.shape()[0] != d.units()) {
                    throw new ModelFileException(path, "tensor '" + l.name() + ".bias' has shape " + Arrays.toString(bias.shape())
                            + ", expected [" + d.units() + "]");
                }
                b = bias.data();
                used++;
            }
            d.setParameters(w.data(), b);
        }
        // Consecutive dense layers must agree: the inputs of one are the units of the previous.
        int width = -1;
        for (Layer l : layers) {
            if (l instanceof Dense d) {
                if (width >= 0 && d.inputs() != width) {
                    throw new ModelFileException(path, "layer " + l.name() + " expects " + d.inputs() + " inputs but the layer before it gives "
                            + width);
                }
                width = d.units();
            }
        }
        if (used != st.tensors().size()) {
            throw new ModelFileException(path, "holds " + st.tensors().size() + " tensors but the layers use " + used);
        }
        net.buildIfInputKnown();
        return net;
    }

    /** A whole number of at least 1: {@code units: 3.7} is a damaged file, not three units. */
    private static int count(Map<String, Object> c, String key) {
        Number n = num(c, key);
        java.math.BigDecimal d = n instanceof java.math.BigDecimal b ? b : new java.math.BigDecimal(n.toString());
        if (d.signum() <= 0 || d.stripTrailingZeros().scale() > 0 || d.compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("setting '" + key + "' is " + d.toPlainString() + ", expected a whole number from 1 to "
                    + Integer.MAX_VALUE);
        }
        return d.intValueExact();
    }

    private static Number num(Map<String, Object> c, String key) {
        Object v = c.get(key);
        if (!(v instanceof Number n)) throw new IllegalArgumentException("setting '" + key + "' is " + (v == null ? "missing" : "not a number: " + v));
        return n;
    }
}
