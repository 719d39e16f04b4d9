package jinn.notebook;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import jinn.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * A run notebook written with its outputs: HTML (one self-contained page), Jupyter's {@code .ipynb}
 * (nbformat 4.5) or Markdown. Charts become PNG images: embedded as base64 in HTML and ipynb,
 * files beside the Markdown.
 *
 * <pre>{@code
 * NotebookRun run = new NotebookRunner().run(Notebook.read(Path.of("notebooks/06-mnist.jsh")));
 * Files.writeString(Path.of("06-mnist.html"), NotebookExport.html(run));
 * }</pre>
 */
public final class NotebookExport {

    /** The formats {@code jinn export --to} knows. */
    public enum Format {
        HTML("html"), IPYNB("ipynb"), MD("md");

        /** The file extension, also the word after {@code --to}. */
        public final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        /** The format named by {@code word} (html, ipynb, md, markdown), case-insensitive. */
        public static Format of(String word) {
            String w = word.toLowerCase(Locale.ROOT);
            if (w.equals("markdown")) return MD;
            for (Format f : values()) if (f.extension.equals(w)) return f;
            throw new IllegalArgumentException("expected a format html, ipynb or md, got '" + word + "'");
        }
    }

    /** The Jupyter kernel name exports name and {@code jinn kernel install} registers by default. */
    public static final String KERNEL_NAME = "jinn";

    private NotebookExport() {}

    /**
     * Writes the run in a format to a file, atomically (the old file stays whole if writing fails),
     * stamped as jinn's (see {@link GeneratedFile}). Markdown images go to the folder
     * {@code STEM_files} beside it.
     */
    public static void write(NotebookRun run, Format format, Path file) throws IOException {
        String text = switch (format) {
            case HTML -> GeneratedFile.stamp(html(run), GeneratedFile.Comment.HTML);
            case IPYNB -> stampedIpynb(ipynb(run));
            case MD -> GeneratedFile.stamp(markdown(run, imageFiles(file)), GeneratedFile.Comment.HTML);
        };
        AtomicFile.writeString(file, text);
    }

    /** JSON has no comments: the stamp goes into the notebook's metadata, where nbformat allows any key. */
    private static String stampedIpynb(String json) {
        JsonObject nb = com.google.gson.JsonParser.parseString(json).getAsJsonObject();
        JsonObject stamp = new JsonObject();
        stamp.addProperty("written_by", "jinn export");
        nb.getAsJsonObject("metadata").add(GeneratedFile.IPYNB_KEY, stamp);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(nb) + "\n";
    }

    /** Saves each image as {@code STEM_files/cell-N-K.png} and links it relative to the Markdown file. */
    private static BiFunction<String, byte[], String> imageFiles(Path markdownFile) {
        String stem = markdownFile.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path dir = markdownFile.toAbsolutePath().resolveSibling(stem + "_files");
        return (name, png) -> {
            try {
                AtomicFile.write(dir.resolve(name), out -> out.write(png));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write image " + dir.resolve(name) + ": " + e.getMessage(), e);
            }
            return stem + "_files/" + name;
        };
    }

    // ------------------------------------------------------------------ HTML

