package jinn.repl.display;

import jinn.train.History;

/** A training history as a table, one row per epoch, with the reason training stopped early. */
final class HistoryRenderer implements DisplayRenderer {

    @Override
    public boolean accepts(Object value) {
        return value instanceof History;
    }

    @Override
    public String render(Object value, DisplayContext context) {
        History h = (History) value;
        if (h.epochs().isEmpty()) return "history: no epoch finished yet";
        return h.epochs().size() + (h.epochs().size() == 1 ? " epoch" : " epochs") + "\n" + h.toString().stripTrailing();
    }
}
