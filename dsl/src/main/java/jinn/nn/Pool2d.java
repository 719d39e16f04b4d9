package jinn.nn;

import jinn.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Max or average pooling over {@code size × size} windows of images [channels, height, width],
 * moved by {@code stride} (by default the window's size, so windows do not overlap), without
 * padding: a 28×28 image pooled by 2 becomes 14×14, a 13×13 one 6×6 (the last row and column drop).
 */
public final class Pool2d extends Layer {
    private final boolean max;
    private final int size, stride;

    Pool2d(boolean max, int size, int stride) {
        String what = max ? "maxPool" : "avgPool";
        if (size <= 0) throw new IllegalArgumentException(what + ": the window size must be positive, got " + size);
        if (stride <= 0) throw new IllegalArgumentException(what + ": the stride must be positive, got " + stride);
        this.max = max;
        this.size = size;
        this.stride = stride;
    }

    @Override public String kind() { return max ? "maxPool2d" : "avgPool2d"; }

    public int size() { return size; }

    /** Max pooling (else average). */
    public boolean isMax() { return max; }

    public int stride() { return stride; }

    @Override
    public int[] outputShape(int[] in) {
        if (in.length != 3) throw shapeError("[channels, height, width]", in);
        if (in[1] < size || in[2] < size) {
            throw new IllegalArgumentException(where() + "a " + size + "×" + size + " window does not fit in images of "
                    + in[1] + "×" + in[2] + " (input shape " + java.util.Arrays.toString(in) + ")");
        }
        return new int[]{in[0], (in[1] - size) / stride + 1, (in[2] - size) / stride + 1};
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int[] sample = java.util.Arrays.copyOfRange(x.shape(), 1, x.rank());
        outputShape(sample);   // the layer's own error, naming it, before the op's
        return max ? x.maxPool2d(size, stride) : x.avgPool2d(size, stride);
    }

    @Override Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("size", size);
        c.put("stride", stride);
        return c;
    }

    @Override public String describe() { return kind() + "(" + size + (stride != size ? ", stride " + stride : "") + ")"; }
}
