package jinn.accel;


/**
 * im2col and its adjoint col2im, the data movement that turns a convolution into one GEMM.
 *
 * <p>Layout (Caffe's, over the whole batch): for images x [n, c, h, w], the matrix cols has one row
 * per (channel, ky, kx) of the window and one column per output position of every image, columns
 * ordered (image, oy, ox): cols[(ch · kH + ky) · kW + kx][(img · outH + oy) · outW + ox] =
 * x[img][ch][oy · sH + ky − padTop][ox · sW + kx − padLeft], 0 where that falls in the padding. A
 * convolution with weights W [f, c·kH·kW] is then W · cols, an [f, n·outH·outW] matrix: one GEMM
 * for the whole batch whose long side (n · positions) runs along the GEMM's full-width tiles, and
 * whose rows hold each image's feature map as one stretch. With stride 1 a row of cols is made of
 * stretches of the image's rows, copied whole.
 *
 * <p>{@link #referenceIm2col} and {@link #referenceCol2im} are the plain definitions
 * ({@link ScalarBackend}); {@link #im2col} and {@link #col2im} here are the fast ones for a range
 * of images, which {@link CpuBackend} runs over images in parallel. col2im adds in the same order
 * in both, (channel, ky, kx) then (oy, ox), so their sums agree bit for bit.
 */
final class Im2col {
    private Im2col() {}

    /** The definition, one value at a time, for images [0, n), rows of cols ld apart. */
    static void referenceIm2col(ConvShape s, int n, float[] x, int xOff, float[] cols, int colsOff, int ld) {
        for (int img = 0; img < n; img++)
            for (int ch = 0; ch < s.channels(); ch++)
                for (int ky = 0; ky < s.kernelH(); ky++)
                    for (int kx = 0; kx < s.kernelW(); kx++) {
                        int row = colsOff + ((ch * s.kernelH() + ky) * s.kernelW() + kx) * ld + img * s.positions();
                        for (int oy = 0; oy < s.outH(); oy++)
                            for (int ox = 0; ox < s.outW(); ox++) {
                                int y = oy * s.strideH() + ky - s.padTop(), xx = ox * s.strideW() + kx - s.padLeft();
                                boolean in = y >= 0 && y < s.height() && xx >= 0 && xx < s.width();
                                cols[row + oy * s.outW() + ox] = in ? x[xOff + ((img * s.channels() + ch) * s.height() + y) * s.width() + xx] : 0f;
                            }
                    }
    }

    /** The definition of the adjoint: dx[pixel] += every value of cols that was read from that pixel. */
    static void referenceCol2im(ConvShape s, int n, float[] cols, int colsOff, float[] dx, int dxOff) {
        int ld = n * s.positions();
        for (int img = 0; img < n; img++)
            for (int ch = 0; ch < s.channels(); ch++)
                for (int ky = 0; ky < s.kernelH(); ky++)
                    for (int kx = 0; kx < s.kernelW(); kx++) {
                        int row = colsOff + ((ch * s.kernelH() + ky) * s.kernelW() + kx) * ld + img * s.positions();
                        for (int oy = 0; oy < s.outH(); oy++)
                            for (int ox = 0; ox < s.outW(); ox++) {
                                int y = oy * s.strideH() + ky - s.padTop(), xx = ox * s.strideW() + kx - s.padLeft();
                                if (y >= 0 && y < s.height() && xx >= 0 && xx < s.width()) {
                                    dx[dxOff + ((img * s.channels() + ch) * s.height() + y) * s.width() + xx] += cols[row + oy * s.outW() + ox];
                                }
                            }
                    }
    }

    /** The output columns [ox0, ox1) whose window column kx falls inside the image (the rest read padding). */
    private static int firstInside(ConvShape s, int kx) {
        // ox · sW + kx − padLeft ≥ 0
        int need = s.padLeft() - kx;
        return need <= 0 ? 0 : Math.min(s.outW(), (need + s.strideW() - 1) / s.strideW());
    }

    private static int endInside(ConvShape s, int kx) {
        // ox · sW + kx − padLeft ≤ w − 1
        int last = s.width() - 1 + s.padLeft() - kx;
        return last < 0 ? 0 : Math.min(s.outW(), last / s.strideW() + 1);
    }

