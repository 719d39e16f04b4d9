package jinn.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jinn.fuzz.Fuzzer;
import org.junit.jupiter.api.Test;

/**
 * Notebook parsing under {@link Fuzzer}: {@code .jsh} splitting and {@code .ipynb} import. Only an
 * IllegalArgumentException naming the file may escape, and no code is ever lost: every line of a
 * {@code .jsh} is a marker or belongs to the cell whose lines say so, and an imported notebook reads
 * back from its {@code .jsh} as the same cells.
 */
class NotebookFuzzTest {

    private static final String[] JSH_WORDS = {"// %%", "// %% [markdown]", "//%%", "/*", "*/", "\"\"\"", "\"", "'", "\\", "\n",
            "\r\n", "%", "// ", "\u2028", "// written by jinn (sha256 0123456789abcdef); edit it and jinn will not overwrite it without --force"};

    @Test
    void jshCellSplitting() throws Exception {
        String tutorial = java.nio.file.Files.readString(TutorialsTest.notebooks().resolve("01-perceptron.jsh"));
        Fuzzer.named("jsh").seeds(tutorial, "// %%\nint a = 1; /* x */\n// %% [markdown]\n// prose\n// %%\nString s = \"\"\"\n  t\n  \"\"\";\n",
                        "int a;\n")
                .dictionary(JSH_WORDS)
                .allow(IllegalArgumentException.class, e -> e.getMessage().startsWith("f.jsh, line "))
                .run(bytes -> {
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    Notebook nb = Notebook.parse(text, "f.jsh");
                    String[] lines = GeneratedFile.unstamped(text).split(Notebook.LINE_END, -1);
                    for (Cell c : nb.cells()) {
                        if (c.source().isEmpty()) continue; // no line, or one blank line: nothing to compare
                        String[] body = c.source().split("\n", -1);
                        for (int i = 0; i < body.length && c.kind() == Cell.Kind.CODE; i++) {
                            assertEquals(lines[c.firstLine() - 1 + i], body[i], "code cell line " + (c.firstLine() + i) + " is the file's");
                        }
                    }
                });
    }

    @Test
    void ipynbImport() {
        String valid = """
                {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "java", "language": "java"}},
                 "cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Title\\n", "%% text"]},
                  {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
                   "source": ["%maven a:b:1\\n", "int x = 1; // %% [markdown]\\n", "String t = \\"\\"\\"\\n", "%d\\n", "\\"\\"\\";"]},
                  {"cell_type": "raw", "source": "raw"}]}""";
        Fuzzer.named("ipynb").seeds(valid, "{\"nbformat\": 4, \"cells\": []}")
                .dictionary("null", "{}", "[]", "5", "\"\"", "\"code\"", "\"markdown\"", "\"source\"", "\"cells\"", "\"nbformat\"",
                        "\"python\"", "\\n", "// %%", "/*", "\\\"\\\"\\\"", "%", "[[[[[[[[[[[[", "\"language\"")
                .allow(IllegalArgumentException.class, e -> e.getMessage().startsWith("f.ipynb"))
                .run(bytes -> {
                    IpynbImport.Result r = IpynbImport.read(new String(bytes, StandardCharsets.UTF_8), "f.ipynb", bytes.length % 2 == 0);
                    Notebook back = Notebook.parse(r.notebook().toJsh(), "f.jsh");
                    assertEquals(kindsAndText(r.notebook()), kindsAndText(back), "the .jsh reads back as the same cells");
                });
    }

    private static List<String> kindsAndText(Notebook nb) {
        List<String> out = new ArrayList<>();
        for (Cell c : nb.cells()) out.add(c.kind() + ": " + c.trimmed());
        return out;
    }
}
