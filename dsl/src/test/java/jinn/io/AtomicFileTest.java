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
}
