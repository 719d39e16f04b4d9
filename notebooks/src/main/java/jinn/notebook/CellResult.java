package jinn.notebook;

import java.util.List;

/**
 * What running one cell gave.
 *
 * @param cell    the cell
 * @param number  its number among all cells, from 1
 * @param ran     false for markdown cells and for cells skipped after a failure
 * @param outputs what it printed, displayed and drew, in order
 * @param failure why it failed, or null
 * @param nanos   wall time
 */
public record CellResult(Cell cell, int number, boolean ran, List<Output> outputs, Failure failure, long nanos) {

    public CellResult {
        outputs = List.copyOf(outputs);
    }

    public boolean failed() {
        return failure != null;
    }

    /** The images among the outputs. */
    public List<Output.Image> images() {
        return outputs.stream().filter(o -> o instanceof Output.Image).map(o -> (Output.Image) o).toList();
    }
}
