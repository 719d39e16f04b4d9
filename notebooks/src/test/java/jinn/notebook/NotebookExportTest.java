package jinn.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export to HTML, ipynb and Markdown with outputs and charts; import back; the CLI verbs. */
class NotebookExportTest {

    static final String TEXT = """
            // %% [markdown]
            // # A small notebook
            //
            // Prose with `code`, **bold** and a list:
            // - one
            // - two

            // %%
            int n = 3;
            System.out.println("n = " + n);
            n * n

            // %% [markdown]
            // A chart of the sine:

            // %%
            plot(Math::sin, 0, 2 * Math.PI).title("sine")
            """;

    static NotebookRun run;

    @TempDir
    Path dir;

    @BeforeAll
    static void runOnce() {
        run = new NotebookRunner().run(Notebook.parse(TEXT, "small.jsh"));
        assertTrue(run.passed(), run.failures().toString());
    }

    @Test
    void aValueWithHtmlKeepsItInHtmlAndIpynbExports() {
        NotebookRun tensor = new NotebookRunner().run(Notebook.parse("// %%\ntensor(new float[][] {{1, 2}, {3, 4}})\n", "t.jsh"));
        assertTrue(tensor.passed(), tensor.failures().toString());
        String html = NotebookExport.html(tensor);
        assertTrue(html.contains("<div class=\"value\"><table class=\"jinn\">") && html.contains("<td>4.0</td>"), html);
        JsonObject data = JsonParser.parseString(NotebookExport.ipynb(tensor)).getAsJsonObject().getAsJsonArray("cells")
                .get(0).getAsJsonObject().getAsJsonArray("outputs").get(0).getAsJsonObject().getAsJsonObject("data");
        assertTrue(data.has("text/plain") && data.has("text/html"), data.toString());
    }

    @Test
    void htmlHasProseCodeOutputsAndTheChartAsAnInlinePng() {
        String html = NotebookExport.html(run);
        assertTrue(html.contains("<title>A small notebook</title>"), html);
        assertTrue(html.contains("<h1>A small notebook</h1>"), html);
        assertTrue(html.contains("<li>one</li>"), html);
        assertTrue(html.contains("<code>code</code>") && html.contains("<strong>bold</strong>"), html);
        assertTrue(html.contains("System.out.println(&quot;n = &quot; + n);"), "escaped code");
        assertTrue(html.contains("<pre class=\"stream\">n = 3</pre>"), html);
        assertTrue(html.contains("<pre class=\"value\">9</pre>"), html);
        assertEquals(1, images(html).size(), "one chart");
        assertPng(images(html).get(0));
    }

    @Test
    void htmlNumbersCodeCellsConsecutivelyNamesChartsByTitleAndWrapsLongLines() {
        String html = NotebookExport.html(run);
        // cells 2 and 4 of the file are the first and second code cells
        assertTrue(html.contains("id=\"cell-2\">\n<div class=\"prompt\">[1]</div>"), html);
        assertTrue(html.contains("id=\"cell-4\">\n<div class=\"prompt\">[2]</div>"), html);
        assertTrue(html.contains("<img class=\"chart\" alt=\"sine\""), "alt text is the chart's title");
        assertTrue(html.contains("white-space: pre-wrap"), "long output lines wrap");
        assertTrue(NotebookExport.markdown(run).contains("![sine](data:image/png"), "Markdown alt text");
    }

    @Test
    void ipynbValidatesAndCarriesTheChartAsImagePng() throws Exception {
        Path file = dir.resolve("small.ipynb");
        NotebookExport.write(run, NotebookExport.Format.IPYNB, file);
        Nbformat.validate(file);
        JsonObject nb = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        var cells = nb.getAsJsonArray("cells");
        assertEquals(4, cells.size());
        assertEquals("markdown", cells.get(0).getAsJsonObject().get("cell_type").getAsString());
        JsonObject chartCell = cells.get(3).getAsJsonObject();
        assertEquals(2, chartCell.get("execution_count").getAsInt());
        JsonObject data = chartCell.getAsJsonArray("outputs").get(0).getAsJsonObject().getAsJsonObject("data");
        assertPng(Base64.getDecoder().decode(data.get("image/png").getAsString()));
        JsonObject first = cells.get(1).getAsJsonObject();
        assertEquals("stream", first.getAsJsonArray("outputs").get(0).getAsJsonObject().get("output_type").getAsString());
        JsonObject spec = nb.getAsJsonObject("metadata").getAsJsonObject("kernelspec");
        assertEquals("jinn", spec.get("name").getAsString(), "the kernel `jinn kernel install` registers");
    }

