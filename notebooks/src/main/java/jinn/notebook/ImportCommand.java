package jinn.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import jinn.io.AtomicFile;
import jinn.repl.Subcommand;

/**
 * {@code jinn import FILE.ipynb [-o OUT.jsh] [--force]}: a Jupyter notebook of Java cells as a .jsh
 * notebook. Written atomically and stamped; an existing file is replaced only if jinn wrote it and
 * nobody edited it since, or with {@code --force} ({@link GeneratedFile}). A notebook of another
 * language (its kernelspec or language_info says Python, say) is refused; {@code --force} imports
 * it anyway with a warning.
 */
public final class ImportCommand implements Subcommand {

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String summary() {
        return "import FILE.ipynb [-o OUT.jsh] [--force]\n"
                + "                             turn a Jupyter notebook of Java cells into a .jsh notebook";
    }

    @Override
    public int run(List<String> args) throws IOException {
        CommandLine cl;
        try {
            cl = CommandLine.parse(args, Set.of("--force"), Set.of("-o", "--output"));
            if (cl.positional.size() != 1) {
                throw new CommandLine.UsageError("expected one FILE.ipynb, got " + (cl.positional.isEmpty() ? "none" : cl.positional));
            }
        } catch (CommandLine.UsageError e) {
            System.err.println("jinn import: " + e.getMessage());
            System.err.println("usage: jinn " + summary());
            return 2;
        }
        Path in = Path.of(cl.positional.get(0));
        if (!Files.isRegularFile(in)) {
            System.err.println("jinn import: no such file: " + in.toAbsolutePath());
            return 2;
        }
        String o = cl.has("-o") ? cl.get("-o") : cl.get("--output");
        Path out = o != null ? Path.of(o)
                : in.toAbsolutePath().resolveSibling(in.getFileName().toString().replaceFirst("\\.ipynb$", "") + ".jsh");
        boolean force = cl.has("--force");
        try {
            GeneratedFile.checkTarget(out, in, force);
        } catch (CommandLine.UsageError e) {
            System.err.println("jinn import: " + e.getMessage());
            return 2;
        }
        Notebook nb;
        try {
            IpynbImport.Result result = IpynbImport.read(Files.readString(in, StandardCharsets.UTF_8), in.toString(), force);
            result.warnings().forEach(w -> System.err.println("jinn import: warning: " + w));
            nb = result.notebook();
        } catch (IllegalArgumentException e) {
            System.err.println("jinn import: " + e.getMessage());
            return 1;
        } catch (java.nio.charset.MalformedInputException e) {
            System.err.println("jinn import: " + in + ": not a Jupyter notebook, the file is not UTF-8 text");
            return 1;
        }
        AtomicFile.writeString(out, GeneratedFile.stamp(nb.toJsh(), GeneratedFile.Comment.SLASHES));
        System.err.println("wrote " + out + " (" + nb.cells().size() + " cells)");
        return 0;
    }
}
