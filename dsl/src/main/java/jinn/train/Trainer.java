package jinn.train;

import jinn.accel.ClassLabels;
import jinn.accel.TrainingStep;
import jinn.data.Dataset;
import jinn.tensor.Tensor;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The training loop: shuffled mini-batches, forward, loss, backward, optimizer step; progress,
 * history, validation, early stopping. Checks for interruption between batches, so Ctrl-C in
 * the REPL (which interrupts the evaluating thread) stops training and keeps what was learned.
 */
public final class Trainer {
    private Trainer() {}

    /** An epoch loss this many times the first one earns a warning: the run is diverging. */
    static final double LOSS_GROWTH_WARNING = 10;

    /** Evaluation runs in batches of this size: large enough to be fast, small enough for memory. */
    static final int EVAL_BATCH = 1024;

    public static History fit(Trainable model, Dataset data, Fit cfg) {
        History history = new History();
        try {
            return run(model, data, cfg, history);
        } finally {
            for (var c : cfg.endCallbacks) c.accept(history);
        }
    }

    private static History run(Trainable model, Dataset data, Fit cfg, History history) {
        if (data == null || data.isEmpty()) {
            throw new IllegalArgumentException("fit: the training data is empty (0 samples)");
        }
        int width = data.featureCount();
        List<Tensor> params = model.parameters(width);
        Loss loss = resolve(cfg.loss, model, data);
        checkTargets(model, data, "training data");
        if (cfg.validation != null) {
            if (cfg.validation.featureCount() != width) {
                throw new IllegalArgumentException("fit: validation data has " + cfg.validation.featureCount()
                        + " features but the training data has " + width);
            }
            checkTargets(model, cfg.validation, "validation data");
        }
        Optimizer opt = cfg.optimizer != null ? cfg.optimizer : Optimizer.adam(0.001f);
        PrintStream out = cfg.out != null ? cfg.out : System.out;
        int n = data.size(), bs = Math.min(cfg.batchSize, n);
        int batches = (n + bs - 1) / bs;
        ProgressBar bar = new ProgressBar(out, cfg.progress != null ? cfg.progress : ProgressBar.detect(), cfg.epochs, batches);
        String chosen = chosenLossNote(cfg.loss, loss, model, data);
        if (chosen != null) bar.note(chosen);
        Random random = cfg.seed != null ? new Random(cfg.seed) : new Random();
        boolean logits = loss == Loss.SOFTMAX_CROSS_ENTROPY && model.endsWithSoftmax();
        boolean classes = data.isClassification();
        int tw = classes ? 1 : data.targetWidth();

        float[] xb = new float[bs * width];
        int[] yb = new int[bs];
        float[] tb = classes ? null : new float[bs * tw];
        double best = Double.POSITIVE_INFINITY;
        boolean warnedGrowth = false;
        int sinceBest = 0;
        List<float[]> bestWeights = null;

        // A plain MLP with softmax cross-entropy trains in fused steps (on the host, or compiled by a
        // device for SGD), its weights kept by the step and copied back into the network after each epoch.
        CompiledStep device = CompiledStep.start(model, params, loss, opt, data, bs);
        try {
            for (int epoch = 1; epoch <= cfg.epochs; epoch++) {
                bar.startEpoch(epoch);
                long t0 = System.nanoTime();
                int[] order = cfg.shuffle ? data.order(random) : identity(n);
                double lossSum = 0, correct = 0;
                long seen = 0;
                for (int b = 0; b < batches; b++) {
                    if (Thread.interrupted()) {
                        String why = "interrupted during epoch " + epoch + " at batch " + (b + 1) + "/" + batches
                                + "; the network keeps the weights learned so far";
                        history.stopped(why);
                        bar.note("\n" + why);
                        return history;
                    }
                    int from = b * bs, count = Math.min(bs, n - from);
                    float[] xbuf = count == bs ? xb : new float[count * width];
                    int[] labels = null;
                    TrainingStep.Result onDevice = null;
                    if (device != null) {
                        labels = count == bs ? yb : new int[count];
                        data.copyLabels(order, from, count, labels);
                        // The step gathers the rows itself, each thread its share.
                        onDevice = device.step((f, t, dst, off) -> data.copyRows(order, from + f, t - f, dst, off), xbuf, labels, count);
                        if (onDevice == null) device = null;
                    }
                    // Op by op (also after a device failed mid-step) the batch is gathered here.
                    if (onDevice == null) data.copyRows(order, from, count, xbuf);
                    float lv;
                    double acc;
                    if (onDevice != null) {
                        lv = onDevice.loss();
                        if (!Float.isFinite(lv)) throw diverged(lv, epoch, b, batches, opt, history);
                        acc = (double) onDevice.correct() / count;
                    } else {
                        Tensor x = Tensor.of(xbuf, count, width);
                        Tensor out1 = model.forward(x, true, logits);
                        Tensor l;
                        if (classes) {
                            labels = count == bs ? yb : new int[count];
                            data.copyLabels(order, from, count, labels);
                            l = loss.of(out1, labels);
                        } else {
                            float[] tbuf = count == bs ? tb : new float[count * tw];
                            data.copyTargets(order, from, count, tbuf);
                            l = loss.of(out1, Tensor.of(tbuf, count, tw));
                        }
                        lv = l.item();
                        if (!Float.isFinite(lv)) throw diverged(lv, epoch, b, batches, opt, history);
                        l.backward();
                        opt.step(params);
                        for (Tensor p : params) p.zeroGrad();
                        acc = classes ? agree(Targets.classes(out1), labels, count) : Double.NaN;
                    }
                    lossSum += (double) lv * count;
                    correct += acc * count;
                    seen += count;
                    History.Batch rec = new History.Batch(epoch, b + 1, lv, acc);
                    if (cfg.recordBatches) history.add(rec);
                    for (var c : cfg.batchCallbacks) c.accept(rec);
                    bar.batch(b + 1, seen, lossSum / seen, classes ? correct / seen : Double.NaN);
                }
                if (device != null) device.sync();
                double secs = (System.nanoTime() - t0) / 1e9;
                double vl = Double.NaN, va = Double.NaN;
                if (cfg.validation != null) {
                    Evaluation ev = evaluate(model, cfg.validation, loss);
                    vl = ev.loss();
                    va = ev.accuracy();
                }
                History.Epoch rec = new History.Epoch(epoch, lossSum / seen, classes ? correct / seen : Double.NaN, vl, va,
                        secs, seen / Math.max(secs, 1e-9));
                history.add(rec);
                bar.endEpoch(rec);
                if (!warnedGrowth && epoch > 1 && rec.loss() > LOSS_GROWTH_WARNING * history.epochs().get(0).loss()) {
                    warnedGrowth = true;
                    bar.note("warning: the loss grew from " + Figures.of(history.epochs().get(0).loss()) + " (epoch 1) to "
                            + Figures.of(rec.loss()) + " (epoch " + epoch + "): training is diverging; try a smaller learning rate than "
                            + opt.learningRate());
                }
                for (var c : cfg.epochCallbacks) c.accept(rec);
                if (cfg.patience > 0) {
                    double monitored = cfg.validation != null ? vl : rec.loss();
                    if (monitored < best - cfg.minDelta) {
                        best = monitored;
                        sinceBest = 0;
                        bestWeights = snapshot(params);
                    } else if (++sinceBest >= cfg.patience) {
                        if (bestWeights != null) restore(params, bestWeights);
                        String why = String.format(Locale.ROOT, "early stopping after epoch %d: %s did not improve for %d epochs "
                                + "(best %.4f); restored the best weights", epoch, cfg.validation != null ? "val_loss" : "loss",
                                cfg.patience, best);
                        history.stopped(why);
                        bar.note(why);
                        return history;
                    }
                }
            }
            return history;
        } finally {
            if (device != null) device.close();
        }
    }

