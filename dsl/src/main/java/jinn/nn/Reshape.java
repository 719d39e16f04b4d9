package jinn.nn;

import jinn.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives each sample a new shape with the same number of values, e.g. rows of 784 pixels as
 * [1, 28, 28] images: a view, no copy. (A network declared with an image shape, net(1, 28, 28),
 * does this to its input by itself.)
 */
public final class Reshape extends Layer {
    private final int[] shape;

    Reshape(int[] shape) {
        for (int d : shape) if (d <= 0) throw new IllegalArgumentException("reshape: dimensions must be positive, got " + Arrays.toString(shape));
        this.shape = shape.clone();
    }

    @Override public String kind() { return "reshape"; }

    @Override
    public int[] outputShape(int[] in) {
        long a = 1, b = 1;
        for (int d : in) a *= d;
        for (int d : shape) b *= d;
        if (a != b) {
            throw new IllegalArgumentException(where() + "cannot give samples of shape " + Arrays.toString(in) + " (" + a + " values) the shape "
                    + Arrays.toString(shape) + " (" + b + " values)");
        }
        return shape.clone();
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        outputShape(Arrays.copyOfRange(x.shape(), 1, x.rank()));
        int[] batched = new int[shape.length + 1];
        batched[0] = x.dim(0);
        System.arraycopy(shape, 0, batched, 1, shape.length);
        return x.reshape(batched);
    }

    @Override public int[] outputShapeAlone() { return shape.clone(); }

    @Override Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("shape", Arrays.stream(shape).boxed().toList());
        return c;
    }

    static Reshape fromConfig(Map<String, Object> c) { return new Reshape(LayerKinds.integers(c, "shape")); }

    @Override public String describe() { return "reshape" + Arrays.toString(shape).replace('[', '(').replace(']', ')'); }

}
