package jinn.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file all at once: the content goes to a temporary file in the same directory, is
 * forced to disk, and is then renamed over the target. A crash or an exception part-way leaves
 * the previous file as it was. Model files, notebook exports and imports all write through here.
 *
 * <pre>{@code
 * AtomicFile.write(Path.of("model.safetensors"), out -> out.write(bytes));
 * AtomicFile.writeString(Path.of("notes.md"), text);
 * }</pre>
 *
 * <ul>
 *   <li>A symbolic link is written through: its final target is replaced, the link stays.</li>
 *   <li>The new file keeps the old one's permissions; a new file gets the umask's defaults
 *       (0644 under the usual umask), not a temporary file's private 0600.</li>
 *   <li>Temporary files are named {@code .NAME.jinn-RANDOM.tmp} and locked while written. One
 *       left by a killed process (unlocked) is deleted by the next write to the same file.</li>
 * </ul>
 */
public final class AtomicFile {

    /** Writes the whole content of the file; may throw, which leaves the old file untouched. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final String TEMP_TAG = ".jinn-";
    private static final String TEMP_SUFFIX = ".tmp";

    /** Links followed before giving up, as the kernel's own limit (ELOOP). */
    private static final int MAX_LINKS = 40;

    private AtomicFile() {}

    /** Writes {@code text} as UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }

    public static void write(Path target, Content content) throws IOException {
        Path absolute = resolveLinks(target.toAbsolutePath());
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        String name = absolute.getFileName().toString();
        removeStaleTemporaries(dir, name);
        Set<PosixFilePermission> permissions = permissionsOf(absolute);
        // Same directory as the target: a rename within one file system is atomic, across them it is a copy.
        Path temp = null;
        try {
            FileChannel channel = null;
            while (channel == null) {
                temp = dir.resolve("." + name + TEMP_TAG + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                        + TEMP_SUFFIX);
                try {
                    // No file attributes: the file system applies the umask, as for any new file.
                    channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    temp = null;
                }
            }
            try (FileChannel ch = channel) {
                lockQuietly(ch);
                if (permissions != null) Files.setPosixFilePermissions(temp, permissions);
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(dir);
        } finally {
            if (temp != null) Files.deleteIfExists(temp);
        }
    }

    /** The file a chain of symbolic links ends at (which need not exist yet); the path itself if it is no link. */
    static Path resolveLinks(Path path) throws IOException {
        Path p = path;
        for (int i = 0; Files.isSymbolicLink(p); i++) {
            if (i == MAX_LINKS) throw new IOException(path + ": too many levels of symbolic links");
            p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
        }
        return p;
    }

    /** A lock marks the temporary file as in use; where the file system has no locks, cleaning up is all that is lost. */
    private static void lockQuietly(FileChannel ch) {
        try {
            ch.tryLock();
        } catch (IOException | RuntimeException ignored) {
            // no locks here (some network file systems): the temporary file may outlive a crash
        }
    }

    private static Set<PosixFilePermission> permissionsOf(Path file) {
        try {
            return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            return null; // no old file (or no POSIX permissions): the umask decides
        }
    }

    /**
     * Deletes temporary files of ours for {@code name} that nobody is writing: a writer holds a lock
     * on its temporary file, which the system releases when the process dies, however it dies.
     */
    private static void removeStaleTemporaries(Path dir, String name) {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, "." + globQuote(name) + TEMP_TAG + "*" + TEMP_SUFFIX)) {
            long recent = System.currentTimeMillis() - 2_000;
            for (Path temp : temps) {
                try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    // A writer locks its file right after making it; give that moment a wide berth.
                    if (Files.getLastModifiedTime(temp).toMillis() > recent) continue;
                    FileLock lock = ch.tryLock();
                    if (lock == null) continue; // another process is writing it
                    try {
                        Files.deleteIfExists(temp);
                    } finally {
                        lock.release();
                    }
                } catch (OverlappingFileLockException busy) {
                    // this process is writing it now
                } catch (IOException ignored) {
                    // gone already, or not ours to delete: leave it
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // an unreadable directory only means no clean-up; the write itself will say what is wrong
        }
    }

    private static String globQuote(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("*?[]{}\\".indexOf(c) >= 0) out.append('\\');
            out.append(c);
        }
        return out.toString();
    }

    /** Makes the rename itself durable; some systems (Windows) cannot open a directory, which is fine there. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // the rename already happened; only its durability across a power cut is weaker here
        }
    }
}
