package jinn.notebook;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jinn.repl.Subcommand;

/**
 * {@code jinn export FILE.jsh --to html|ipynb|md [-o OUT] [--force]}: runs the notebook once and
 * writes it with its outputs. {@code --to html,ipynb} writes several formats from the same run. A
 * failing cell still gets written (its error is part of the output), and the exit status says it
 * failed. Files are written atomically, never over the notebook itself, and over an existing file
 * only if jinn wrote it and nobody edited it since, or with {@code --force} ({@link GeneratedFile}).
 */
public final class ExportCommand implements Subcommand {

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "export FILE.jsh --to html|ipynb|md [-o OUT] [--force]\n"
                + "                             run a notebook and write it with its outputs and charts";
    }

    @Override
    public int run(List<String> args) throws IOException {
        CommandLine cl;
        List<NotebookExport.Format> formats = new ArrayList<>();
        java.time.Duration timeout;
        try {
            cl = CommandLine.parse(args, Set.of("--keep-going", "--force"), Set.of("--to", "-o", "--output", "--timeout"));
            if (cl.positional.size() != 1) {
                throw new CommandLine.UsageError("expected one FILE.jsh, got " + (cl.positional.isEmpty() ? "none" : cl.positional));
            }
            if (!cl.has("--to")) throw new CommandLine.UsageError("--to html|ipynb|md is required");
            for (String f : cl.get("--to").split(",")) {
                try {
                    formats.add(NotebookExport.Format.of(f.strip()));
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.UsageError("--to: " + e.getMessage());
                }
            }
            if (formats.size() > 1 && output(cl) != null) {
                throw new CommandLine.UsageError("-o names one file; with several formats leave it out (files go beside the notebook)");
            }
            timeout = RunCommand.timeout(cl);
        } catch (CommandLine.UsageError e) {
            System.err.println("jinn export: " + e.getMessage());
            System.err.println("usage: jinn " + summary());
            return 2;
        }
        Path file = Path.of(cl.positional.get(0));
        if (!Files.isRegularFile(file)) {
            System.err.println("jinn export: no such file: " + file.toAbsolutePath());
            return 2;
        }
        List<Path> outs = new ArrayList<>();
        for (NotebookExport.Format f : formats) outs.add(output(cl) != null ? Path.of(output(cl)) : beside(file, f));
        try {
            for (Path out : outs) GeneratedFile.checkTarget(out, file, cl.has("--force"));
        } catch (CommandLine.UsageError e) {
            System.err.println("jinn export: " + e.getMessage());
            return 2;
        }
        Notebook notebook;
        try {
            notebook = Notebook.read(file);
        } catch (IllegalArgumentException e) {
            System.err.println("jinn export: " + e.getMessage());
            return 1;
        }
        PrintStream err = System.err;
        long t0 = System.nanoTime();
        NotebookRun run = new NotebookRunner().keepGoing(cl.has("--keep-going")).timeout(timeout).echo(err)
                .run(notebook);
        for (int i = 0; i < formats.size(); i++) {
            Path out = outs.get(i);
            NotebookExport.write(run, formats.get(i), out);
            err.println("wrote " + out);
        }
        return RunCommand.report(run, err, System.nanoTime() - t0);
    }

    private static String output(CommandLine cl) {
        return cl.has("-o") ? cl.get("-o") : cl.get("--output");
    }

    static Path beside(Path file, NotebookExport.Format f) {
        String name = file.getFileName().toString().replaceFirst("\\.jsh$", "");
        return file.toAbsolutePath().resolveSibling(name + "." + f.extension);
    }
}
