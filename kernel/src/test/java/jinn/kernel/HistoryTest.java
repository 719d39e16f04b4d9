package jinn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {

    @TempDir
    Path tmp;

    @Test
    void aNewKernelIsTheNextSessionAndFindsTheEarlierCells() {
        Path file = tmp.resolve("h/kernel-history.jsonl");
        History first = new History(file);
        assertEquals(1, first.session());
        first.add(1, "var a = 1;");
        first.add(2, "a + 1");

        History second = new History(file);
        assertEquals(2, second.session());
        second.add(1, "net()\n  .dense(2)");
        assertEquals(List.of(new History.Entry(1, 2, "a + 1"), new History.Entry(2, 1, "net()\n  .dense(2)")), second.tail(2));
        assertEquals(List.of(new History.Entry(1, 1, "var a = 1;")), second.range(-1, 1, 2));
        assertEquals(List.of(new History.Entry(2, 1, "net()\n  .dense(2)")), second.range(0, 1, 0));
        assertEquals(List.of(new History.Entry(2, 1, "net()\n  .dense(2)")), second.search("net()*", 0, false));
        assertEquals(2, second.search("*a*", 0, false).size());
    }

    @Test
    void searchCanKeepOnlyTheNewestOfEqualInputs() {
        History h = new History(null);
        h.add(1, "x");
        h.add(2, "y");
        h.add(3, "x");
        assertEquals(List.of(new History.Entry(1, 3, "x")), h.search("x", 0, true));
        assertEquals(List.of(new History.Entry(1, 2, "y"), new History.Entry(1, 3, "x")), h.search("?", 2, false));
    }
}
