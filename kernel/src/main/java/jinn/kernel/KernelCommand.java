package jinn.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jinn.repl.Main;
import jinn.repl.Subcommand;

/**
 * {@code jinn kernel CONNECTION_FILE [--allow-remote] [--insecure]}: jinn as a Jupyter kernel;
 * {@code jinn kernel install|uninstall [--user | --sys-prefix | --prefix DIR] [--name N]}: its
 * kernelspec, so that JupyterLab, Notebook, VS Code and nbclient list "Java (jinn)".
 */
public final class KernelCommand implements Subcommand {

    static final String USAGE = """
            usage: jinn kernel CONNECTION_FILE [--allow-remote] [--insecure]
                   jinn kernel install [--user | --sys-prefix | --prefix DIR] [--name NAME]
                   jinn kernel uninstall [--user | --sys-prefix | --prefix DIR] [--name NAME]

              CONNECTION_FILE  the JSON file a Jupyter front end writes ({connection_file} in kernel.json)
              --allow-remote   listen on an address other machines can reach (refused otherwise)
              --insecure       accept an empty key or a signature scheme other than hmac-sha256
              install          write the kernelspec "Java (jinn)" (kernel.json naming this launcher, logos)
                --user         into the user's Jupyter data directory (the default): $JUPYTER_DATA_DIR,
                               else ~/.local/share/jupyter
                --sys-prefix   into $CONDA_PREFIX or $VIRTUAL_ENV, else /usr/local: share/jupyter/kernels
                --prefix DIR   into DIR/share/jupyter/kernels
                --name NAME    the kernelspec's name (default jinn)
              uninstall        remove it again
            """;

    @Override
    public String name() {
        return "kernel";
    }

    @Override
    public String summary() {
        return "kernel CONNECTION_FILE | kernel install [--user | --sys-prefix | --prefix DIR] [--name N]\n"
                + "                             run as a Jupyter kernel, or install its kernelspec (jinn kernel --help)";
    }

    @Override
    public int run(List<String> args) throws Exception {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            (args.isEmpty() ? System.err : System.out).print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        try {
            return switch (args.get(0)) {
                case "install", "uninstall" -> spec(args.get(0), args.subList(1, args.size()));
                default -> serve(args);
            };
        } catch (IllegalArgumentException e) {
            System.err.println("jinn kernel: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
    }

    private static int spec(String verb, List<String> args) throws Exception {
        String scope = "--user", prefix = null, name = "jinn";
        int seenScopes = 0;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--user", "--sys-prefix" -> {
                    scope = a;
                    seenScopes++;
                }
                case "--prefix", "--name" -> {
                    if (i + 1 >= args.size()) throw new IllegalArgumentException(a + " expects a value, got nothing");
                    String value = args.get(++i);
                    if (a.equals("--name")) {
                        name = value;
                    } else {
                        scope = a;
                        prefix = value;
                        seenScopes++;
                    }
                }
                default -> throw new IllegalArgumentException("unknown option for kernel " + verb + ": '" + a + "'");
            }
        }
        if (seenScopes > 1) throw new IllegalArgumentException("expected at most one of --user, --sys-prefix and --prefix DIR");
        KernelSpecInstaller.checkName(name);
        Path kernels = KernelSpecInstaller.kernelsDir(scope, prefix, System.getenv(), System.getProperty("os.name"),
                Path.of(System.getProperty("user.home")));
        if (verb.equals("uninstall")) {
            if (!KernelSpecInstaller.uninstall(kernels, name)) {
                System.err.println("jinn kernel: no kernelspec '" + name + "' in " + kernels);
                return 1;
            }
            System.out.println("removed the kernelspec '" + name + "' from " + kernels);
            return 0;
        }
        String launcher = System.getProperty("jinn.launcher");
        if (launcher == null || launcher.isBlank()) {
            System.err.println("jinn kernel: install through the launcher (bin/jinn kernel install): kernel.json must name it,"
                    + " and only the launcher passes its path (-Djinn.launcher)");
            return 1;
        }
        Path dir = KernelSpecInstaller.install(kernels, name, Path.of(launcher).toAbsolutePath().normalize());
        System.out.println("installed the kernelspec '" + name + "' (" + KernelSpecInstaller.DISPLAY_NAME + ") in " + dir);
        return 0;
    }

    private static int serve(List<String> args) throws Exception {
        List<String> files = new ArrayList<>();
        boolean allowRemote = false, insecure = false;
        for (String a : args) {
            switch (a) {
                case "--allow-remote" -> allowRemote = true;
                case "--insecure" -> insecure = true;
                default -> {
                    if (a.startsWith("-")) throw new IllegalArgumentException("unknown option '" + a + "'");
                    files.add(a);
                }
            }
        }
        if (files.size() != 1) throw new IllegalArgumentException("expected one CONNECTION_FILE, got " + (files.isEmpty() ? "none" : files));
        ConnectionInfo info;
        try {
            info = ConnectionInfo.read(Path.of(files.get(0)));
            info.check(allowRemote, insecure);
        } catch (ConnectionInfo.Refused e) {
            System.err.println("jinn kernel: " + e.getMessage());
            return 1;
        }
        EngineInterpreter interpreter = EngineInterpreter.start();
        Kernel kernel;
        try {
            kernel = new Kernel(info, interpreter, Main.version(), jinnHome().resolve("kernel-history.jsonl"));
        } catch (ConnectionInfo.Refused e) {
            System.err.println("jinn kernel: " + e.getMessage());
            return 1;
        }
        interruptOnSigint(interpreter);
        endWithParent(kernel);
        kernel.start();
        KernelLog.line("listening on " + info.ip() + " (shell " + info.shellPort() + ", iopub " + info.iopubPort() + ", stdin "
                + info.stdinPort() + ", control " + info.controlPort() + ", heartbeat " + info.hbPort() + ")");
        kernel.awaitShutdown();
        kernel.close();
        return 0;
    }

    /**
     * A front end that interrupts with SIGINT (an old one, or a person's Ctrl-C in the terminal that
     * started it) stops the running cell instead of ending the JVM with every variable in it.
     */
    @SuppressWarnings("restriction")
    private static void interruptOnSigint(Interpreter interpreter) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> interpreter.interrupt());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            KernelLog.line("SIGINT will end the kernel (" + e.getMessage() + "); interrupt through the front end instead");
        }
    }

    /**
     * A front end that dies without a shutdown request (killed, crashed) would leave this JVM
     * running, holding its ports and memory: jupyter_client names itself in JPY_PARENT_PID, and the
     * kernel ends with it, as ipykernel's parent poller does.
     */
    private static void endWithParent(Kernel kernel) {
        String pid = System.getenv("JPY_PARENT_PID");
        if (pid == null || !pid.matches("\\d+")) return;
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(parent -> parent.onExit().thenRun(() -> {
            KernelLog.line("the front end (process " + pid + ") has ended; so does the kernel");
            kernel.requestShutdown();
        }));
    }

    /** ~/.jinn, or -Djinn.home / JINN_HOME, as the REPL has it. */
    static Path jinnHome() {
        String p = System.getProperty("jinn.home");
        if (p == null || p.isBlank()) p = System.getenv("JINN_HOME");
        return p == null || p.isBlank() ? Path.of(System.getProperty("user.home"), ".jinn") : Path.of(p);
    }
}
