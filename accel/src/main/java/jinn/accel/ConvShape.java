package jinn.accel;

/**
 * The geometry of a 2-D convolution (or pooling) window over images of {@code channels × height ×
 * width}: a {@code kernelH × kernelW} window moved by {@code strideH, strideW}, with {@code padTop}
 * and {@code padLeft} rows and columns of zeros before the image (and enough after it for the
 * output size given). outH and outW are the output's size, which the caller derives from its
 * padding rule ("valid", "same" or explicit), so that kernels need not know the rule.
 */
public record ConvShape(int channels, int height, int width, int kernelH, int kernelW,
                        int strideH, int strideW, int padTop, int padLeft, int outH, int outW) {

    public ConvShape {
        if (channels <= 0 || height <= 0 || width <= 0 || kernelH <= 0 || kernelW <= 0 || strideH <= 0 || strideW <= 0
                || padTop < 0 || padLeft < 0 || outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("convolution geometry: every size must be positive and the padding not negative, got " + this);
        }
    }

    /** Values in one image: channels · height · width. */
    public int imageSize() { return channels * height * width; }

    /** Values in one window, the rows of the im2col matrix: channels · kernelH · kernelW. */
    public int patchSize() { return channels * kernelH * kernelW; }

    /** Output positions per image: outH · outW. */
    public int positions() { return outH * outW; }
}
