package jinn.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NotebookTest {

    static final String TEXT = """
            // %% [markdown]
            // # Title
            //
            // Some *prose*.

            // %%
            int a = 1;
            a + 1

            // %% second cell, with a title
            String s = "x";
            """;

    @Test
    void cellsKeepKindTextAndFileLines() {
        Notebook nb = Notebook.parse(TEXT, "t.jsh");
        assertEquals(3, nb.cells().size(), "cells of " + nb);
        Cell md = nb.cells().get(0), code = nb.cells().get(1), second = nb.cells().get(2);
        assertEquals(Cell.Kind.MARKDOWN, md.kind());
        assertEquals("# Title\n\nSome *prose*.", md.trimmed());
        assertEquals(2, md.firstLine());
        assertEquals(Cell.Kind.CODE, code.kind());
        assertEquals("int a = 1;\na + 1", code.trimmed());
        assertEquals(7, code.firstLine(), "file line of 'int a = 1;'");
        assertEquals(8, code.fileLine(2), "file line of 'a + 1'");
        assertEquals(Cell.Kind.CODE, second.kind());
        assertEquals(11, second.firstLine());
        assertEquals("String s = \"x\";", second.trimmed());
    }

    @Test
    void aFileWithoutMarkersIsOneCodeCell() {
        Notebook nb = Notebook.parse("int a = 1;\nSystem.out.println(a);\n", "plain.jsh");
        assertEquals(1, nb.cells().size());
        assertEquals(Cell.Kind.CODE, nb.cells().get(0).kind());
        assertEquals(1, nb.cells().get(0).firstLine());
        assertEquals("int a = 1;\nSystem.out.println(a);", nb.cells().get(0).trimmed());
    }

    @Test
    void blankLinesBeforeTheFirstMarkerMakeNoCell() {
        Notebook nb = Notebook.parse("\n\n// %%\nint a = 1;\n", "t.jsh");
        assertEquals(1, nb.cells().size());
        assertEquals(4, nb.cells().get(0).firstLine());
    }

    @Test
    void writtenJshParsesBackToTheSameCells() {
        Notebook nb = Notebook.parse(TEXT, "t.jsh");
        Notebook again = Notebook.parse(nb.toJsh(), "t2.jsh");
        assertEquals(kindsAndText(nb), kindsAndText(again), "round trip through toJsh:\n" + nb.toJsh());
    }

    static List<String> kindsAndText(Notebook nb) {
        return nb.cells().stream().map(c -> c.kind() + ":" + c.trimmed()).toList();
    }

    @Test
    void anUnclosedBlockCommentBeforeACellMarkerIsRefusedWithFileAndLine() {
        String text = "// %%\nint a = 1; /* the rest\nof the note\n// %% [markdown]\n// prose\n// %%\nint b = 2;\n";
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Notebook.parse(text, "n.jsh"));
        assertEquals("n.jsh, line 2: a block comment (/*) opened here is not closed before the cell marker at line 4; close it, "
                + "or the code after that marker would never run", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Notebook.parse("// %%\nString s = \"\"\"\n  text\n", "t.jsh"));
        assertEquals("t.jsh, line 2: a text block (\"\"\") opened here is not closed by the end of the file; close it", e.getMessage());
        // closed, or only looking like an opening: fine
        assertEquals(2, Notebook.parse("// %%\nint a = 1; /* x */\nString s = \"/*\"; // /*\nchar c = '\"';\n// %%\nint b;\n", "ok.jsh")
                .cells().size());
        // a command line is not Java: the glob of /classpath lib/* opens no comment
        assertEquals("/classpath lib/*\nint c = 1;", Notebook.parse("// %%\n/classpath lib/*\nint c = 1;\n// %%\nint d;\n", "cp.jsh")
                .cells().get(0).trimmed());
    }

    @Test
    void proseLinesThatLookLikeMarkersSurviveTheJshExactly() {
        String prose = "%% a\n %% b\n\\%% c\n%%[markdown]";
        Notebook nb = new Notebook("p", List.of(new Cell(Cell.Kind.MARKDOWN, prose, 1), new Cell(Cell.Kind.CODE, "int a;", 3)));
        Notebook back = Notebook.parse(nb.toJsh(), "p.jsh");
        assertEquals(2, back.cells().size(), nb.toJsh());
        assertEquals(prose, back.cells().get(0).trimmed());
    }

    @Test
    void onlyJavasLineEndsSplitLines() {
        // U+2028 ends no line for javac: the comment goes on, and no marker starts after it
        Notebook nb = Notebook.parse("// %%\nint a; // note\u2028// %% [markdown]\nint b;\n", "u.jsh");
        assertEquals(1, nb.cells().size());
        assertEquals("int a; // note\u2028// %% [markdown]\nint b;", nb.cells().get(0).source());
    }
}
