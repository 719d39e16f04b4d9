package jinn.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import jinn.repl.Subcommand;

/** {@code jinn import FILE.ipynb [-o OUT.jsh]}: a Jupyter notebook of Java cells as a .jsh notebook. */
public final class ImportCommand implements Subcommand {

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String summary() {
        return "import FILE.ipynb [-o OUT.jsh]\n"
                + "                             turn a Jupyter notebook of Java cells into a .jsh notebook\n"
                + "                             (beside the .ipynb unless -o names the file)";
    }

    @Override
    public int run(List<String> args) throws IOException {
        CommandLine cl;
        try {
            cl = CommandLine.parse(args, Set.of(), Set.of("-o", "--output"));
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
        Notebook nb;
        try {
            nb = IpynbImport.parse(Files.readString(in, StandardCharsets.UTF_8), in.toString());
        } catch (IllegalArgumentException e) {
            System.err.println("jinn import: " + e.getMessage());
            return 1;
        }
        String o = cl.has("-o") ? cl.get("-o") : cl.get("--output");
        Path out = o != null ? Path.of(o)
                : in.toAbsolutePath().resolveSibling(in.getFileName().toString().replaceFirst("\\.ipynb$", "") + ".jsh");
        Files.writeString(out, nb.toJsh(), StandardCharsets.UTF_8);
        System.err.println("wrote " + out + " (" + nb.cells().size() + " cells)");
        return 0;
    }
}
