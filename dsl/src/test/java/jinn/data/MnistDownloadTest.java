package jinn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MnistDownloadTest {

    @Test
    void aGzipBombFromAMirrorIsInflatedNoFurtherThanTheRealFile() throws Exception {
        // 200 MB of zeros in about 200 KB: before, all of it was inflated to be hashed.
        byte[] bomb = IdxWriter.gzip(new byte[200_000_000]);
        assertEquals("checksum mismatch: uncompressed content has more than the expected 60008 bytes",
                MnistDownload.verify(Mnist.TRAIN_LABELS, bomb, true));
    }
}
