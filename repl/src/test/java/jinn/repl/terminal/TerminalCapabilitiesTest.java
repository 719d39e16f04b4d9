package jinn.repl.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.utils.InfoCmp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminal description handed to JLine so that it need not run infocmp at start-up. */
class TerminalCapabilitiesTest {

    @Test
    void aBundledTypeIsPreloadedFromJLinesOwnDescription(@TempDir Path home) {
        TerminalCapabilities.preload("xterm-256color", home);
        assertEquals(InfoCmp.getDefaultInfoCmp("xterm-256color"), InfoCmp.getLoadedInfoCmp("xterm-256color"));
        TerminalCapabilities.save("xterm-256color", home);
        assertFalse(Files.exists(home.resolve("terminfo")), "JLine carries xterm-256color: nothing to save");
    }

    @Test
    void anUnknownTypeIsSavedOnceAndPreloadedNextTime(@TempDir Path home) throws Exception {
        String type = "jinn-test-term";
        TerminalCapabilities.preload(type, home);
        assertNull(InfoCmp.getLoadedInfoCmp(type), "nothing known yet: JLine would ask infocmp");
        InfoCmp.setLoadedInfoCmp(type, "jinn-test-term|test,\n\tcols#80, bel=^G,\n"); // what infocmp returned
        TerminalCapabilities.save(type, home);
        Path saved = home.resolve("terminfo/jinn-test-term.caps");
        assertEquals("jinn-test-term|test,\n\tcols#80, bel=^G,\n", Files.readString(saved));
        InfoCmp.setLoadedInfoCmp(type, (String) null);
        Files.writeString(saved, "jinn-test-term|saved,\n\tcols#99,\n");
        TerminalCapabilities.preload(type, home);
        assertEquals("jinn-test-term|saved,\n\tcols#99,\n", InfoCmp.getLoadedInfoCmp(type));
    }

    @Test
    void oddTypeNamesAreLeftToJLine(@TempDir Path home) {
        TerminalCapabilities.preload("../../etc/passwd", home);
        TerminalCapabilities.preload("dumb", home);
        assertNull(InfoCmp.getLoadedInfoCmp("../../etc/passwd"));
    }
}
