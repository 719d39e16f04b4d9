package jinn.nn;

import jinn.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batch normalisation (Ioffe and Szegedy, 2015): each channel (of images [channels, height, width])
 * or feature (of vectors [features]) is shifted and scaled to mean 0 and variance 1 over the batch,
 * then multiplied by a learnt gamma and shifted by a learnt beta. While training it uses the
 * batch's statistics and keeps running averages of them (momentum 0.1, the variance unbiased, as
 * PyTorch); at inference it uses those averages, so a prediction does not depend on the rest of its
 * batch. Built from tensor ops, so autograd differentiates it.
 */
public final class BatchNorm extends Layer {
    static final float EPSILON = 1e-5f, MOMENTUM = 0.1f;
    private Tensor gamma, beta, runningMean, runningVar;
    private int[] inputShape;

    @Override public String kind() { return "batchNorm"; }

    @Override public boolean isBuilt() { return gamma != null; }

    private void checkInput(int[] in) {
        if (in.length != 1 && in.length != 3) throw shapeError("[features] or [channels, height, width]", in);
        if (inputShape != null && in[0] != inputShape[0]) {
            throw shapeError(inputShape.length == 1 ? "[" + inputShape[0] + "]" : "[" + inputShape[0] + ", height, width]", in);
        }
    }

    @Override public int[] outputShape(int[] in) {
        checkInput(in);
        return in.clone();
    }

    @Override public List<int[]> parameterShapes(int[] in) {
        checkInput(in);
        return List.of(new int[]{in[0]}, new int[]{in[0]});
    }

    @Override
    void build(int[] in, java.util.Random random) {
        checkInput(in);
        if (gamma != null) return;
        inputShape = in.clone();
        int c = in[0];
        gamma = Tensor.ones(c).requiresGrad(true);
        beta = Tensor.zeros(c).requiresGrad(true);
        runningMean = Tensor.zeros(c);
        runningVar = Tensor.ones(c);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int[] sample = Arrays.copyOfRange(x.shape(), 1, x.rank());
        if (gamma == null) build(sample, null);
        checkInput(sample);
        int c = sample[0];
        // Per-channel values broadcast against [batch, c] or [batch, c, h, w].
        int[] statShape = x.rank() == 2 ? new int[]{1, c} : new int[]{1, c, 1, 1};
        Tensor mean, var;
        if (training) {
            mean = x.rank() == 2 ? x.mean(0, true) : x.mean(0, true).mean(2, true).mean(3, true);
            Tensor centred = x.sub(mean);
            var = x.rank() == 2 ? centred.square().mean(0, true) : centred.square().mean(0, true).mean(2, true).mean(3, true);
            updateRunning(mean, var, x.size() / c);
            Tensor xhat = centred.div(var.add(EPSILON).sqrt());
            return xhat.mul(gamma.reshape(statShape)).add(beta.reshape(statShape));
        }
        mean = runningMean.reshape(statShape);
        var = runningVar.reshape(statShape);
        return x.sub(mean).div(var.add(EPSILON).sqrt()).mul(gamma.reshape(statShape)).add(beta.reshape(statShape));
    }

    private void updateRunning(Tensor mean, Tensor var, int count) {
        float[] m = mean.toArray(), v = var.toArray(), rm = runningMean.data(), rv = runningVar.data();
        float unbias = count > 1 ? (float) count / (count - 1) : 1f;
        for (int i = 0; i < m.length; i++) {
            rm[runningMean.offset() + i] = (1 - MOMENTUM) * rm[runningMean.offset() + i] + MOMENTUM * m[i];
            rv[runningVar.offset() + i] = (1 - MOMENTUM) * rv[runningVar.offset() + i] + MOMENTUM * v[i] * unbias;
        }
    }

    @Override public List<Tensor> parameters() { return gamma == null ? List.of() : List.of(gamma, beta); }

    @Override public List<String> parameterNames() { return List.of("gamma", "beta"); }

    @Override public List<Tensor> buffers() { return gamma == null ? List.of() : List.of(runningMean, runningVar); }

    @Override public List<String> bufferNames() { return List.of("runningMean", "runningVar"); }

    /** The running mean per channel (what inference subtracts). */
    public Tensor runningMean() { return runningMean; }

    /** The running (unbiased) variance per channel. */
    public Tensor runningVar() { return runningVar; }

    @Override Map<String, Object> config() { return new LinkedHashMap<>(); }

    @Override public String describe() { return "batchNorm"; }
}
