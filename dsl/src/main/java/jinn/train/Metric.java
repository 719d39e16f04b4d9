package jinn.train;

/**
 * A figure of merit for classification, computed from the confusion matrix. The macro averages
 * weigh every class equally, so a rare class that is always missed drags them down, which plain
 * accuracy hides.
 */
public interface Metric {

    String name();

    double compute(ConfusionMatrix cm);

    Metric ACCURACY = of("accuracy", ConfusionMatrix::accuracy);
    Metric PRECISION = of("precision", cm -> macro(cm, true));
    Metric RECALL = of("recall", cm -> macro(cm, false));
    Metric F1 = of("f1", cm -> {
        double p = macro(cm, true), r = macro(cm, false);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    });

    static Metric of(String name, java.util.function.ToDoubleFunction<ConfusionMatrix> f) {
        return new Metric() {
            @Override public String name() { return name; }
            @Override public double compute(ConfusionMatrix cm) { return f.applyAsDouble(cm); }
            @Override public String toString() { return name; }
        };
    }

    /** Mean over classes of precision (column-wise) or recall (row-wise); classes never seen count 0. */
    private static double macro(ConfusionMatrix cm, boolean precision) {
        int[][] c = cm.counts();
        int k = c.length;
        double sum = 0;
        for (int i = 0; i < k; i++) {
            int denom = 0;
            for (int j = 0; j < k; j++) denom += precision ? c[j][i] : c[i][j];
            sum += denom == 0 ? 0 : (double) c[i][i] / denom;
        }
        return k == 0 ? 0 : sum / k;
    }
}
