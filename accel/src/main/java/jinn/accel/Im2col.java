package jinn.accel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

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

    /**
     * cols columns of images [from, to), rows ld apart: per output row, the stretch inside the image is
     * copied, the padding zeroed; without padding, with a horizontal stride of 1 and output rows that fit
     * a vector, a vector of positions at a time ({@link RowGather}).
     */
    static void im2col(ConvShape s, int from, int to, float[] x, int xOff, float[] cols, int colsOff, int ld) {
        int kH = s.kernelH(), kW = s.kernelW(), h = s.height(), w = s.width(), sW = s.strideW(), ow = s.outW();
        int pos = s.positions(), plane = h * w;
        RowGather rows = RowGather.of(s);
        for (int img = from; img < to; img++)
            for (int ch = 0; ch < s.channels(); ch++) {
                int src = xOff + (img * s.channels() + ch) * plane;
                for (int ky = 0; ky < kH; ky++)
                    for (int kx = 0; kx < kW; kx++) {
                        int row = colsOff + ((ch * kH + ky) * kW + kx) * ld + img * pos;
                        if (rows != null) {
                            rows.gather(x, src + ky * w + kx, cols, row);
                            continue;
                        }
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
     * (see {@link #sumRowsStride1}); {@code GarbagePerBatchTest}'s CNN step pins both.
     */
    private static void copy(float[] src, int from, float[] dst, int to, int len) {
        System.arraycopy(src, from, dst, to, len);
    }

    /** dx += col2im(cols) for images [from, to) out of n; an image's pixels take values from its own columns alone, so image ranges run in parallel. */
    static void col2im(ConvShape s, int n, int from, int to, float[] cols, int colsOff, float[] dx, int dxOff) {
        int kH = s.kernelH(), kW = s.kernelW(), h = s.height(), w = s.width(), sW = s.strideW(), ow = s.outW();
        int pos = s.positions(), ld = n * pos, plane = h * w;
        VectorMask<Float>[] take = sW == 1 ? windowColumns(s) : null;
        for (int img = from; img < to; img++) {
            int imageEnd = dxOff + (img + 1) * s.channels() * plane;
            for (int ch = 0; ch < s.channels(); ch++) {
                int dst = dxOff + (img * s.channels() + ch) * plane;
                if (sW == 1) {
                    sumRowsStride1(s, cols, colsOff + ch * kH * kW * ld + img * pos, ld, dx, dst, imageEnd, take);
                    continue;
                }
                for (int ky = 0; ky < kH; ky++)
                    for (int kx = 0; kx < kW; kx++) {
                        int row = colsOff + ((ch * kH + ky) * kW + kx) * ld + img * pos;
                        int ox0 = firstInside(s, kx), ox1 = Math.max(ox0, endInside(s, kx));
                        for (int oy = 0; oy < s.outH(); oy++) {
                            int y = oy * s.strideH() + ky - s.padTop();
                            if (y < 0 || y >= h) continue;
                            int c = row + oy * ow, at = dst + y * w + kx - s.padLeft();
                            for (int ox = ox0; ox < ox1; ox++) dx[at + ox * sW] += cols[c + ox];
                        }
                    }
            }
        }
    }

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /**
     * For a stride-1 convolution whose image rows fit in one vector: per window column kx, the lanes
     * x (pixels of an image row) that column kx of some window read, 0 ≤ x + padLeft − kx < outW
     * and x < width; null when the rows are wider than a vector.
     */
    @SuppressWarnings("unchecked")
    private static VectorMask<Float>[] windowColumns(ConvShape s) {
        if (s.width() > L) return null;
        VectorMask<Float>[] take = new VectorMask[s.kernelW()];
        boolean[] lanes = new boolean[L];
        for (int kx = 0; kx < s.kernelW(); kx++) {
            for (int x = 0; x < L; x++) {
                int ox = x + s.padLeft() - kx;
                lanes[x] = x < s.width() && ox >= 0 && ox < s.outW();
            }
            take[kx] = VectorMask.fromArray(S, lanes, 0);
        }
        return take;
    }

    /**
     * One channel's col2im with a horizontal stride of 1: for each window row ky and each output row
     * oy, the image row it lands on takes, pixel by pixel, the kW values of cols that were read from
     * that pixel, added in kx order: per pixel the reference's order, (ky, kx), so the sums agree
     * bit for bit. Where the row fits in a vector ({@code take}), it is one vector, and each kx adds
     * the row of cols shifted by kx under its mask (lanes outside keep their value, so the lanes
     * past the row store back what they held: only within this image, which one thread owns). The
     * adds along rows of cols were 8 long for an 8×8 map: too short for this CPU's vectors, and as
     * 256-bit vectors beside the GEMM's 512-bit ones they were boxed in some compilations (17.3 MB
     * a LeNet-sized training step against 7.5).
     */
    private static void sumRowsStride1(ConvShape s, float[] cols, int chRow, int ld, float[] dx, int dst, int imageEnd,
                                       VectorMask<Float>[] take) {
        int kH = s.kernelH(), kW = s.kernelW(), h = s.height(), w = s.width(), ow = s.outW(), pl = s.padLeft();
        for (int ky = 0; ky < kH; ky++) {
            int kyRow = chRow + ky * kW * ld;
            for (int oy = 0; oy < s.outH(); oy++) {
                int y = oy * s.strideH() + ky - s.padTop();
                if (y < 0 || y >= h) continue;
                int at = dst + y * w, src = kyRow + oy * ow + pl;
                // Lane x of window column kx reads cols[src + kx·(ld − 1) + x].
                if (take != null && at + L <= imageEnd && src >= 0 && src + (kW - 1) * (ld - 1) + L <= cols.length) {
                    FloatVector acc = FloatVector.fromArray(S, dx, at);
                    for (int kx = 0; kx < kW; kx++) acc = acc.add(FloatVector.fromArray(S, cols, src + kx * (ld - 1)), take[kx]);
                    acc.intoArray(dx, at);
                    continue;
                }
                for (int x = 0; x < w; x++) {
                    // Window columns kx that read pixel x: ox = x + pl − kx within [0, ow).
                    int kLo = Math.max(0, x + pl - ow + 1), kHi = Math.min(kW - 1, x + pl);
                    if (kLo > kHi) continue;
                    float r = dx[at + x];
                    for (int kx = kLo, c = src + kLo * ld + x - kLo; kx <= kHi; kx++, c += ld - 1) r += cols[c];
                    dx[at + x] = r;
                }
            }
        }
    }
}
