package jinn.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Loss and accuracy of a model on a data set (accuracy is NaN for regression), plus any metrics asked for. */
public record Evaluation(double loss, double accuracy, int samples, Map<String, Double> metrics) {

    public Evaluation(double loss, double accuracy, int samples) {
        this(loss, accuracy, samples, Map.of());
    }

    /** The named metric, or an error listing those computed. */
    public double metric(String name) {
        Double v = metrics.get(name);
        if (v == null) throw new IllegalArgumentException("no metric '" + name + "' in this evaluation; computed: " + metrics.keySet());
        return v;
    }

    Evaluation with(Map<String, Double> more) {
        Map<String, Double> m = new LinkedHashMap<>(metrics);
        m.putAll(more);
        return new Evaluation(loss, accuracy, samples, Map.copyOf(m));
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "loss: %.4f  accuracy: %.4f", loss, accuracy));
        metrics.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %s: %.4f", k, v)));
        return sb.append(String.format(Locale.ROOT, "  (%d samples)", samples)).toString();
    }
}
