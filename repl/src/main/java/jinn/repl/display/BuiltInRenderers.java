package jinn.repl.display;

import java.util.List;

/** The renderers the REPL brings itself, for the value kinds it depends on directly. */
final class BuiltInRenderers {

    private BuiltInRenderers() {}

    static List<DisplayRenderer> all() {
        return List.of(new TensorRenderer(), new NetRenderer(), new HistoryRenderer(), new EvaluationRenderer(),
                new TableRenderer(), new ChartRenderer(), new ImageRenderer(), new ArrayRenderer(), new RichTextRenderer());
    }
}
