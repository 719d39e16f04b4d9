package jinn.nn;

import jinn.io.ModelFileException;
import jinn.io.SafeTensors;
import jinn.io.ShapedArray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Rebuilds a {@link Net} from the architecture and tensors of a model file, checking every shape. */
final class ModelFiles {
    private ModelFiles() {}

    static Net rebuild(Path path, List<Map<String, Object>> arch, SafeTensors st) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < arch.size(); i++) {
            Map<String, Object> c = arch.get(i);
            String kind = String.valueOf(c.get("kind"));
            try {
                layers.add(switch (kind) {
                    case "dense" -> new Dense(num(c, "units").intValue(), Boolean.TRUE.equals(c.get("bias")),
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

    private static Number num(Map<String, Object> c, String key) {
        Object v = c.get(key);
        if (!(v instanceof Number n)) throw new IllegalArgumentException("setting '" + key + "' is " + (v == null ? "missing" : "not a number: " + v));
        return n;
    }
}
