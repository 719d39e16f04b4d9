package jinn.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The cells this kernel ran (store_history), for history_request: as IPython numbers them, by
 * session and execution count. Kept in a file of JSON lines (JINN_HOME/kernel-history.jsonl) when
 * one is given, so a new kernel's tail and search also find earlier sessions' cells.
 */
final class History {

    /** One stored cell. */
    record Entry(int session, int line, String input) {}

    /** How many entries of earlier sessions are read back at start: tails and searches want recent ones. */
    static final int KEPT = 10_000;

    private final Path file;
    private final List<Entry> entries = new ArrayList<>();
    private final int session;
    private boolean fileFailed;

    History(Path file) {
        this.file = file;
        int last = 0;
        if (file != null && Files.isRegularFile(file)) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (String l : lines.subList(Math.max(0, lines.size() - KEPT), lines.size())) {
                    try {
                        JsonArray a = JsonParser.parseString(l).getAsJsonArray();
                        entries.add(new Entry(a.get(0).getAsInt(), a.get(1).getAsInt(), a.get(2).getAsString()));
                        last = Math.max(last, a.get(0).getAsInt());
                    } catch (RuntimeException skipped) {
                        // a line cut short by a crash: the others are still good
                    }
                }
            } catch (IOException e) {
                KernelLog.line("cannot read the history " + file + ": " + e.getMessage());
            }
        }
        session = last + 1;
    }

    int session() {
        return session;
    }

    synchronized void add(int line, String input) {
        Entry e = new Entry(session, line, input);
        entries.add(e);
        if (file == null || fileFailed) return;
        JsonArray a = new JsonArray();
        a.add(e.session());
        a.add(e.line());
        a.add(e.input());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, a + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ex) {
            fileFailed = true; // said once; the history still works for this session
            KernelLog.line("cannot write the history " + file + ": " + ex.getMessage());
        }
    }

    /** The last {@code n} entries, oldest first. */
    synchronized List<Entry> tail(int n) {
        return List.copyOf(entries.subList(Math.max(0, entries.size() - Math.max(0, n)), entries.size()));
    }

    /**
     * Lines {@code start} to {@code stop - 1} of a session: 0 is this one, -1 the one before, and
     * positive numbers name a session; {@code stop} 0 or below means to the end.
     */
    synchronized List<Entry> range(int session, int start, int stop) {
        int wanted = session <= 0 ? this.session + session : session;
        return entries.stream()
                .filter(e -> e.session() == wanted && e.line() >= start && (stop <= 0 || e.line() < stop))
                .toList();
    }

    /** Entries matching a glob ({@code *} any text, {@code ?} one character), the last {@code n} (all when n is 0 or below). */
    synchronized List<Entry> search(String glob, int n, boolean unique) {
        Pattern p = globPattern(glob);
        List<Entry> found = new ArrayList<>();
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (int i = entries.size() - 1; i >= 0 && (n <= 0 || found.size() < n); i--) {
            Entry e = entries.get(i);
            if (!p.matcher(e.input()).matches()) continue;
            if (unique && !seen.add(e.input())) continue;
            found.add(0, e);
        }
        return found;
    }

    static Pattern globPattern(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
