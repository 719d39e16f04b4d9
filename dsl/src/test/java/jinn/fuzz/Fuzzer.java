package jinn.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A small mutation fuzzer for the parsers of outside data, run as ordinary JUnit tests.
 *
 * <pre>{@code
 * Fuzzer.named("idx").seeds(validFile).dictionary("\0\0\b\3")
 *     .allow(DataFileException.class, e -> e.getMessage().startsWith(path.toString()))
 *     .run(bytes -> IdxFile.read(write(bytes), 3));
 * }</pre>
 *
 * Every input in {@code src/test/resources/fuzz/NAME/} (the kept corpus and every crash found so
 * far) runs first, then mutations of them and of the seeds: bit flips, interesting integers
 * written over 1, 2, 4 or 8 bytes in either byte order, dictionary words inserted, ranges deleted,
 * duplicated or spliced from another input. A try may end normally or with an allowed exception
 * whose message passes the check; anything else fails the test: another exception, an
 * OutOfMemoryError, a StackOverflowError, or a try running past its time (a hang). The failing
 * input is written to {@code target/fuzz-crashes/NAME/} and named in the failure, to be kept
 * beside the corpus once fixed.
 *
 * <p>Budget: {@code -Djinn.fuzz.seconds} per target (default 5: about a minute across all of
 * them in CI), {@code -Djinn.fuzz.seed} (default fixed, so CI is repeatable; {@code random} for a
 * new one each run), {@code -Djinn.fuzz.tryMillis} per try (default 5000). {@code bin/fuzz} runs
 * them long with a random seed.
 */
public final class Fuzzer {

    /** A parser under test: given the bytes of one input, it reads them as a user's file would be read. */
    @FunctionalInterface
    public interface Target {
        void accept(byte[] input) throws Exception;
    }

    private record Allowed(Class<? extends Throwable> type, Predicate<Throwable> message) {}

    static final int MAX_INPUT = 1 << 16;

    private static final long[] INTERESTING = {0, 1, -1, 2, 3, 4, 7, 8, 16, 127, 128, 255, 256, 0x7fff, 0x8000, 0xffff,
            0x10000, 46340, Integer.MAX_VALUE, Integer.MIN_VALUE, 0xffffffffL, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE,
            100_000_000, 1 << 30};

    private final String name;
    private final List<byte[]> seeds = new ArrayList<>();
    private final List<byte[]> dictionary = new ArrayList<>();
    private final List<Allowed> allowed = new ArrayList<>();

    private Fuzzer(String name) {
        this.name = name;
    }

    public static Fuzzer named(String name) {
        return new Fuzzer(name);
    }

    public Fuzzer seeds(byte[]... inputs) {
        seeds.addAll(Arrays.asList(inputs));
        return this;
    }

