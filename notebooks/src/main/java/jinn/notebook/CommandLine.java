package jinn.notebook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of a notebook verb: options (each known to take a value or not) and positional
 * words. An unknown option is an error that names the known ones.
 */
final class CommandLine {

    final Map<String, String> options = new LinkedHashMap<>();
    final List<String> positional = new ArrayList<>();

    /** Thrown for arguments the user must fix; the verb prints it and exits with status 2. */
    static final class UsageError extends Exception {
        UsageError(String message) {
            super(message);
        }
    }

    static CommandLine parse(List<String> args, Set<String> flags, Set<String> valued) throws UsageError {
        CommandLine cl = new CommandLine();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a, value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (flags.contains(name)) {
                cl.options.put(name, "true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) throw new UsageError("option " + name + " needs a value");
                    value = args.get(++i);
                }
                cl.options.put(name, value);
            } else if (a.startsWith("-") && a.length() > 1) {
                List<String> known = new ArrayList<>(flags);
                known.addAll(valued);
                known.sort(null);
                throw new UsageError("unknown option " + a + " (known: " + String.join(", ", known) + "; --help explains them)");
            } else {
                cl.positional.add(a);
            }
        }
        return cl;
    }

    boolean has(String option) {
        return options.containsKey(option);
    }

    String get(String option) {
        return options.get(option);
    }
}
