package jinn.train;

import jinn.accel.Backend;
import jinn.accel.Backends;
import jinn.accel.CompilesTrainingSteps;
import jinn.accel.DenseChain;
import jinn.accel.TrainingStep;
import jinn.accel.UnaryOp;
import jinn.data.Dataset;
import jinn.nn.Activation;
import jinn.nn.Dense;
import jinn.nn.Layer;
import jinn.nn.Net;
import jinn.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The training loop's fused step for a plain MLP (dense layers, each optionally followed by one
 * identity/ReLU/leaky ReLU/sigmoid/tanh, then softmax) trained with softmax cross-entropy on class
 * labels: recognising such a net is the dsl's job ({@link #chain}). A backend that
 * {@link CompilesTrainingSteps} runs whole SGD steps with the weights kept on its device; otherwise
 * {@link FusedMlpStep} runs them on the host through the current backend's kernels. Everything
 * else trains op by op.
 *
 * <p>The network's weight tensors (and, on a device, the optimizer's momentum) are stale while the
 * step holds the truth: {@link #sync} copies them back, which the loop does after every epoch and
 * when fit ends. The host step updates the optimizer's own state in place.
 */
final class CompiledStep {
    private final TrainingStep step;
    private final List<Tensor> params;
    private final List<float[]> velocities;
    private boolean dirty;

    private CompiledStep(TrainingStep step, List<Tensor> params, List<float[]> velocities) {
        this.step = step;
        this.params = params;
        this.velocities = velocities;
    }

    /** The fused step for this run, or null when the model, loss or optimizer do not allow one. */
    static CompiledStep start(Trainable model, List<Tensor> params, Loss loss, Optimizer opt, Dataset data, int batchSize) {
        if (!Boolean.parseBoolean(System.getProperty("jinn.compiledStep", "true"))) return null;
        if (loss != Loss.SOFTMAX_CROSS_ENTROPY || !data.isClassification() || !(opt instanceof ElementwiseOptimizer rule)) return null;
        if (!(model instanceof Net net)) return null;
        DenseChain chain = chain(net, data.featureCount(), batchSize);
        if (chain == null) return null;
        Backend backend = Backends.current();
        // A device's compiled step knows SGD without weight decay only; it keeps the velocities, which come back on sync.
        if (backend instanceof CompilesTrainingSteps device && opt instanceof Sgd sgd && sgd.weightDecay() == 0) {
            Optional<TrainingStep> offered = device.sgdTrainingStep(chain, sgd.learningRate(), sgd.momentum());
            if (offered.isPresent()) {
                List<float[]> velocities = null;
                if (sgd.momentum() != 0f) {
                    velocities = new ArrayList<>();
                    for (Tensor p : params) velocities.add(sgd.velocity(p));
                }
                return started(offered.get(), params, velocities);
            }
        }
        return started(new FusedMlpStep(backend, chain, rule, params), params, null);
    }

    /** The step with the network's parameters written into it; null when the device failed at that (it said why). */
    private static CompiledStep started(TrainingStep step, List<Tensor> params, List<float[]> velocities) {
        List<float[]> values = new ArrayList<>();
        for (Tensor p : params) values.add(p.toArray());
        try {
            step.write(values, velocities);
        } catch (TrainingStep.Failed e) {
            step.close();
            return null;
        } catch (RuntimeException e) {
            step.close();
            throw e;
        }
        return new CompiledStep(step, params, velocities);
    }

    /**
     * The network as a {@link DenseChain}, or null when it is not a plain MLP ending in softmax:
     * dense layers, each followed by at most one supported activation, and a final softmax.
     */
    static DenseChain chain(Net net, int inputWidth, int batchSize) {
        List<Layer> layers = net.layers();
        if (!net.endsWithSoftmax()) return null;
        List<Integer> widths = new ArrayList<>(List.of(inputWidth));
        List<UnaryOp> acts = new ArrayList<>();
        List<Float> alphas = new ArrayList<>();
        List<Boolean> biases = new ArrayList<>();
        int i = 0, end = layers.size() - 1;
        while (i < end) {
            if (!(layers.get(i) instanceof Dense d) || d.inputs() != widths.get(widths.size() - 1)) return null;
            widths.add(d.units());
            biases.add(d.hasBias());
            i++;
            UnaryOp act = UnaryOp.IDENTITY;
            float alpha = 0f;
            if (i < end && layers.get(i) instanceof Activation a) {
                act = a.elementwiseOp();
                if (act == null || !DenseChain.ACTIVATIONS.contains(act)
                        || (act == UnaryOp.LEAKY_RELU && !(a.alpha() >= 0 && a.alpha() < 1))) return null;
                alpha = a.alpha();
                i++;
            }
            acts.add(act);
            alphas.add(alpha);
        }
        if (acts.isEmpty() || widths.get(widths.size() - 1) < 2) return null;
        int[] w = widths.stream().mapToInt(Integer::intValue).toArray();
        float[] al = new float[alphas.size()];
        boolean[] bs = new boolean[biases.size()];
        for (int l = 0; l < al.length; l++) {
            al[l] = alphas.get(l);
            bs[l] = biases.get(l);
        }
        return new DenseChain(w, acts.toArray(UnaryOp[]::new), al, bs, batchSize);
    }

    /**
     * One step on the device, the batch gathered by {@code rows} into {@code x} (see
     * {@link TrainingStep#step(TrainingStep.Rows, float[], int[], int)}); null when the device failed
     * (the backend has said why): the caller runs this batch and the rest op by op, from the
     * parameters as of the last step that worked.
     */
    TrainingStep.Result step(TrainingStep.Rows rows, float[] x, int[] labels, int count) {
        try {
            TrainingStep.Result r = step.step(rows, x, labels, count);
            dirty = true;
            return r;
        } catch (TrainingStep.Failed e) {
            try {
                sync();
            } catch (TrainingStep.Failed again) {
                // The device lost them: the network keeps the weights of the last sync (the epoch's start).
                dirty = false;
            }
            step.close();
            return null;
        }
    }

    /** Copies the device's parameters (and momentum) into the network's tensors, if they changed since the last copy. */
    void sync() {
        if (!dirty) return;
        List<float[]> values = new ArrayList<>();
        for (Tensor p : params) values.add(new float[p.size()]);
        step.read(values, velocities);
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            System.arraycopy(values.get(i), 0, p.data(), p.offset(), p.size());
        }
        dirty = false;
    }

    /** Syncs, then frees the device's copy. If the device cannot give the weights back (the backend said why), the network keeps those of the last sync. */
    void close() {
        try {
            sync();
        } catch (TrainingStep.Failed e) {
            dirty = false;
        } finally {
            step.close();
        }
    }
}