    @Test
    void markdownLinksChartFilesWrittenBesideIt() throws Exception {
        Path file = dir.resolve("out/small.md");
        NotebookExport.write(run, NotebookExport.Format.MD, file);
        String md = Files.readString(file);
        assertTrue(md.startsWith("# A small notebook"), md);
        assertTrue(md.contains("```java\nint n = 3;"), md);
        assertTrue(md.contains("```text\n9\n```"), md);
        assertTrue(md.contains("![sine](small_files/cell-4-1.png)"), md);
        assertPng(Files.readAllBytes(dir.resolve("out/small_files/cell-4-1.png")));
    }

    @Test
    void importedIpynbKeepsCellsAndMarkdown() throws Exception {
        String json = NotebookExport.ipynb(run);
        Notebook back = IpynbImport.parse(json, "small.ipynb");
        assertEquals(NotebookTest.kindsAndText(run.notebook()), NotebookTest.kindsAndText(back));
        // and through the written .jsh once more
        Notebook again = Notebook.parse(back.toJsh(), "small.jsh");
        assertEquals(NotebookTest.kindsAndText(run.notebook()), NotebookTest.kindsAndText(again));
    }

    @Test
    void importKeepsKernelMagicsAsCommentsAndProseThatLooksLikeAMarker() {
        String json = """
                {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
                  {"cell_type": "markdown", "metadata": {}, "source": ["%% is how jupytext marks cells"]},
                  {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
                   "source": ["%maven org.example:lib:1.0\\n", "%jars lib/*.jar\\n", "int x = 1;"]}]}
                """;
        Notebook nb = IpynbImport.parse(json, "magic.ipynb");
        // A jar magic becomes the notebook's /classpath line; other magics stay as comments.
        assertEquals("// jupyter magic, not run: %maven org.example:lib:1.0\n/classpath lib/*.jar\nint x = 1;", nb.cells().get(1).source());
        Notebook back = Notebook.parse(nb.toJsh(), "magic.jsh");
        assertEquals(2, back.cells().size(), nb.toJsh());
        assertEquals(Cell.Kind.MARKDOWN, back.cells().get(0).kind());
        assertTrue(back.cells().get(0).source().strip().equals("%% is how jupytext marks cells"), back.cells().get(0).source());
    }

    @Test
    void everyTutorialSurvivesTheRoundTripThroughIpynbAndJsh() {
        for (String name : TutorialsTest.TUTORIALS) {
            Notebook nb = Notebook.read(TutorialsTest.notebooks().resolve(name));
            List<CellResult> notRun = new java.util.ArrayList<>();
            for (int i = 0; i < nb.cells().size(); i++) notRun.add(new CellResult(nb.cells().get(i), i + 1, false, List.of(), null, 0));
            Notebook back = IpynbImport.parse(NotebookExport.ipynb(new NotebookRun(nb, notRun)), name);
            assertEquals(NotebookTest.kindsAndText(nb), NotebookTest.kindsAndText(back), name + " through ipynb");
            assertEquals(NotebookTest.kindsAndText(nb), NotebookTest.kindsAndText(Notebook.parse(back.toJsh(), name)),
                    name + " through ipynb and .jsh");
        }
    }

