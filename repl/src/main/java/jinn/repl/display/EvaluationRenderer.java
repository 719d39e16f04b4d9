package jinn.repl.display;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jinn.train.Evaluation;

/** An evaluation as its one line of text, and as a small table of loss, accuracy and metrics. */
final class EvaluationRenderer implements DisplayRenderer {

    @Override
    public boolean accepts(Object value) {
        return value instanceof Evaluation;
    }

    @Override
    public MimeBundle render(Object value, DisplayContext context) {
        Evaluation e = (Evaluation) value;
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("loss", String.format(Locale.ROOT, "%.4f", e.loss())));
        if (!Double.isNaN(e.accuracy())) rows.add(List.of("accuracy", String.format(Locale.ROOT, "%.4f", e.accuracy())));
        e.metrics().forEach((k, v) -> rows.add(List.of(k, String.format(Locale.ROOT, "%.4f", v))));
        return MimeBundle.plain(e.toString())
                .with(MimeBundle.HTML, Html.table("evaluation on " + e.samples() + " samples", List.of("metric", "value"), rows));
    }
}
