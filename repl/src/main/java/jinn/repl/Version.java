package jinn.repl;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** jinn's version, written into a resource by the build. */
final class Version {

    private Version() {}

    static String jinn() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException ignored) {
            // reported as "unknown" below
        }
        String v = p.getProperty("version", "");
        return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
    }
}