    @Test
    void importRejectsWhatIsNotANotebook() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> IpynbImport.parse("{\"nbformat\": 3, \"cells\": []}", "old.ipynb"));
        assertEquals("old.ipynb: expected nbformat 4, got 3", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> IpynbImport.parse("[1, 2]", "list.ipynb"));
        assertEquals("list.ipynb: expected a Jupyter notebook (a JSON object), got a list", e.getMessage());
    }

    @Test
    void exportAndImportCommandsWriteFilesBesideTheNotebook() throws Exception {
        Path jsh = dir.resolve("tiny.jsh");
        Files.writeString(jsh, "// %% [markdown]\n// # Tiny\n// %%\nint a = 2;\na + a\n");
        assertEquals(0, quietly(() -> new ExportCommand().run(List.of(jsh.toString(), "--to", "ipynb,html"))));
        Path ipynb = dir.resolve("tiny.ipynb");
        Nbformat.validate(ipynb);
        assertTrue(Files.readString(dir.resolve("tiny.html")).contains("<pre class=\"value\">4</pre>"));
        Path back = dir.resolve("back.jsh");
        assertEquals(0, quietly(() -> new ImportCommand().run(List.of(ipynb.toString(), "-o", back.toString()))));
        String body = "// %% [markdown]\n// # Tiny\n\n// %%\nint a = 2;\na + a\n";
        assertEquals(body + "// written by jinn (sha256 " + GeneratedFile.hash(body) + "); edit it and jinn will not overwrite it "
                + "without --force\n", Files.readString(back));
        assertEquals(NotebookTest.kindsAndText(Notebook.read(jsh)), NotebookTest.kindsAndText(Notebook.read(back)),
                "the stamp line is no part of the cells");
        assertEquals(2, quietly(() -> new ExportCommand().run(List.of(jsh.toString(), "--to", "pdf"))));
    }

    // ------------------------------------------------------------------ issue 17: files lost or silently wrong

    @Test
    void exportNeverWritesOverTheNotebookItself() throws Exception {
        Path jsh = dir.resolve("n.jsh");
        String text = "// %%\nint a = 2;\n";
        Files.writeString(jsh, text);
        for (List<String> args : List.of(List.of(jsh.toString(), "--to", "md", "-o", jsh.toString()),
                List.of(jsh.toString(), "--to", "md", "-o", jsh.toString(), "--force"))) {
            var err = new ByteArrayOutputStream();
            assertEquals(2, withErr(err, () -> new ExportCommand().run(args)));
            assertEquals("jinn export: refusing to write over " + jsh + ", the file being read; choose another -o\n", err.toString());
            assertEquals(text, Files.readString(jsh));
        }
        Path link = Files.createSymbolicLink(dir.resolve("link.md"), jsh);
        assertEquals(2, quietly(() -> new ExportCommand().run(List.of(jsh.toString(), "--to", "md", "-o", link.toString()))));
        assertEquals(text, Files.readString(jsh));
    }

    @Test
    void exportReplacesOnlyFilesJinnWroteUnlessForced() throws Exception {
        Path jsh = dir.resolve("n.jsh");
        Files.writeString(jsh, "// %%\nint a = 2;\na\n");
        Path notes = Files.writeString(dir.resolve("n.md"), "# My own notes\n");
        var err = new ByteArrayOutputStream();
        assertEquals(2, withErr(err, () -> new ExportCommand().run(List.of(jsh.toString(), "--to", "md"))));
        assertEquals("jinn export: " + notes + " exists and was not written by jinn (or was edited since); pass --force to "
                + "replace it, or choose another -o\n", err.toString());
        assertEquals("# My own notes\n", Files.readString(notes));

        assertEquals(0, quietly(() -> new ExportCommand().run(List.of(jsh.toString(), "--to", "md", "--force"))));
        String exported = Files.readString(notes);
        assertTrue(exported.endsWith(" -->\n") && exported.contains("<!-- written by jinn (sha256 "), exported);
        // jinn's own, unchanged: replaced again without --force; the ipynb and html too
        assertEquals(0, quietly(() -> new ExportCommand().run(List.of(jsh.toString(), "--to", "md,ipynb,html"))));
        assertEquals(0, quietly(() -> new ExportCommand().run(List.of(jsh.toString(), "--to", "md,ipynb,html"))));
        Nbformat.validate(dir.resolve("n.ipynb"));
        // edited since: protected again
        Files.writeString(notes, Files.readString(notes).replace("a", "b"));
        assertEquals(2, quietly(() -> new ExportCommand().run(List.of(jsh.toString(), "--to", "md"))));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(), "no temporary files");
        }
    }

    @Test
    void importNeverReplacesAHandWrittenNotebookUnlessForced() throws Exception {
        Path ipynb = dir.resolve("x.ipynb");
        Files.writeString(ipynb, "{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", \"source\": \"int x = 1;\"}]}");
        Path jsh = Files.writeString(dir.resolve("x.jsh"), "// %%\nint mine = 42;\n");
        var err = new ByteArrayOutputStream();
        assertEquals(2, withErr(err, () -> new ImportCommand().run(List.of(ipynb.toString()))));
        assertEquals("jinn import: " + jsh + " exists and was not written by jinn (or was edited since); pass --force to "
                + "replace it, or choose another -o\n", err.toString());
        assertEquals("// %%\nint mine = 42;\n", Files.readString(jsh));
        assertEquals(0, quietly(() -> new ImportCommand().run(List.of(ipynb.toString(), "--force"))));
        assertEquals(0, quietly(() -> new ImportCommand().run(List.of(ipynb.toString())))); // its own now
        assertEquals("int x = 1;", Notebook.read(jsh).cells().get(0).source());
        assertEquals(2, quietly(() -> new ImportCommand().run(List.of(ipynb.toString(), "-o", ipynb.toString(), "--force"))));
    }

    @Test
    void aPythonNotebookIsRefusedOrImportedWithAWarningWhenForced() throws Exception {
        String json = """
                {"nbformat": 4, "metadata": {"kernelspec": {"name": "python3", "language": "python"}},
                 "cells": [{"cell_type": "code", "source": "print(1)"}]}""";
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> IpynbImport.parse(json, "p.ipynb"));
        assertEquals("p.ipynb: a python notebook, not Java (its kernelspec or language_info says so); jinn imports Java "
                + "notebooks (--force imports it anyway)", e.getMessage());
        var forced = IpynbImport.read(json, "p.ipynb", true);
        assertEquals(List.of("p.ipynb is a python notebook; its code cells were imported as Java and will not run as they are"),
                forced.warnings());
        assertEquals("print(1)", forced.notebook().cells().get(0).source());
        String info = "{\"nbformat\": 4, \"metadata\": {\"language_info\": {\"name\": \"R\"}}, \"cells\": []}";
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> IpynbImport.parse(info, "r.ipynb"));
        assertTrue(e.getMessage().startsWith("r.ipynb: a r notebook, not Java"), e.getMessage());
    }

    @Test
    void nullsAndWrongTypesAreErrorsNamingTheFileAndCell() {
        String[][] cases = {
                {"{\"nbformat\": {}, \"cells\": []}", "f.ipynb: expected nbformat 4, got {}"},
                {"{\"nbformat\": null, \"cells\": []}", "f.ipynb: expected nbformat 4, got null"},
                {"{\"nbformat\": 4, \"cells\": [5]}", "f.ipynb, cell 1: expected an object with cell_type and source, got 5"},
                {"{\"nbformat\": 4, \"cells\": [null]}", "f.ipynb, cell 1: expected an object with cell_type and source, got null"},
                {"{\"nbformat\": 4, \"cells\": [{\"source\": {}}]}", "f.ipynb, cell 1: source should be a string or a list of strings, got {}"},
                {"{\"nbformat\": 4, \"cells\": [{\"source\": [1, null]}]}",
                        "f.ipynb, cell 1: source should be a string or a list of strings, got a list holding 1"},
                {"{\"nbformat\": 4, \"cells\": [{\"cell_type\": [], \"source\": \"\"}]}", "f.ipynb, cell 1: cell_type should be a string, got []"},
                {"{\"nbformat\": 4, \"cells\": {}}", "f.ipynb: expected a \"cells\" list, found {}"},
        };
        for (String[] c : cases) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> IpynbImport.parse(c[0], "f.ipynb"),
                    c[0]);
            assertEquals(c[1], e.getMessage(), c[0]);
        }
    }

    @Test
    void importedCodeKeepsMarkerLikeLinesAndTextBlockLinesStartingWithPercent() {
        var source = new com.google.gson.JsonArray();
        for (String l : List.of("int a = 1;\n", "// %% [markdown]\n", "int b = 2;\n", "String t = \"\"\"\n", "%d apples\n",
                "  //%% not a cell\n", "\"\"\";\n", "%maven x:y:1")) source.add(l);
        var cell = new com.google.gson.JsonObject();
        cell.addProperty("cell_type", "code");
        cell.add("source", source);
        var cells = new com.google.gson.JsonArray();
        cells.add(cell);
        var root = new com.google.gson.JsonObject();
        root.addProperty("nbformat", 4);
        root.add("cells", cells);
        String json = root.toString();
        Notebook nb = IpynbImport.parse(json, "m.ipynb");
        String expected = "int a = 1;\n//  %% [markdown]\nint b = 2;\nString t = \"\"\"\n%d apples\n  \\u002F/%% not a cell\n"
                + "\"\"\";\n// jupyter magic, not run: %maven x:y:1";
        assertEquals(expected, nb.cells().get(0).source());
        Notebook back = Notebook.parse(nb.toJsh(), "m.jsh");
        assertEquals(1, back.cells().size(), nb.toJsh());
        assertEquals(expected, back.cells().get(0).trimmed());
    }

    static int withErr(ByteArrayOutputStream err, Verb v) throws Exception {
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return v.run();
        } finally {
            System.setErr(saved);
        }
    }

    interface Verb {
        int run() throws Exception;
    }

    static int quietly(Verb v) throws Exception {
        PrintStream saved = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return v.run();
        } finally {
            System.setErr(saved);
        }
    }

    static List<byte[]> images(String html) {
        return java.util.regex.Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html).results()
                .map(m -> Base64.getDecoder().decode(m.group(1))).toList();
    }

    static void assertPng(byte[] png) {
        assertTrue(png.length > 1000, "PNG of " + png.length + " bytes");
        assertEquals("\u0089PNG", new String(png, 0, 4, StandardCharsets.ISO_8859_1), "PNG signature");
    }
}
