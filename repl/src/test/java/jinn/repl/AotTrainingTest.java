package jinn.repl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class AotTrainingTest {

    /**
     * A training cell that fails does so quietly (training shows nothing), and the cache then lacks
     * what it was for: every cell must run, the Tablesaw table's included.
     */
    @Test
    void everyTrainingCellRunsAndTheLastMakesATablesawTable() {
        try (Engine engine = Engine.start()) {
            EvalResult last = null;
            for (String cell : AotTraining.CELLS) {
                last = engine.eval(cell);
                assertFalse(last.failed(), () -> "training cell failed: " + cell);
            }
            assertInstanceOf(tech.tablesaw.api.Table.class, last.value());
        }
    }
}
