package jinn.train;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/** counts[true][predicted]: how often each class was taken for each other class. */
public record ConfusionMatrix(int[][] counts, List<String> classNames) {

    public static ConfusionMatrix of(int[] actual, int[] predicted, List<String> classNames) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("confusion matrix: " + actual.length + " labels but " + predicted.length + " predictions");
        }
        int k = classNames.size();
        int[][] c = new int[k][k];
        for (int i = 0; i < actual.length; i++) {
            if (predicted[i] < 0 || predicted[i] >= k) {
                throw new IllegalArgumentException("confusion matrix: prediction " + predicted[i] + " at row " + i + " is not one of " + k + " classes");
            }
            c[actual[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(c, List.copyOf(classNames));
    }

    public int total() {
        int n = 0;
        for (int[] r : counts) for (int v : r) n += v;
        return n;
    }

    public double accuracy() {
        int ok = 0;
        for (int i = 0; i < counts.length; i++) ok += counts[i][i];
        return total() == 0 ? 0 : (double) ok / total();
    }

    /** Rows are true classes, columns predicted ones. */
    public Table toTable() {
        Table t = Table.create("confusion", StringColumn.create("true", classNames));
        for (int j = 0; j < classNames.size(); j++) {
            int[] col = new int[classNames.size()];
            for (int i = 0; i < col.length; i++) col[i] = counts[i][j];
            t.addColumns(IntColumn.create(classNames.get(j), col));
        }
        return t;
    }

    @Override public String toString() {
        int w = 5;
        for (String n : classNames) w = Math.max(w, n.length());
        for (int[] r : counts) for (int v : r) w = Math.max(w, String.valueOf(v).length());
        StringBuilder sb = new StringBuilder("true \\ predicted\n");
        sb.append(" ".repeat(w));
        for (String n : classNames) sb.append(' ').append(String.format("%" + w + "s", n));
        sb.append('\n');
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            StringBuilder line = new StringBuilder(String.format("%" + w + "s", classNames.get(i)));
            for (int v : counts[i]) line.append(' ').append(String.format("%" + w + "d", v));
            lines.add(line.toString());
        }
        return sb.append(String.join("\n", lines)).toString();
    }
}
