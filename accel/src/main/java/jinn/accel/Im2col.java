package jinn.accel;

/**
 * im2col and its adjoint col2im, the data movement that turns a convolution into one GEMM.
 *
 * <p>Layout: for images x [n, c, h, w], the matrix cols has one row per output position of every
 * image, rows ordered (image, oy, ox), and one column per (channel, ky, kx) of the window: cols[(img
 * · outH + oy) · outW + ox][(ch · kH + ky) · kW + kx] = x[img][ch][oy · sH + ky − padTop][ox · sW + kx
 * − padLeft], 0 where that falls in the padding. A convolution with weights [f, c, kH, kW] is then
 * cols · Wᵀ, an [n · outH · outW, f] matrix: one GEMM for the whole batch, which the packed GEMM
 * runs at its speed where per-image products of 32 × 9 by 9 × 676 would not.
 *
 * <p>{@link #reference} is the plain definition ({@link ScalarBackend}); {@link #im2col} and
 * {@link #col2im} here are the fast ones for a range of images, with the bounds worked out per
 * row of a window rather than per value; {@link CpuBackend} runs them over images in parallel.
 */
final class Im2col {
    private Im2col() {}

    /** The definition, one value at a time: cols for images [0, n). */
    static void referenceIm2col(ConvShape s, int n, float[] x, int xOff, float[] cols, int colsOff) {
        int kk = s.kernelH() * s.kernelW(), patch = s.patchSize();
        for (int img = 0; img < n; img++)
            for (int oy = 0; oy < s.outH(); oy++)
                for (int ox = 0; ox < s.outW(); ox++) {
                    int row = colsOff + ((img * s.outH() + oy) * s.outW() + ox) * patch;
                    for (int ch = 0; ch < s.channels(); ch++)
                        for (int ky = 0; ky < s.kernelH(); ky++)
                            for (int kx = 0; kx < s.kernelW(); kx++) {
                                int y = oy * s.strideH() + ky - s.padTop(), xx = ox * s.strideW() + kx - s.padLeft();
                                boolean in = y >= 0 && y < s.height() && xx >= 0 && xx < s.width();
                                cols[row + ch * kk + ky * s.kernelW() + kx] =
                                        in ? x[xOff + ((img * s.channels() + ch) * s.height() + y) * s.width() + xx] : 0f;
                            }
                }
    }

    /** The definition of the adjoint: dx[pixel] += every cols value that was read from that pixel. */
    static void referenceCol2im(ConvShape s, int n, float[] cols, int colsOff, float[] dx, int dxOff) {
        int kk = s.kernelH() * s.kernelW(), patch = s.patchSize();
        for (int img = 0; img < n; img++)
            for (int oy = 0; oy < s.outH(); oy++)
                for (int ox = 0; ox < s.outW(); ox++) {
                    int row = colsOff + ((img * s.outH() + oy) * s.outW() + ox) * patch;
                    for (int ch = 0; ch < s.channels(); ch++)
                        for (int ky = 0; ky < s.kernelH(); ky++)
                            for (int kx = 0; kx < s.kernelW(); kx++) {
                                int y = oy * s.strideH() + ky - s.padTop(), xx = ox * s.strideW() + kx - s.padLeft();
                                if (y >= 0 && y < s.height() && xx >= 0 && xx < s.width()) {
                                    dx[dxOff + ((img * s.channels() + ch) * s.height() + y) * s.width() + xx] += cols[row + ch * kk + ky * s.kernelW() + kx];
                                }
                            }
                }
    }

    /**
     * cols rows for images [from, to): per output position and window row, the columns that fall in
     * the image are one stretch (copied), those in the padding are zeros.
     */
    static void im2col(ConvShape s, int from, int to, float[] x, int xOff, float[] cols, int colsOff) {
        int kH = s.kernelH(), kW = s.kernelW(), h = s.height(), w = s.width(), sW = s.strideW();
        int patch = s.patchSize(), plane = h * w;
        for (int img = from; img < to; img++) {
            int image = xOff + img * s.imageSize();
            for (int oy = 0; oy < s.outH(); oy++) {
                int y0 = oy * s.strideH() - s.padTop();
                for (int ox = 0; ox < s.outW(); ox++) {
                    int x0 = ox * sW - s.padLeft();
                    // The window's columns [kx0, kx1) lie inside the image; the rest are padding.
                    int kx0 = Math.max(0, -x0), kx1 = Math.min(kW, w - x0);
                    int row = colsOff + ((img * s.outH() + oy) * s.outW() + ox) * patch;
                    for (int ch = 0; ch < s.channels(); ch++) {
                        int src = image + ch * plane;
                        for (int ky = 0; ky < kH; ky++) {
                            int dst = row + (ch * kH + ky) * kW, y = y0 + ky;
                            if (y < 0 || y >= h || kx0 >= kx1) {
                                for (int kx = 0; kx < kW; kx++) cols[dst + kx] = 0f;
                                continue;
                            }
                            for (int kx = 0; kx < kx0; kx++) cols[dst + kx] = 0f;
                            int at = src + y * w + x0;
                            // A call to arraycopy costs more than a loop for the 3 or 5 values of a kernel row.
                            if (kx1 - kx0 > 16) System.arraycopy(x, at + kx0, cols, dst + kx0, kx1 - kx0);
                            else for (int kx = kx0; kx < kx1; kx++) cols[dst + kx] = x[at + kx];
                            for (int kx = kx1; kx < kW; kx++) cols[dst + kx] = 0f;
                        }
                    }
                }
            }
        }
    }

    /** dx += col2im(cols) for images [from, to); each image's pixels are written by its rows alone, so image ranges run in parallel. */
    static void col2im(ConvShape s, int from, int to, float[] cols, int colsOff, float[] dx, int dxOff) {
        int kH = s.kernelH(), kW = s.kernelW(), h = s.height(), w = s.width(), sW = s.strideW();
        int patch = s.patchSize(), plane = h * w;
        for (int img = from; img < to; img++) {
            int image = dxOff + img * s.imageSize();
            for (int oy = 0; oy < s.outH(); oy++) {
                int y0 = oy * s.strideH() - s.padTop();
                for (int ox = 0; ox < s.outW(); ox++) {
                    int x0 = ox * sW - s.padLeft();
                    int kx0 = Math.max(0, -x0), kx1 = Math.min(kW, w - x0);
                    int row = colsOff + ((img * s.outH() + oy) * s.outW() + ox) * patch;
                    for (int ch = 0; ch < s.channels(); ch++) {
                        int dst = image + ch * plane;
                        for (int ky = 0; ky < kH; ky++) {
                            int y = y0 + ky;
                            if (y < 0 || y >= h) continue;
                            int src = row + (ch * kH + ky) * kW, d = dst + y * w + x0;
                            for (int kx = kx0; kx < kx1; kx++) dx[d + kx] += cols[src + kx];
                        }
                    }
                }
            }
        }
    }
}