    public Fuzzer seeds(String... inputs) {
        for (String s : inputs) seeds.add(s.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Words worth inserting: format keywords, delimiters, numbers at the edges. */
    public Fuzzer dictionary(String... words) {
        for (String w : words) dictionary.add(w.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** An exception the parser documents, allowed when its message passes {@code clear}. */
    public Fuzzer allow(Class<? extends Throwable> type, Predicate<Throwable> clear) {
        allowed.add(new Allowed(type, clear));
        return this;
    }

    public static long seconds() {
        return Long.getLong("jinn.fuzz.seconds", 5);
    }

    /** Runs the corpus, then mutations until the time budget is spent; fails on the first bad try. */
    public void run(Target target) {
        List<byte[]> corpus = new ArrayList<>(corpus());
        corpus.addAll(seeds);
        if (corpus.isEmpty()) throw new IllegalStateException("fuzz target " + name + " has no seeds and no corpus");
        String seedProperty = System.getProperty("jinn.fuzz.seed", "17");
        long seed = seedProperty.equals("random") ? System.nanoTime() : Long.parseLong(seedProperty);
        Random random = new Random(seed);
        long tryMillis = Long.getLong("jinn.fuzz.tryMillis", 5000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds());
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "fuzz-" + name, 1 << 20); // a 1 MB stack, as a small main thread has
            t.setDaemon(true);
            return t;
        });
        int tries = 0;
        try {
            for (byte[] input : corpus) {
                check(worker, target, input, tryMillis, seed);
                tries++;
            }
            while (System.nanoTime() < deadline) {
                byte[] input = mutate(corpus.get(random.nextInt(corpus.size())), corpus, random);
                check(worker, target, input, tryMillis, seed);
                tries++;
            }
        } finally {
            worker.shutdownNow();
        }
        System.out.println("fuzz " + name + ": " + tries + " inputs, seed " + seed + ", no failure");
    }

    private void check(ExecutorService worker, Target target, byte[] input, long tryMillis, long seed) {
        Future<?> f = worker.submit(() -> {
            target.accept(input);
            return null;
        });
        Throwable problem;
        try {
            f.get(tryMillis, TimeUnit.MILLISECONDS);
            return;
        } catch (TimeoutException e) {
            f.cancel(true);
            problem = new AssertionError("took longer than " + tryMillis + " ms (a hang?)");
        } catch (ExecutionException e) {
            problem = e.getCause();
            for (Allowed a : allowed) {
                if (a.type.isInstance(problem)) {
                    if (problem.getMessage() != null && a.message.test(problem)) return;
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        Path saved = save(input);
        AssertionError failure = new AssertionError("fuzz " + name + " (seed " + seed + "): " + problem
                + "\ninput kept as " + saved + "; once fixed, copy it to src/test/resources/fuzz/" + name + "/", problem);
        fail(failure.getMessage(), failure);
    }

    private Path save(byte[] input) {
        try {
            String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input), 0, 8);
            Path dir = Files.createDirectories(Path.of("target", "fuzz-crashes", name));
            return Files.write(dir.resolve("crash-" + id), input).toAbsolutePath();
        } catch (Exception e) {
            return Path.of("(could not be saved: " + e + ")");
        }
    }

    /** Every file under fuzz/NAME/ among the test resources of the module running the test. */
    private List<byte[]> corpus() {
        List<byte[]> inputs = new ArrayList<>();
        try {
            for (URL url : Collections.list(Thread.currentThread().getContextClassLoader().getResources("fuzz/" + name))) {
                if (!url.getProtocol().equals("file")) continue;
                try (Stream<Path> files = Files.walk(Path.of(url.toURI()))) {
                    for (Path p : files.filter(Files::isRegularFile).sorted().toList()) inputs.add(Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return inputs;
    }

    // ------------------------------------------------------------------ mutations

    private byte[] mutate(byte[] base, List<byte[]> corpus, Random r) {
        byte[] b = base.clone();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) b = mutateOnce(b, corpus, r);
        return b.length > MAX_INPUT ? Arrays.copyOf(b, MAX_INPUT) : b;
    }

    private byte[] mutateOnce(byte[] b, List<byte[]> corpus, Random r) {
        int len = b.length;
        switch (r.nextInt(8)) {
            case 0 -> { // flip a bit
                if (len > 0) b[r.nextInt(len)] ^= (byte) (1 << r.nextInt(8));
                return b;
            }
            case 1 -> { // an interesting integer over 1, 2, 4 or 8 bytes, big- or little-endian
                int width = 1 << r.nextInt(4);
                if (len < width) return b;
                long v = INTERESTING[r.nextInt(INTERESTING.length)];
                int at = r.nextInt(len - width + 1);
                boolean big = r.nextBoolean();
                for (int k = 0; k < width; k++) b[at + (big ? width - 1 - k : k)] = (byte) (v >>> (8 * k));
                return b;
            }
            case 2 -> { // a dictionary word (or an interesting number as text) inserted
                byte[] word = !dictionary.isEmpty() && r.nextInt(3) > 0 ? dictionary.get(r.nextInt(dictionary.size()))
                        : Long.toString(INTERESTING[r.nextInt(INTERESTING.length)]).getBytes(StandardCharsets.UTF_8);
                return insert(b, r.nextInt(len + 1), word);
            }
            case 3 -> { // delete a range
                if (len == 0) return b;
                int at = r.nextInt(len);
                int count = 1 + r.nextInt(Math.min(len - at, 64));
                byte[] out = new byte[len - count];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + count, out, at, len - at - count);
                return out;
            }
            case 4 -> { // duplicate a range
                if (len == 0) return b;
                int at = r.nextInt(len);
                int count = 1 + r.nextInt(Math.min(len - at, 256));
                return insert(b, r.nextInt(len + 1), Arrays.copyOfRange(b, at, at + count));
            }
            case 5 -> { // splice: the head of this input, the tail of another
                byte[] other = corpus.get(r.nextInt(corpus.size()));
                int cut = len == 0 ? 0 : r.nextInt(len + 1);
                int from = other.length == 0 ? 0 : r.nextInt(other.length + 1);
                byte[] out = Arrays.copyOf(b, cut + other.length - from);
                System.arraycopy(other, from, out, cut, other.length - from);
                return out;
            }
            case 6 -> { // a random byte
                if (len > 0) b[r.nextInt(len)] = (byte) r.nextInt(256);
                return b;
            }
            default -> { // truncate
                return len == 0 ? b : Arrays.copyOf(b, r.nextInt(len));
            }
        }
    }

    private static byte[] insert(byte[] b, int at, byte[] word) {
        byte[] out = new byte[b.length + word.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(word, 0, out, at, word.length);
        System.arraycopy(b, at, out, at + word.length, b.length - at);
        return out;
    }
}
