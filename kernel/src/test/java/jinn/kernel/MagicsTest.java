package jinn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jinn.repl.command.Commands;
import org.junit.jupiter.api.Test;

/** How a cell is taken apart into magic lines and Java, and which command a magic names. */
class MagicsTest {

    @Test
    void javaAloneIsPlain() {
        for (String code : List.of("1 + 1", "// %time is a comment\n1", "/* /vars */ 2", "int a = 10\n% 3;", "x /y")) {
            Magics.Cell cell = Magics.parse(code);
            assertTrue(cell.plain(), code);
            assertEquals(code, cell.body());
        }
    }

    @Test
    void aNameWithAQuestionMarkAsksForItsDocumentation() {
        assertEquals(List.of(new Magics.Line("%", "pinfo", "net().dense", 1)), Magics.parse("net().dense?").magics());
        assertEquals("Math.max", Magics.parse("  Math.max ?? ").magics().get(0).args());
        for (String java : List.of("a ? b : c", "x > 0 ? 1 : 2", "?", "int a = 1;\nMath.max?", "x > 0 ?", "net(2).dense?")) {
            assertTrue(Magics.parse(java).plain(), java);
        }
    }

    @Test
    void leadingLineMagicsThenTheBody() {
        Magics.Cell cell = Magics.parse("\n%who\n/imports  \n%timeit  x.sum()\nint a = 1;\n%who");
        assertEquals(List.of(new Magics.Line("%", "who", "", 2), new Magics.Line("/", "imports", "", 3),
                new Magics.Line("%", "timeit", "x.sum()", 4)), cell.magics());
        assertEquals("int a = 1;\n%who", cell.body(), "a magic after Java is the body's (javac will say it is not Java)");
        assertEquals(5, cell.bodyLine());
        assertTrue(cell.cellMagic().isEmpty());
    }

    @Test
    void aCellMagicTakesTheRestOfTheCell() {
        Magics.Cell cell = Magics.parse("%%time\n%who\nint a = 1;");
        assertEquals(List.of(new Magics.Line("%%", "time", "", 1)), cell.magics());
        assertEquals("%who\nint a = 1;", cell.body());
        assertEquals(2, cell.bodyLine());
        assertEquals("time", cell.cellMagic().orElseThrow().name());
        // After a line magic, a cell magic is no magic: IPython allows it only on the first line.
        assertEquals("%%time\n1", Magics.parse("%who\n%%time\n1").body());
    }

    @Test
    void ipythonNamesFindTheReplsCommandsAndTheReplsOwnAreRefused() {
        Commands commands = Commands.standard();
        assertEquals("vars", Magics.command(new Magics.Line("%", "whos", "", 1), commands).orElseThrow().name());
        assertEquals("time", Magics.command(new Magics.Line("%", "timeit", "", 1), commands).orElseThrow().name());
        assertEquals("time", Magics.command(new Magics.Line("/", "time", "", 1), commands).orElseThrow().name(), "/time is the REPL's");
        assertTrue(Magics.command(new Magics.Line("%", "time", "", 1), commands).isEmpty(), "%time is the kernel's own");
        assertTrue(Magics.command(new Magics.Line("%", "nosuch", "", 1), commands).isEmpty());
        var e = assertThrows(IllegalArgumentException.class, () -> Magics.command(new Magics.Line("%", "exit", "", 1), commands));
        assertTrue(e.getMessage().contains("Shut Down"), e.getMessage());
    }

    @Test
    void durationsReadAsIPythonWritesThem() {
        assertEquals("850 µs", MagicRunner.duration(850_000));
        assertEquals("1.25 ms", MagicRunner.duration(1_250_000));
        assertEquals("12.3 ms", MagicRunner.duration(12_340_000));
        assertEquals("123 ms", MagicRunner.duration(123_400_000));
        assertEquals("1.25 s", MagicRunner.duration(1_250_000_000L));
        assertEquals("12.5 s", MagicRunner.duration(12_500_000_000L));
    }
}
