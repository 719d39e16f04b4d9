package jinn.nn;

import jinn.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A 2-D convolution: {@code filters} kernels of {@code kernel × kernel} over images [channels,
 * height, width], moved by {@code stride}, with "valid" (no), "same" (output ⌈size / stride⌉) or
 * explicit padding. Weights [filters, channels, kernel, kernel] as in PyTorch, a bias [filters];
 * the number of channels comes from the input shape, declared or seen.
 */
public final class Conv2d extends WeightedLayer {
    private final int filters, kernel, stride;
    /** "valid", "same", or null for {@link #pad} pixels on every side. */
    private final String padding;
    private final int pad;
    private int channels = -1;
    private Tensor weight, bias;

    Conv2d(int filters, int kernel, int stride, String padding, int pad, boolean useBias, Init init) {
        super(useBias, init);
        if (filters <= 0) throw new IllegalArgumentException("conv: the number of filters must be positive, got " + filters);
        if (kernel <= 0) throw new IllegalArgumentException("conv: the kernel size must be positive, got " + kernel);
        if (stride <= 0) throw new IllegalArgumentException("conv: the stride must be positive, got " + stride);
        if (padding != null && !padding.equals("valid") && !padding.equals("same")) {
            throw new IllegalArgumentException("conv: padding must be \"valid\" or \"same\" (or a number of pixels), got \"" + padding + "\"");
        }
        if (padding == null && pad < 0) throw new IllegalArgumentException("conv: padding must not be negative, got " + pad);
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.pad = pad;
    }

    @Override public String kind() { return "conv2d"; }

    public int filters() { return filters; }

    public int kernel() { return kernel; }

    public int stride() { return stride; }

    /** The kernels [filters, channels, kernel, kernel] (a live parameter). */
    public Tensor weight() { return weight; }

    /** The bias [filters], or null without bias. */
    public Tensor bias() { return bias; }

    @Override public boolean isBuilt() { return weight != null; }

    private void checkInput(int[] in) {
        if (in.length != 3) throw shapeError("[channels, height, width]", in);
        if (channels >= 0 && in[0] != channels) throw shapeError("[" + channels + ", height, width]", in);
    }

    /** Padding before and after, along a side of {@code size} pixels. */
    private int[] padFor(int size) {
        if (padding == null) return new int[]{pad, pad};
        if (padding.equals("valid")) return new int[]{0, 0};
        int total = Math.max(0, ((size + stride - 1) / stride - 1) * stride + kernel - size);
        return new int[]{total / 2, total - total / 2};
    }

    private int outSize(int size) {
        int[] p = padFor(size);
        int span = size + p[0] + p[1] - kernel;
        return span < 0 ? 0 : span / stride + 1;
    }

    @Override
    public int[] outputShape(int[] in) {
        checkInput(in);
        int oh = outSize(in[1]), ow = outSize(in[2]);
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException(where() + "a " + kernel + "×" + kernel + " kernel does not fit in images of "
                    + in[1] + "×" + in[2] + " with padding " + describePadding() + "; use padding \"same\" or a smaller kernel");
        }
        return new int[]{filters, oh, ow};
    }

    @Override public List<int[]> parameterShapes(int[] in) {
        checkInput(in);
        int[] w = {filters, in[0], kernel, kernel};
        return useBias ? List.of(w, new int[]{filters}) : List.of(w);
    }

    @Override public long flops(int[] in) {
        int[] out = outputShape(in);
        return (long) out[0] * out[1] * out[2] * in[0] * kernel * kernel;
    }

    @Override
    void build(int[] in, Random random) {
        outputShape(in);   // checks rank, channels and that the kernel fits
        if (weight != null) return;
        channels = in[0];
        int fanIn = channels * kernel * kernel, fanOut = filters * kernel * kernel;
        float[] w = new float[filters * fanIn];
        init.fill(w, fanIn, fanOut, random);
        weight = Tensor.of(w, filters, channels, kernel, kernel).requiresGrad(true);
        if (useBias) {
            float[] b = new float[filters];
            biasInit.fill(b, 1, filters, random);
            bias = Tensor.of(b, filters).requiresGrad(true);
        }
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        prepare(x);
        return padding != null ? x.conv2d(weight, bias, stride, padding) : x.conv2d(weight, bias, stride, pad);
    }

    /**
     * Followed by ReLU, one op ({@link Tensor#conv2dRelu}): no convolution output and gradient in
     * between; and with a max pooling over 2×2 windows moved by 2 after that, one op with it too
     * ({@link Tensor#conv2dReluMaxPool}), where the output has room for a window (where it has not,
     * the pooling layer runs on its own and says so).
     */
    @Override
    Fused forwardFused(List<Layer> next, Tensor x, boolean training) {
        if (!(next.get(0) instanceof Activation a) || a.function() != Activation.Kind.RELU) return null;
        prepare(x);
        int[] out = outputShape(java.util.Arrays.copyOfRange(x.shape(), 1, x.rank()));
        if (next.size() > 1 && next.get(1) instanceof Pool2d p && p.isMax() && p.size() == 2 && p.stride() == 2 && out[1] >= 2 && out[2] >= 2) {
            return new Fused(padding != null ? x.conv2dReluMaxPool(weight, bias, stride, padding) : x.conv2dReluMaxPool(weight, bias, stride, pad), 2);
        }
        return new Fused(padding != null ? x.conv2dRelu(weight, bias, stride, padding) : x.conv2dRelu(weight, bias, stride, pad), 1);
    }

    /** Checks a batch's sample shape, building the weights on the first one. */
    private void prepare(Tensor x) {
        int[] sample = java.util.Arrays.copyOfRange(x.shape(), 1, x.rank());
        if (x.rank() != 4) throw shapeError("[channels, height, width]", sample);
        if (weight == null) build(sample, new Random());
        checkInput(sample);
    }

    @Override public List<Tensor> parameters() {
        if (weight == null) return List.of();
        return useBias ? List.of(weight, bias) : List.of(weight);
    }

    @Override public List<String> parameterNames() { return useBias ? List.of("weight", "bias") : List.of("weight"); }

    @Override
    Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("filters", filters);
        c.put("kernel", kernel);
        c.put("stride", stride);
        c.put("padding", padding != null ? padding : pad);
        c.put("bias", useBias);
        c.put("init", init.describe());
        return c;
    }

    /** Rebuilds from {@link #config()} (model files). */
    static Conv2d fromConfig(Map<String, Object> c) {
        Object p = c.get("padding");
        String padding = p instanceof String s ? s : null;
        int pad = padding == null ? LayerKinds.integer(c, "padding") : 0;
        return new Conv2d(LayerKinds.integer(c, "filters"), LayerKinds.integer(c, "kernel"), LayerKinds.integer(c, "stride"),
                padding, pad, Boolean.TRUE.equals(c.get("bias")), Init.parse(String.valueOf(c.get("init"))));
    }

    private String describePadding() { return padding != null ? padding : String.valueOf(pad); }

    @Override public String describe() {
        return "conv2d(" + filters + ", " + kernel + "×" + kernel + (stride != 1 ? ", stride " + stride : "")
                + (padding == null || !padding.equals("valid") ? ", padding " + describePadding() : "")
                + (useBias ? "" : ", no bias") + ", init=" + init.describe() + ")";
    }
}