    /** One self-contained HTML page: prose, code, outputs, and charts as inline PNG images. */
    public static String html(NotebookRun run) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(MarkdownHtml.escape(title(run.notebook()))).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n");
        int executed = 0;
        for (CellResult r : run.results()) {
            Cell c = r.cell();
            if (c.kind() == Cell.Kind.MARKDOWN) {
                b.append("<section class=\"markdown\">\n").append(MarkdownHtml.toHtml(c.trimmed())).append("</section>\n");
                continue;
            }
            if (c.trimmed().isEmpty()) continue;
            // the prompt counts code cells as Jupyter's execution_count does; the id keeps the file's cell number
            b.append("<section class=\"code\" id=\"cell-").append(r.number()).append("\">\n<div class=\"prompt\">[")
                    .append(r.ran() ? String.valueOf(++executed) : " ").append("]</div>\n<pre class=\"source\"><code>")
                    .append(MarkdownHtml.escape(c.trimmed())).append("</code></pre>\n");
            int k = 0;
            for (Output o : r.outputs()) {
                switch (o) {
                    case Output.Text t -> b.append("<pre class=\"stream\">").append(MarkdownHtml.escape(t.text().stripTrailing()))
                            .append("</pre>\n");
                    case Output.Value v -> b.append("<pre class=\"value\">").append(MarkdownHtml.escape(v.text()))
                            .append("</pre>\n");
                    case Output.Image im -> b.append("<img class=\"chart\" alt=\"")
                            .append(MarkdownHtml.escape(alt(im, r.number(), ++k))).append("\" src=\"data:image/png;base64,")
                            .append(Base64.getEncoder().encodeToString(im.png())).append("\">\n");
                    case Output.Error e -> b.append("<pre class=\"error\">").append(MarkdownHtml.escape(e.text()))
                            .append("</pre>\n");
                }
            }
            b.append("</section>\n");
        }
        b.append("</main>\n</body>\n</html>\n");
        return b.toString();
    }

    /** The chart's title where it has one, else where it sits. */
    static String alt(Output.Image im, int cell, int k) {
        return im.title() != null && !im.title().isBlank() ? im.title().strip() : "chart " + cell + "-" + k;
    }

    private static final String CSS = """
            body { margin: 0; background: #fafafa; color: #1f2328; font: 16px/1.55 system-ui, sans-serif; }
            main { max-width: 980px; margin: 0 auto; padding: 24px; }
            pre { overflow-x: auto; padding: 10px 12px; border-radius: 6px; font: 13px/1.45 ui-monospace, monospace; }
            .source { background: #f0f3f6; border: 1px solid #d0d7de; margin: 0; }
            /* progress bars and wide tables wrap instead of hiding their ends behind a scrollbar */
            .stream, .value, .error { white-space: pre-wrap; overflow-wrap: anywhere; }
            .stream, .value { background: #fff; border-left: 3px solid #d0d7de; margin: 6px 0 0; }
            .error { background: #fff0f0; border-left: 3px solid #cf222e; color: #82071e; margin: 6px 0 0; }
            .code { margin: 18px 0; position: relative; }
            .prompt { color: #8c959f; font: 12px ui-monospace, monospace; }
            img.chart { display: block; max-width: 100%; margin: 8px 0; }
            code { background: #eff1f3; padding: 1px 4px; border-radius: 4px; }
            pre code { background: none; padding: 0; }
            table { border-collapse: collapse; } td, th { border: 1px solid #d0d7de; padding: 3px 8px; }
            blockquote { margin: 0; padding-left: 12px; border-left: 3px solid #d0d7de; color: #57606a; }
            """;

    /** The first markdown heading, else the file name. */
    static String title(Notebook nb) {
        for (Cell c : nb.cells()) {
            if (c.kind() != Cell.Kind.MARKDOWN) continue;
            for (String l : c.source().split("\\R")) {
                if (l.startsWith("#")) return l.replaceFirst("^#+\\s*", "").strip();
            }
        }
        return Path.of(nb.name()).getFileName().toString();
    }

    // ------------------------------------------------------------------ ipynb

    /**
     * Jupyter's format, nbformat 4.5: markdown and code cells, code cells with their outputs
     * (stream text, values as display data, charts as {@code image/png}, errors), cell ids, and the
     * kernel and language named as Java.
     */
    public static String ipynb(NotebookRun run) {
        JsonObject nb = new JsonObject();
        JsonArray cells = new JsonArray();
        int executed = 0;
        for (CellResult r : run.results()) {
            Cell c = r.cell();
            JsonObject cell = new JsonObject();
            boolean code = c.kind() == Cell.Kind.CODE;
            cell.addProperty("cell_type", code ? "code" : "markdown");
            cell.addProperty("id", "cell-" + r.number());
            cell.add("metadata", new JsonObject());
            cell.add("source", lines(c.trimmed()));
            if (code) {
                if (r.ran()) cell.addProperty("execution_count", ++executed);
                else cell.add("execution_count", JsonNull.INSTANCE);
                JsonArray outputs = new JsonArray();
                for (Output o : r.outputs()) outputs.add(output(o));
                cell.add("outputs", outputs);
            }
            cells.add(cell);
        }
        nb.add("cells", cells);
        JsonObject meta = new JsonObject();
        JsonObject kernel = new JsonObject();
        // The kernel `jinn kernel install` registers: a front end that opens this file runs it with jinn on the class path.
        kernel.addProperty("name", KERNEL_NAME);
        kernel.addProperty("display_name", "Java (jinn)");
        kernel.addProperty("language", "java");
        meta.add("kernelspec", kernel);
        JsonObject language = new JsonObject();
        language.addProperty("name", "java");
        language.addProperty("file_extension", ".jsh");
        language.addProperty("mimetype", "text/x-java-source");
        language.addProperty("version", String.valueOf(Runtime.version().feature()));
        meta.add("language_info", language);
        JsonObject jupytext = new JsonObject();
        jupytext.addProperty("formats", "ipynb,jsh:percent");
        meta.add("jupytext", jupytext);
        nb.add("metadata", meta);
        nb.addProperty("nbformat", 4);
        nb.addProperty("nbformat_minor", 5);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(nb) + "\n";
    }

    private static JsonObject output(Output o) {
        JsonObject out = new JsonObject();
        switch (o) {
            case Output.Text t -> {
                out.addProperty("output_type", "stream");
                out.addProperty("name", "stdout");
                out.add("text", lines(t.text()));
            }
            case Output.Value v -> {
                out.addProperty("output_type", "display_data");
                JsonObject data = new JsonObject();
                data.add("text/plain", lines(v.text()));
                out.add("data", data);
                out.add("metadata", new JsonObject());
            }
            case Output.Image im -> {
                out.addProperty("output_type", "display_data");
                JsonObject data = new JsonObject();
                data.addProperty("image/png", Base64.getEncoder().encodeToString(im.png()));
                data.add("text/plain", lines(im.text()));
                out.add("data", data);
                out.add("metadata", new JsonObject());
            }
            case Output.Error e -> {
                out.addProperty("output_type", "error");
                String first = e.text().split("\\R", 2)[0];
                out.addProperty("ename", "CellFailed");
                out.addProperty("evalue", first);
                JsonArray trace = new JsonArray();
                for (String l : e.text().split("\\R")) trace.add(l);
                out.add("traceback", trace);
            }
        }
        return out;
    }

    /** Jupyter's multi-line string: a list of lines, each but the last ending in a newline. */
    private static JsonArray lines(String text) {
        JsonArray a = new JsonArray();
        if (text.isEmpty()) return a;
        String[] parts = text.split("(?<=\n)");
        for (String p : parts) a.add(p);
        return a;
    }

    // ------------------------------------------------------------------ Markdown

    /**
     * Markdown: prose as written, code in {@code java} fences, outputs in plain fences, each image
     * handed to {@code images} (file name, PNG bytes), which returns the link to put in the text.
     */
    public static String markdown(NotebookRun run, BiFunction<String, byte[], String> images) {
        StringBuilder b = new StringBuilder();
        for (CellResult r : run.results()) {
            Cell c = r.cell();
            String body = c.trimmed();
            if (c.kind() == Cell.Kind.MARKDOWN) {
                b.append(body).append("\n\n");
                continue;
            }
            if (body.isEmpty()) continue;
            b.append("```java\n").append(body).append("\n```\n\n");
            int k = 0;
            for (Output o : r.outputs()) {
                switch (o) {
                    case Output.Text t -> fence(b, t.text());
                    case Output.Value v -> fence(b, v.text());
                    case Output.Image im -> {
                        String name = "cell-" + r.number() + "-" + (++k) + ".png";
                        b.append("![").append(alt(im, r.number(), k).replace("]", "\\]")).append("](")
                                .append(images.apply(name, im.png())).append(")\n\n");
                    }
                    case Output.Error e -> fence(b, e.text());
                }
            }
        }
        return b.toString().stripTrailing() + "\n";
    }

    /** Markdown with images as data URIs, for when there is no folder to put files in. */
    public static String markdown(NotebookRun run) {
        return markdown(run, (name, png) -> "data:image/png;base64," + Base64.getEncoder().encodeToString(png));
    }

    private static void fence(StringBuilder b, String text) {
        String t = text.stripTrailing();
        if (t.isEmpty()) return;
        String ticks = t.contains("```") ? "````" : "```";
        b.append(ticks).append("text\n").append(t).append('\n').append(ticks).append("\n\n");
    }
}
