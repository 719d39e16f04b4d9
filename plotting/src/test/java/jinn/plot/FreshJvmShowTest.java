package jinn.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * show() in a new JVM whose environment is a server's (no DISPLAY) plus a terminal type, as a script run
 * from kitty or from CI would see it: AWT must go headless on its own and the output must suit the terminal.
 */
class FreshJvmShowTest {
  private static String run(Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ShowMain.class.getName());
    pb.environment().remove("DISPLAY");
    pb.environment().remove("JINN_PLOT");
    pb.environment().remove("TMUX");
    pb.environment().remove("KITTY_WINDOW_ID");
    pb.environment().remove("TERM_PROGRAM");
    pb.environment().remove("CI");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM should finish");
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "child JVM failed:\n" + text);
    assertFalse(text.contains("HeadlessException") || text.contains("AWTError"), text);
    return text;
  }

  @Test void kittyTerminalGetsKittyGraphics() throws Exception {
    String out = run(Map.of("TERM", "xterm-kitty"));
    assertTrue(out.startsWith("\u001b_Ga=T,f=100,"), "expected kitty graphics, received "
        + out.substring(0, Math.min(80, out.length())).replace("\u001b", "ESC"));
  }

  @Test void dumbTerminalGetsATextChart() throws Exception {
    String out = run(Map.of("TERM", "dumb"));
    assertTrue(out.contains("fresh jvm") && out.contains("* sigmoid   + tanh"), out);
    assertFalse(out.contains("\u001b"), "no escapes for TERM=dumb:\n" + out);
  }
}
