package jinn.repl;

import java.util.List;

/**
 * What the launcher runs once to train the JDK's AOT cache: a start and a few typical cells, so
 * the classes javac and JShell load for a first evaluation come from the cache on later starts.
 * Cold javac is most of the first evaluation; training only start-and-exit would miss it.
 *
 * <p>The last cell makes a Tablesaw table: Tablesaw's {@code Table} registers its readers and writers
 * by scanning the class path with ClassGraph as the class initialises, which made a session's first
 * table (a confusion matrix, a history's {@code toTable()}, a CSV) take 0.66–0.74 s; with the scan's
 * and Tablesaw's classes in the cache, 0.35–0.48 s (REPL, piped, Zen 5, 7 December; the cache grew
 * from 43 to 47 MB; a piped one-line session's time from start to exit did not change beyond noise).
 */
final class AotTraining {

    static final List<String> CELLS = List.of(
            "int a = 1 + 2;",
            "a * 2",
            "var list = new ArrayList<Integer>(List.of(3, 1, 2)); Collections.sort(list); list",
            "String greet(String who) { return \"hello \" + who; }",
            "greet(\"jinn\")",
            "double[] xs = {1, 2, 3}; Arrays.stream(xs).sum()",
            "tensor(new float[][]{{1, 2}, {3, 4}}).matmul(tensor(new float[][]{{1}, {1}}))",
            "net()",
            "Table.create(\"t\", DoubleColumn.create(\"a\", new double[] {1, 2}))");

    private AotTraining() {}

    static int run() {
        // The cache must not list classes of a module defined at run time: its create step loads every
        // listed class before any code runs, and failed on FloatVector. So training computes on the
        // scalar backend, and the Vector API's classes load from the JDK in the real session.
        System.setProperty("jinn.vector.load", "false");
        try (Engine engine = Engine.start()) {
            for (String cell : CELLS) {
                engine.eval(cell);
                engine.isComplete(cell);
            }
            engine.complete("Math.ma", 7);
            engine.documentation("net().dense(", 12);
            jinn.repl.terminal.Shell.warmUp(engine);
        }
        for (Subcommand s : Main.subcommands().values()) {
            try {
                s.aotTraining();
            } catch (Exception | LinkageError e) {
                // A cache without that subcommand's classes is still a cache: it only starts slower.
                System.err.println("jinn: AOT training of '" + s.name() + "' failed: " + e);
            }
        }
        return 0;
    }
}