    private static TrainingDiverged diverged(float lv, int epoch, int b, int batches, Optimizer opt, History history) {
        String msg = String.format(Locale.ROOT, "training stopped: the loss became %s at epoch %d, batch %d/%d "
                + "(learning rate %s may be too high, or the inputs contain NaN/inf)", lv, epoch, b + 1, batches,
                opt.learningRate());
        history.stopped(msg);
        return new TrainingDiverged(msg, history);
    }

    /** Loss, accuracy and the given metrics (from the confusion matrix) on a data set. */
    public static Evaluation evaluate(Trainable model, Dataset data, Loss loss, Metric... metrics) {
        Evaluation ev = evaluate(model, data, loss);
        if (metrics.length == 0) return ev;
        if (!data.isClassification()) throw new IllegalArgumentException("evaluate: metrics need class labels; this data set has real-valued targets");
        int n = data.size(), width = data.featureCount();
        float[] xs = new float[n * width];
        data.copyRows(identity(n), 0, n, xs);
        int[] predicted;
        try (var g = Tensor.noGrad()) {
            predicted = Targets.classes(model.forward(Tensor.of(xs, n, width), false, false));
        }
        ConfusionMatrix cm = ConfusionMatrix.of(data.labels(), predicted, data.classNames());
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (Metric metric : metrics) m.put(metric.name(), metric.compute(cm));
        return ev.with(m);
    }

