package jinn.repl;

import java.util.Arrays;
import java.util.Locale;
import jinn.nn.Net;
import jinn.nn.NetBuilder;
import jinn.tensor.Tensor;
import jinn.train.History;
import tech.tablesaw.api.Table;

/**
 * The one-line description {@code /vars} gives of a value. The full displays (a network's table, a
 * history's epochs) would be flattened into noise on one line, so the values jinn knows get a summary.
 */
final class VariableSummary {

    static final int WIDTH = 70;

    private VariableSummary() {}

    /** A summary of {@code value}, or {@code jshellText} (JShell's toString) on one line, cut to {@link #WIDTH}. */
    static String of(Object value, String jshellText) {
        String known;
        try {
            known = known(value);
        } catch (RuntimeException | LinkageError e) {
            known = null; // a half-built value: its text is still worth showing
        }
        return known != null ? known : oneLine(jshellText);
    }

    private static String known(Object value) {
        if (value instanceof Net net) return net(net);
        if (value instanceof NetBuilder b) {
            try {
                return "NetBuilder of " + net(b.net());
            } catch (IllegalStateException e) {
                return "NetBuilder, no layers yet";
            }
        }
        if (value instanceof History h) return history(h);
        if (value instanceof Tensor t) return "Tensor " + Arrays.toString(t.shape());
        if (value instanceof Table t) return "Table " + t.rowCount() + " rows x " + t.columnCount() + " cols";
        return null;
    }

    private static String net(Net net) {
        int layers = net.layers().size();
        return String.format(Locale.ROOT, "Net, %d %s, %,d params", layers, layers == 1 ? "layer" : "layers",
                net.parameterCount());
    }

    private static String history(History h) {
        int n = h.epochs().size();
        if (n == 0) return "History, no epoch finished yet";
        History.Epoch last = h.last();
        StringBuilder s = new StringBuilder("History, " + n + (n == 1 ? " epoch" : " epochs"));
        if (!Double.isNaN(last.loss())) s.append(String.format(Locale.ROOT, ", loss %.4f", last.loss()));
        if (!Double.isNaN(last.accuracy())) s.append(String.format(Locale.ROOT, ", acc %.4f", last.accuracy()));
        if (h.stoppedEarly()) s.append(", stopped early");
        return s.toString();
    }

    static String oneLine(String text) {
        String flat = text.strip().replaceAll("\\s*\\R\\s*", " ");
        return flat.length() > WIDTH ? flat.substring(0, WIDTH - 3) + "..." : flat;
    }
}
