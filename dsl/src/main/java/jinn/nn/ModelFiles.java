package jinn.nn;

import jinn.io.ModelFileException;
import jinn.io.SafeTensors;
import jinn.io.ShapedArray;
import jinn.tensor.Tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
