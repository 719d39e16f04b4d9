package jinn.notebook;

import java.util.List;
import java.util.Objects;

/** A notebook with the results of running it: one {@link CellResult} per cell, in order. */
public record NotebookRun(Notebook notebook, List<CellResult> results) {

    public NotebookRun {
        results = List.copyOf(results);
    }

    /** The failures, first first; empty when every cell that ran passed. */
    public List<Failure> failures() {
        return results.stream().map(CellResult::failure).filter(Objects::nonNull).toList();
    }

    public boolean passed() {
        return failures().isEmpty();
    }

    /** Code cells that did not run because an earlier one failed. */
    public long skipped() {
        return results.stream().filter(r -> r.cell().kind() == Cell.Kind.CODE && !r.ran()).count();
    }
}
