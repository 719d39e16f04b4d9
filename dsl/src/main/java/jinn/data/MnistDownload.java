package jinn.data;

import jinn.io.AtomicFile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Fetches MNIST files from mirrors into a directory. A file is kept only when the SHA-256 of its
 * uncompressed content matches the published one (the gzip wrappers differ between mirrors), and
 * it is written atomically, so an interrupted download never leaves a half file to be read later.
 */
final class MnistDownload {

    private final List<String> mirrors; // the one that last worked first
    private final HttpClient client;
    private final List<String> problems = new ArrayList<>();

    MnistDownload(List<String> mirrors) {
        this.mirrors = new ArrayList<>(mirrors);
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** What went wrong, one line per mirror and file tried. */
    List<String> problems() { return problems; }

    /** Tries every mirror for {@code name}; true when a verified copy now sits in {@code dir}. */
    boolean fetch(String name, Path dir) {
        if (mirrors.isEmpty()) {
            problems.add("no mirror configured");
            return false;
        }
        for (String mirror : List.copyOf(mirrors)) {
            String url = (mirror.endsWith("/") ? mirror : mirror + "/") + name + ".gz";
            try {
                byte[] body = get(url);
                boolean gzipped = body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
                String problem = verify(name, body, gzipped);
                if (problem != null) {
                    problems.add(url + ": " + problem);
                    continue;
                }
                AtomicFile.write(dir.resolve(gzipped ? name + ".gz" : name), out -> out.write(body));
                mirrors.remove(mirror);
                mirrors.add(0, mirror);
                return true;
            } catch (IOException | IllegalArgumentException e) {
                problems.add(url + ": " + describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add(url + ": interrupted");
                return false;
            }
        }
        return false;
    }

    private byte[] get(String url) throws IOException, InterruptedException {
        System.err.println("jinn: downloading " + url);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) throw new IOException("HTTP " + response.statusCode());
            // No MNIST file is larger than its uncompressed training images: a longer answer is not one of them.
            byte[] bytes = body.readNBytes(MAX_DOWNLOAD + 1);
            if (bytes.length > MAX_DOWNLOAD) throw new IOException("the answer is longer than " + MAX_DOWNLOAD + " bytes");
            return bytes;
        }
    }

    /** Null when the uncompressed content has the published length and SHA-256, else what differs. */
    static String verify(String name, byte[] body, boolean gzipped) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        long length;
        try (InputStream in = new DigestInputStream(
                gzipped ? new GZIPInputStream(new ByteArrayInputStream(body)) : new ByteArrayInputStream(body), sha)) {
            // Inflate one byte past the expected length at most: a gzip bomb costs no more than the real file.
            length = in.transferTo(new LimitedSink(Mnist.LENGTHS.get(name) + 1));
        } catch (TooLong e) {
            return "checksum mismatch: uncompressed content has more than the expected " + Mnist.LENGTHS.get(name) + " bytes";
        } catch (IOException e) {
            return "corrupt gzip data (" + describe(e) + ")";
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        String expected = Mnist.SHA256.get(name);
        long expectedLength = Mnist.LENGTHS.get(name);
        if (length != expectedLength || !actual.equals(expected)) {
            return "checksum mismatch: uncompressed content has " + length + " bytes with SHA-256 " + actual
                    + ", expected " + expectedLength + " bytes with SHA-256 " + expected;
        }
        return null;
    }

    static final int MAX_DOWNLOAD = (int) Mnist.LENGTHS.values().stream().mapToLong(Long::longValue).max().orElseThrow();

    /** Discards what is written to it and ends the copy (by failing it) once more than {@code limit} bytes came. */
    private static final class LimitedSink extends java.io.OutputStream {
        private final long limit;
        private long count;

        LimitedSink(long limit) { this.limit = limit; }

        @Override public void write(int b) throws IOException { write(new byte[]{(byte) b}, 0, 1); }

        @Override public void write(byte[] b, int off, int len) throws IOException {
            count += len;
            if (count >= limit) throw new TooLong(limit);
        }
    }

    private static final class TooLong extends IOException {
        final long limit;

        TooLong(long limit) {
            super("more than " + (limit - 1) + " bytes");
            this.limit = limit;
        }
    }

    static String describe(Throwable e) {
        if (e instanceof java.net.ConnectException) return "cannot connect (" + plain(e) + ")";
        if (e instanceof java.net.UnknownHostException) return "unknown host (" + plain(e) + ")";
        return plain(e);
    }

    private static String plain(Throwable e) {
        String type = e.getClass().getSimpleName();
        if (e.getMessage() != null) return type + ": " + e.getMessage();
        return e.getCause() == null ? type : type + ", " + plain(e.getCause());
    }
}