    /** cols columns of images [from, to), rows ld apart: per output row, the stretch inside the image is copied, the padding zeroed. */
    static void im2col(ConvShape s, int from, int to, float[] x, int xOff, float[] cols, int colsOff, int ld) {
        int kH = s.kernelH(), kW = s.kernelW(), h = s.height(), w = s.width(), sW = s.strideW(), ow = s.outW();
        int pos = s.positions(), plane = h * w;
        for (int img = from; img < to; img++)
            for (int ch = 0; ch < s.channels(); ch++) {
                int src = xOff + (img * s.channels() + ch) * plane;
                for (int ky = 0; ky < kH; ky++)
                    for (int kx = 0; kx < kW; kx++) {
                        int row = colsOff + ((ch * kH + ky) * kW + kx) * ld + img * pos;
                        int ox0 = firstInside(s, kx), ox1 = Math.max(ox0, endInside(s, kx));
                        for (int oy = 0; oy < s.outH(); oy++) {
                            int d = row + oy * ow, y = oy * s.strideH() + ky - s.padTop();
                            if (y < 0 || y >= h) {
                                for (int ox = 0; ox < ow; ox++) cols[d + ox] = 0f;
                                continue;
                            }
                            for (int ox = 0; ox < ox0; ox++) cols[d + ox] = 0f;
                            int at = src + y * w + kx - s.padLeft();
                            if (sW == 1) copy(x, at + ox0, cols, d + ox0, ox1 - ox0);
                            else for (int ox = ox0; ox < ox1; ox++) cols[d + ox] = x[at + ox * sW];
                            for (int ox = ox1; ox < ow; ox++) cols[d + ox] = 0f;
                        }
                    }
            }
    }

    /**
     * The rows these loops move are short (an 8×8 output map's are 8 long, a 24×24 one's 24). The copy
     * is System.arraycopy: as a 256-bit vector load and store it was boxed in training, once the JIT
     * had seen the GEMM kernels' 512-bit vectors pass through the same library code (a third of the
     * 23 MB a CNN's training step allocated with its pool threads), though it allocated nothing in
     * isolation; arraycopy copied the second MNIST convolution's columns as fast (1.29 against
     * 1.27 ms, one thread) and a plain loop took 1.9 ms. col2im's sums went the same way later
     * (see {@link #addRows}); {@code GarbagePerBatchTest}'s CNN step pins both.
     */
    private static void copy(float[] src, int from, float[] dst, int to, int len) {
        System.arraycopy(src, from, dst, to, len);
    }

    /**
     * dst += src over {@code rows} rows of len floats (rows srcLd and dstLd apart), each value added
     * once, as the reference does; plain Java, which C2 compiles the same way in every caller. As
     * 256-bit vectors (a second width beside the GEMM's 512-bit tile on AVX-512) these adds were
     * boxed in some compilations: once the forward convolution ran a few images at a time, a
     * LeNet-sized training step allocated 10 MB of them, though the same code had allocated nothing
     * before; 512-bit vectors with a masked tail (an 8×8 map's rows are 8 long) never boxed but ran
     * slower than this loop.
     */
    private static void addRows(float[] src, int from, int srcLd, float[] dst, int to, int dstLd, int rows, int len) {
        for (int r = 0; r < rows; r++, from += srcLd, to += dstLd) {
            for (int i = 0; i < len; i++) dst[to + i] += src[from + i];
        }
    }

    /** dx += col2im(cols) for images [from, to) out of n; an image's pixels take values from its own columns alone, so image ranges run in parallel. */
    static void col2im(ConvShape s, int n, int from, int to, float[] cols, int colsOff, float[] dx, int dxOff) {
        int kH = s.kernelH(), kW = s.kernelW(), h = s.height(), w = s.width(), sW = s.strideW(), ow = s.outW();
        int pos = s.positions(), ld = n * pos, plane = h * w;
        for (int img = from; img < to; img++)
            for (int ch = 0; ch < s.channels(); ch++) {
                int dst = dxOff + (img * s.channels() + ch) * plane;
                for (int ky = 0; ky < kH; ky++)
                    for (int kx = 0; kx < kW; kx++) {
                        int row = colsOff + ((ch * kH + ky) * kW + kx) * ld + img * pos;
                        int ox0 = firstInside(s, kx), ox1 = Math.max(ox0, endInside(s, kx));
                        // The output rows whose window row ky falls inside the image: a run of oy.
                        int oy0 = 0, oy1 = s.outH();
                        while (oy0 < oy1 && oy0 * s.strideH() + ky - s.padTop() < 0) oy0++;
                        while (oy1 > oy0 && (oy1 - 1) * s.strideH() + ky - s.padTop() >= h) oy1--;
                        if (oy0 >= oy1 || ox0 >= ox1) continue;
                        int c = row + oy0 * ow + ox0, at = dst + (oy0 * s.strideH() + ky - s.padTop()) * w + kx - s.padLeft() + ox0 * sW;
                        if (sW == 1) addRows(cols, c, ow, dx, at, s.strideH() * w, oy1 - oy0, ox1 - ox0);
                        else {
                            for (int oy = oy0; oy < oy1; oy++, c += ow, at += s.strideH() * w)
                                for (int ox = 0; ox < ox1 - ox0; ox++) dx[at + ox * sW] += cols[c + ox];
                        }
                    }
            }
    }
}
