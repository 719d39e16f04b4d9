package jinn.io;

import jinn.tensor.Tensor;

import java.util.Arrays;

/**
 * A flat row-major {@code float[]} with its shape: one named entry of a model file.
 *
 * <pre>{@code
 * var w = new ShapedArray(new int[]{2, 3}, new float[]{1, 2, 3, 4, 5, 6});
 * Tensor t = w.toTensor();   // shares the array
 * }</pre>
 */
public record ShapedArray(int[] shape, float[] data) {

    public ShapedArray {
        if (shape == null || data == null) {
            throw new IllegalArgumentException("ShapedArray: shape and data must not be null");
        }
        shape = shape.clone();
        long n = 1;
        for (int dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("ShapedArray: negative dimension in shape " + Arrays.toString(shape));
            }
            n *= dim;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("ShapedArray: shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got an array of " + data.length);
        }
    }

    /** A contiguous copy of the tensor's values with its shape. */
    public static ShapedArray of(Tensor tensor) {
        return new ShapedArray(tensor.shape(), tensor.toArray());
    }

    /** A tensor that wraps (does not copy) {@link #data()}. */
    public Tensor toTensor() {
        return Tensor.of(data, shape);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The number of values: the product of the shape. */
    public int size() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShapedArray other && Arrays.equals(shape, other.shape) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ShapedArray" + Arrays.toString(shape);
    }
}
