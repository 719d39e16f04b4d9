package jinn.repl.terminal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.utils.InfoCmp;

/**
 * Spares JLine its {@code infocmp} process at start-up. JLine runs {@code infocmp -x $TERM} for every
 * system terminal, even for types whose description it carries itself (xterm-256color): the first
 * process a JVM starts cost ~0.05-0.25 s of jinn's start here. jinn hands JLine the description
 * first: the one saved by an earlier start ({@code JINN_HOME/terminfo/TYPE.caps}), else JLine's own;
 * for a type neither knows, JLine runs infocmp once and jinn saves what it returned.
 */
final class TerminalCapabilities {

    private TerminalCapabilities() {}

    /** Before the terminal is built: tells JLine the description of {@code type} if jinn knows one. */
    static void preload(String type, Path home) {
        if (!usable(type)) return;
        try {
            Path saved = file(type, home);
            String caps = Files.isReadable(saved) ? Files.readString(saved, StandardCharsets.UTF_8) : InfoCmp.getDefaultInfoCmp(type);
            if (caps != null && !caps.isBlank()) InfoCmp.setLoadedInfoCmp(type, caps);
        } catch (IOException | RuntimeException e) {
            // JLine asks infocmp as it always did
        }
    }

    /** After the terminal is built: saves the description JLine got from infocmp, for the next start. */
    static void save(String type, Path home) {
        if (!usable(type) || InfoCmp.getDefaultInfoCmp(type) != null) return;
        try {
            Path saved = file(type, home);
            if (Files.exists(saved)) return;
            String caps = InfoCmp.getLoadedInfoCmp(type);
            if (caps == null || caps.isBlank()) return;
            Files.createDirectories(saved.getParent());
            Path tmp = Files.createTempFile(saved.getParent(), type, ".tmp");
            Files.writeString(tmp, caps, StandardCharsets.UTF_8);
            Files.move(tmp, saved, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // next start asks infocmp again
        }
    }

    private static boolean usable(String type) {
        return type != null && type.matches("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}") && !type.startsWith("dumb");
    }

    private static Path file(String type, Path home) {
        return home.resolve("terminfo").resolve(type + ".caps");
    }
}
