package jinn.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class AtomicFileTest {

    @TempDir Path dir;

    @Test
    void aFailureMidWriteKeepsTheOldFileAndCleansUp() throws IOException {
        Path file = dir.resolve("model.bin");
        Files.writeString(file, "old content");
        var e = assertThrows(IOException.class, () -> AtomicFile.write(file, out -> {
            out.write("new content, half wri".getBytes(StandardCharsets.UTF_8));
            out.flush();
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old content", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void aFailedModelSaveKeepsThePreviousModel() throws IOException {
        Path file = dir.resolve("m.safetensors");
        var good = new SafeTensors(Map.of("w", new ShapedArray(new int[]{2}, new float[]{1, 2})), Map.of("v", "1"));
        good.write(file);
        byte[] before = Files.readAllBytes(file);
        // A directory where the temporary file must go that cannot be written: the save fails before the rename.
        Path blocked = dir.resolve("sub");
        Files.createDirectories(blocked);
        Path target = blocked.resolve("m.safetensors");
        good.write(target);
        assertTrue(blocked.toFile().setWritable(false));
        try {
            if (Files.isWritable(blocked)) {
                // running as root: permissions do not stop us, so fail the content instead
                assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
                    out.write(new byte[100]);
                    throw new IOException("crash");
                }));
            } else {
                var e = assertThrows(ModelFileException.class, () -> new SafeTensors(Map.of(), Map.of()).write(target));
                assertTrue(e.getMessage().startsWith(target + ": cannot write: "), e.getMessage());
            }
            assertEquals(good, SafeTensors.read(target));
        } finally {
            blocked.toFile().setWritable(true);
        }
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void createsMissingParentDirectories() throws IOException {
        Path file = dir.resolve("a/b/c.txt");
        AtomicFile.write(file, out -> out.write('x'));
        assertEquals("x", Files.readString(file));
    }

    // ------------------------------------------------------------------ issue 17

    @Test
    void staleTemporariesOfOurNamingAreRemovedOthersKept() throws IOException {
        Path file = dir.resolve("m.safetensors");
        Path stale = Files.writeString(dir.resolve(".m.safetensors.jinn-abc123.tmp"), "left by kill -9");
        Path fresh = Files.writeString(dir.resolve(".m.safetensors.jinn-def456.tmp"), "being written just now");
        Path foreign = Files.writeString(dir.resolve(".m.safetensors.12345.tmp"), "not ours");
        Path other = Files.writeString(dir.resolve(".n.safetensors.jinn-abc123.tmp"), "another file's");
        for (Path p : List.of(stale, foreign, other)) {
            Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        }
        AtomicFile.writeString(file, "new");
        assertEquals("new", Files.readString(file));
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh), "a temporary file made in the last seconds may be another writer's");
        assertTrue(Files.exists(foreign));
        assertTrue(Files.exists(other));
    }

    @Test
    void aTemporaryFileLockedByItsWriterIsKept() throws Exception {
        Path file = dir.resolve("m.bin");
        Path busy = Files.writeString(dir.resolve(".m.bin.jinn-busy.tmp"), "another writer's");
        Files.setLastModifiedTime(busy, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        // The lock must come from another process (within one JVM locks are per process), and be a
        // POSIX record lock as Java takes them (flock(1) takes another kind): python's lockf.
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", "import fcntl, sys, time; f = open(sys.argv[1], 'r+'); "
                    + "fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(30)", busy.toString()).start();
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("needs python3 to hold a lock from another process: " + e);
            return;
        }
        try {
            assertEquals("locked", new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine());
            AtomicFile.writeString(file, "x");
            assertTrue(Files.exists(busy));
        } finally {
            p.destroy();
        }
    }

    @Test
    void writesThroughASymbolicLinkToItsTarget() throws IOException {
        Path real = Files.writeString(Files.createDirectories(dir.resolve("store")).resolve("model-v3.bin"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("model.bin"), Path.of("store/model-v3.bin"));
        AtomicFile.writeString(link, "new");
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("new", Files.readString(real));
        Path dangling = Files.createSymbolicLink(dir.resolve("next.bin"), Path.of("store/next-v1.bin"));
        AtomicFile.writeString(dangling, "first");
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals("first", Files.readString(dir.resolve("store/next-v1.bin")));
    }

    @Test
    void keepsTheOldPermissionsAndGivesNewFilesTheUmasksDefaults() throws IOException {
        Path file = Files.writeString(dir.resolve("shared.bin"), "old");
        var groupWritable = java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(file, groupWritable);
        AtomicFile.writeString(file, "new");
        assertEquals(groupWritable, Files.getPosixFilePermissions(file));

        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "as any program writes it");
        Path atomic = dir.resolve("atomic.txt");
        AtomicFile.writeString(atomic, "as jinn writes it");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(atomic), "not 0600");
    }
}