    /** Loss and accuracy on a data set, without building graphs. */
    public static Evaluation evaluate(Trainable model, Dataset data, Loss loss) {
        if (data == null || data.isEmpty()) throw new IllegalArgumentException("evaluate: the data is empty (0 samples)");
        Loss l = resolve(loss, model, data);
        model.parameters(data.featureCount());
        checkTargets(model, data, "evaluation data");
        boolean logits = l == Loss.SOFTMAX_CROSS_ENTROPY && model.endsWithSoftmax();
        int n = data.size(), width = data.featureCount();
        int[] all = identity(n);
        double lossSum = 0, correct = 0;
        try (var g = Tensor.noGrad()) {
            for (int from = 0; from < n; from += EVAL_BATCH) {
                int count = Math.min(EVAL_BATCH, n - from);
                float[] xb = new float[count * width];
                data.copyRows(all, from, count, xb);
                Tensor out = model.forward(Tensor.of(xb, count, width), false, logits);
                if (data.isClassification()) {
                    int[] labels = new int[count];
                    data.copyLabels(all, from, count, labels);
                    lossSum += (double) l.of(out, labels).item() * count;
                    correct += agree(Targets.classes(out), labels, count) * count;
                } else {
                    float[] t = new float[count * data.targetWidth()];
                    data.copyTargets(all, from, count, t);
                    lossSum += (double) l.of(out, Tensor.of(t, count, data.targetWidth())).item() * count;
                }
            }
        }
        return new Evaluation(lossSum / n, data.isClassification() ? correct / n : Double.NaN, n);
    }

    /**
     * The progress header's line when fit chose mean squared error by itself for class labels, which
     * a learner who expected cross-entropy would not guess: which loss, why, and how to pick another.
     * Null when the loss was asked for, is the softmax cross-entropy a classifier ending in softmax
     * expects, or is mean squared error on real-valued targets (regression).
     */
    static String chosenLossNote(Loss requested, Loss resolved, Trainable model, Dataset data) {
        if ((requested != Loss.AUTO && requested != null) || resolved != Loss.MSE || !data.isClassification()) return null;
        return "loss: mean squared error, chosen by fit because the network does not end in softmax"
                + " (another: epochs(n).loss(Loss.CROSS_ENTROPY), or end the network with .softmax())";
    }

    static Loss resolve(Loss requested, Trainable model, Dataset data) {
        if (requested != Loss.AUTO && requested != null) return requested;
        if (model.endsWithSoftmax() && data.isClassification()) return Loss.SOFTMAX_CROSS_ENTROPY;
        return Loss.MSE;
    }

    private static void checkTargets(Trainable model, Dataset data, String what) {
        int outs = model.outputWidth();
        if (outs < 0) return;
        if (data.isClassification()) {
            int[] labels = data.labels();
            // One output (a sigmoid) classes 0 and 1.
            ClassLabels.check("fit: the " + what, labels, labels.length, outs == 1 ? 2 : outs,
                    "the network has " + outs + " output" + (outs == 1 ? "" : "s"));
        } else if (data.targetWidth() != outs) {
            throw new IllegalArgumentException("fit: the " + what + " has " + data.targetWidth()
                    + " target columns but the network has " + outs + " outputs");
        }
    }

    private static double agree(int[] predicted, int[] labels, int count) {
        int ok = 0;
        for (int i = 0; i < count; i++) if (predicted[i] == labels[i]) ok++;
        return count == 0 ? 0 : (double) ok / count;
    }

    private static int[] identity(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) o[i] = i;
        return o;
    }

    private static List<float[]> snapshot(List<Tensor> params) {
        List<float[]> s = new ArrayList<>();
        for (Tensor p : params) s.add(p.toArray());
        return s;
    }

    private static void restore(List<Tensor> params, List<float[]> saved) {
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            System.arraycopy(saved.get(i), 0, p.data(), p.offset(), p.size());
        }
    }
}
