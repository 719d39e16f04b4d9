package jinn.tensor;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Values and shapes of the image ops against their definitions in doubles; gradients are in {@link GradientTest}. */
class ImageOpsTest {

    /** The definition: y[n][f][oy][ox] = b[f] + Σ x[n][c][oy·s + ky − pt][ox·s + kx − pl] · w[f][c][ky][kx]. */
    static double[] directConv(Tensor x, Tensor w, Tensor b, int stride, int pt, int pl, int oh, int ow) {
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3), f = w.dim(0), kh = w.dim(2), kw = w.dim(3);
        double[] y = new double[n * f * oh * ow];
        for (int i = 0; i < n; i++)
            for (int o = 0; o < f; o++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++) {
                        double s = b == null ? 0 : b.get(o);
                        for (int ch = 0; ch < c; ch++)
                            for (int ky = 0; ky < kh; ky++)
                                for (int kx = 0; kx < kw; kx++) {
                                    int yy = oy * stride + ky - pt, xx = ox * stride + kx - pl;
                                    if (yy >= 0 && yy < h && xx >= 0 && xx < wd) s += (double) x.get(i, ch, yy, xx) * w.get(o, ch, ky, kx);
                                }
                        y[((i * f + o) * oh + oy) * ow + ox] = s;
                    }
        return y;
    }

    static void assertClose(double[] want, Tensor got, double tol) {
        float[] g = got.toArray();
        assertEquals(want.length, g.length);
        for (int i = 0; i < g.length; i++) assertEquals(want[i], g[i], tol * (1 + Math.abs(want[i])), "value " + i);
    }

    @Test
    void convolutionMatchesItsDefinition() {
        Random r = new Random(1);
        Tensor x = Tensor.randn(r, 3, 2, 9, 8), w = Tensor.randn(r, 4, 2, 3, 3), b = Tensor.randn(r, 4);
        Tensor valid = x.conv2d(w, b, 1, "valid");
        assertArrayEquals(new int[]{3, 4, 7, 6}, valid.shape());
        assertClose(directConv(x, w, b, 1, 0, 0, 7, 6), valid, 1e-5);
        // "same" with stride 1 keeps the size; with stride 2, ⌈9/2⌉ × ⌈8/2⌉ = 5 × 4, TensorFlow's split of the padding.
        Tensor same = x.conv2d(w, b, 1, "same");
        assertArrayEquals(new int[]{3, 4, 9, 8}, same.shape());
        assertClose(directConv(x, w, b, 1, 1, 1, 9, 8), same, 1e-5);
        Tensor same2 = x.conv2d(w, null, 2, "same");
        assertArrayEquals(new int[]{3, 4, 5, 4}, same2.shape());
        assertClose(directConv(x, w, null, 2, 1, 0, 5, 4), same2, 1e-5);
        Tensor pad2 = x.conv2d(w, b, 3, 2);
        assertArrayEquals(new int[]{3, 4, 4, 4}, pad2.shape());
        assertClose(directConv(x, w, b, 3, 2, 2, 4, 4), pad2, 1e-5);
    }

    /** The fused op is conv2d then relu, bit for bit: its values and the gradients of x, w and b. */
    @Test
    void conv2dReluIsConv2dThenReluExactly() {
        for (String padding : new String[]{"valid", "same"}) {
            Random r = new Random(7);
            Tensor x = Tensor.randn(r, 3, 2, 9, 8).requiresGrad(true), w = Tensor.randn(r, 4, 2, 3, 3).requiresGrad(true),
                    b = Tensor.randn(r, 4).requiresGrad(true);
            Tensor x2 = x.detach().requiresGrad(true), w2 = w.detach().requiresGrad(true), b2 = b.detach().requiresGrad(true);
            Tensor fused = x.conv2dRelu(w, b, 1, padding), plain = x2.conv2d(w2, b2, 1, padding).relu();
            assertArrayEquals(plain.toArray(), fused.toArray(), padding);
            Tensor weights = Tensor.randn(new Random(8), plain.shape());
            fused.mul(weights).sum().backward();
            plain.mul(weights).sum().backward();
            assertArrayEquals(x2.grad().toArray(), x.grad().toArray(), "dx, " + padding);
            assertArrayEquals(w2.grad().toArray(), w.grad().toArray(), "dw, " + padding);
            assertArrayEquals(b2.grad().toArray(), b.grad().toArray(), "db, " + padding);
            // Some outputs are cut to 0, or the mask would not be tested.
            float[] y = fused.toArray();
            long zeros = java.util.stream.IntStream.range(0, y.length).filter(i -> y[i] == 0f).count();
            assertTrue(zeros > y.length / 4 && zeros < y.length * 3 / 4, zeros + " of " + y.length + " cut");
        }
    }

    /**
     * The op with the pooling too is conv2d, relu, then maxPool2d(2), bit for bit: values and the
     * gradients of x, w and b, with an odd output row or column (dropped by the pooling), stride 2,
     * no bias, ties (windows cut to 0 by relu), a NaN (which wins its windows and passes its
     * gradient), on one thread and two (40 images, several chunks on each share).
     */
    @Test
    void conv2dReluMaxPoolIsConv2dReluThenMaxPoolExactly() {
        jinn.accel.Backend before = jinn.accel.Backends.current();
        try {
            for (int threads : new int[]{1, 2})
                for (String padding : new String[]{"valid", "same"})
                    for (int stride : new int[]{1, 2})
                        for (boolean bias : new boolean[]{true, false}) {
                            jinn.accel.Backends.use(new jinn.accel.CpuBackend(threads));
                            Random r = new Random(11);
                            Tensor x0 = Tensor.randn(r, 40, 3, 11, 10);
                            float[] xs = x0.toArray();
                            xs[5 * 330 + 47] = Float.NaN;
                            Tensor x = Tensor.of(xs, 40, 3, 11, 10).requiresGrad(true), w = Tensor.randn(r, 6, 3, 3, 3).requiresGrad(true);
                            Tensor b = bias ? Tensor.randn(r, 6).requiresGrad(true) : null;
                            Tensor x2 = x.detach().requiresGrad(true), w2 = w.detach().requiresGrad(true), b2 = bias ? b.detach().requiresGrad(true) : null;
                            Tensor fused = x.conv2dReluMaxPool(w, b, stride, padding), plain = x2.conv2dRelu(w2, b2, stride, padding).maxPool2d(2, 2);
                            String what = padding + ", stride " + stride + (bias ? "" : ", no bias") + ", " + threads + " threads";
                            assertEquals("conv2d+relu+maxPool2d", fused.op(), what);
                            assertArrayEquals(plain.shape(), fused.shape(), what);
                            assertArrayEquals(plain.toArray(), fused.toArray(), what);
                            try (var g = Tensor.noGrad()) {
                                assertArrayEquals(plain.toArray(), x.conv2dReluMaxPool(w, b, stride, padding).toArray(), "without a gradient, " + what);
                            }
                            Tensor weights = Tensor.randn(new Random(8), plain.shape());
                            fused.mul(weights).sum().backward();
                            plain.mul(weights).sum().backward();
                            assertArrayEquals(x2.grad().toArray(), x.grad().toArray(), "dx, " + what);
                            assertArrayEquals(w2.grad().toArray(), w.grad().toArray(), "dw, " + what);
                            if (bias) assertArrayEquals(b2.grad().toArray(), b.grad().toArray(), "db, " + what);
                            float[] y = fused.toArray();
                            long zeros = java.util.stream.IntStream.range(0, y.length).filter(i -> y[i] == 0f).count();
                            long nans = java.util.stream.IntStream.range(0, y.length).filter(i -> Float.isNaN(y[i])).count();
                            assertTrue(zeros > 0 && zeros < y.length / 2, zeros + " of " + y.length + " windows all cut, " + what);
                            assertTrue(nans > 0, "a NaN wins its windows, " + what);
                        }
        } finally {
            jinn.accel.Backends.use(before);
        }
    }

    /** A network whose convolution, relu and 2×2 max pooling follow each other runs them as one op, and the same values as layer by layer. */
    @Test
    void aNetworkRunsConvolutionReluAndPoolingAsOneOp() {
        jinn.nn.Net model = jinn.Jinn.net(1, 12, 12).conv(4, 3).relu().maxPool(2).flatten().dense(3).seed(5).build();
        Tensor x = Tensor.randn(new Random(4), 2, 1, 12, 12).requiresGrad(true);
        Tensor out = model.forward(x, true, false);
        Tensor h = x;
        for (jinn.nn.Layer l : model.layers()) h = l.forward(h, false);
        assertArrayEquals(h.toArray(), out.toArray());
        java.util.Set<String> ops = new java.util.HashSet<>();
        java.util.ArrayDeque<Tensor> todo = new java.util.ArrayDeque<>(java.util.List.of(out));
        while (!todo.isEmpty()) {
            Tensor t = todo.pop();
            if (t.op() != null) ops.add(t.op());
            todo.addAll(t.inputs());
        }
        assertTrue(ops.contains("conv2d+relu+maxPool2d"), ops.toString());
        assertFalse(ops.contains("maxPool2d"), ops.toString());
    }

    /**
     * A convolution runs a few images at a time on each thread's share, with a gradient to come
     * (its columns kept for dW) or without. 70 images of 16 channels (several chunks on two shares,
     * cut elsewhere on one) give the same values bit for bit either way and on one or two threads,
     * the same gradients on one or two threads, and the definition's values.
     */
    @Test
    void aConvolutionInChunksOfImagesGivesTheSameValuesOnAnyThreadCount() {
        jinn.accel.Backend before = jinn.accel.Backends.current();
        try {
            Random r = new Random(3);
            Tensor x = Tensor.randn(r, 70, 16, 12, 12), w = Tensor.randn(r, 8, 16, 3, 3), b = Tensor.randn(r, 8);
            Tensor dy = Tensor.randn(r, 70, 8, 12, 12);
            for (boolean relu : new boolean[]{false, true}) {
                float[][] first = null;
                for (int threads : new int[]{1, 2}) {
                    jinn.accel.Backends.use(new jinn.accel.CpuBackend(threads));
                    Tensor inference = relu ? x.conv2dRelu(w, b, 1, "same") : x.conv2d(w, b, 1, "same");
                    Tensor xg = x.detach().requiresGrad(true), wg = w.detach().requiresGrad(true), bg = b.detach().requiresGrad(true);
                    Tensor training = relu ? xg.conv2dRelu(wg, bg, 1, "same") : xg.conv2d(wg, bg, 1, "same");
                    assertNull(inference.op(), "no graph without a gradient to come");
                    assertNotNull(training.op());
                    String what = threads + " threads" + (relu ? ", relu" : "");
                    assertArrayEquals(training.toArray(), inference.toArray(), "with and without a gradient to come, " + what);
                    training.mul(dy).sum().backward();
                    float[][] got = {training.toArray(), xg.grad().toArray(), wg.grad().toArray(), bg.grad().toArray()};
                    if (first == null) first = got;
                    else for (int i = 0; i < got.length; i++) assertArrayEquals(first[i], got[i], "y, dx, dw, db [" + i + "] on 1 and 2 threads" + (relu ? ", relu" : ""));
                }
            }
            assertClose(directConv(x, w, b, 1, 1, 1, 12, 12), x.conv2d(w, b, 1, "same"), 1e-5);
        } finally {
            jinn.accel.Backends.use(before);
        }
    }

    @Test
    void aHandMadeEdgeFilter() {
        // A vertical edge: left half 0, right half 1; the filter [-1 0 1] in each row answers 3 on the edge, 0 elsewhere.
        float[] img = new float[5 * 6];
        for (int y = 0; y < 5; y++) for (int x = 3; x < 6; x++) img[y * 6 + x] = 1f;
        Tensor w = Tensor.tensor(new double[][][][]{{{{-1, 0, 1}, {-1, 0, 1}, {-1, 0, 1}}}});
        Tensor y = Tensor.of(img, 1, 1, 5, 6).conv2d(w, null, 1, "valid");
        assertArrayEquals(new float[]{0, 3, 3, 0, 0, 3, 3, 0, 0, 3, 3, 0}, y.toArray());
    }

    @Test
    void poolingValues() {
        Tensor x = Tensor.of(new float[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, 1, 1, 4, 4);
        assertArrayEquals(new float[]{6, 8, 14, 16}, x.maxPool2d(2, 2).toArray());
        assertArrayEquals(new float[]{3.5f, 5.5f, 11.5f, 13.5f}, x.avgPool2d(2, 2).toArray());
        assertArrayEquals(new float[]{11, 12, 15, 16}, x.maxPool2d(3, 1).toArray());
        assertArrayEquals(new float[]{8.5f}, x.globalAvgPool().toArray());
        assertArrayEquals(new int[]{1, 1}, x.globalAvgPool().shape());
    }

    /** 2×2 max pooling's fast path sends each gradient where the general loop would: the first of equal values, the first NaN. */
    @Test
    void maxPoolGradientGoesToTheFirstTieAndTheFirstNaN() {
        float nan = Float.NaN;
        // Windows (row-major within each): ties at 0 and 1; a tie at 1 and 3; a NaN at 2 and 3; a NaN first.
        Tensor x = Tensor.of(new float[]{
                5, 5, 1, 7, 0, 2, nan, 0,
                1, 2, 3, 7, nan, nan, 1, 1}, 1, 1, 2, 8).requiresGrad(true);
        Tensor y = x.maxPool2d(2, 2);
        assertArrayEquals(new float[]{5, 7, nan, nan}, y.toArray());
        y.mul(Tensor.of(new float[]{1, 2, 3, 4}, 1, 1, 1, 4)).sum().backward();
        assertArrayEquals(new float[]{
                1, 0, 0, 2, 0, 0, 4, 0,
                0, 0, 0, 0, 3, 0, 0, 0}, x.grad().toArray());
        // The general loop (3×3 windows moved by 2 here) routes the same way.
        Tensor z = Tensor.of(new float[]{4, 4, 1, 4, 4, 1, 0, 0, 0}, 1, 1, 3, 3).requiresGrad(true);
        z.maxPool2d(3, 2).sum().backward();
        assertArrayEquals(new float[]{1, 0, 0, 0, 0, 0, 0, 0, 0}, z.grad().toArray());
    }

    @Test
    void shapeErrorsSayWhatWasExpectedAndReceived() {
        Tensor x = Tensor.zeros(2, 3, 5, 5);
        var e = assertThrows(IllegalArgumentException.class, () -> x.conv2d(Tensor.zeros(4, 2, 3, 3), null, 1, "valid"));
        assertEquals("conv2d: the filters [4, 2, 3, 3] take 2 channels but the images [2, 3, 5, 5] have 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 25).conv2d(Tensor.zeros(4, 1, 3, 3), null, 1, "valid"));
        assertEquals("conv2d: expects images of shape [batch, channels, height, width], got [2, 25]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.conv2d(Tensor.zeros(4, 3, 7, 7), null, 1, "valid"));
        assertEquals("conv2d: a 7×7 kernel does not fit in images of 5×5 with padding 0+0 rows, 0+0 columns", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.conv2d(Tensor.zeros(4, 3, 3, 3), null, 1, "full"));
        assertEquals("conv2d: padding must be \"valid\" or \"same\" (or a number of pixels), got \"full\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.maxPool2d(6, 6));
        assertEquals("maxPool2d: a 6×6 window does not fit in images of 5×5 (shape [2, 3, 5, 5])", e.getMessage());
    }
}
