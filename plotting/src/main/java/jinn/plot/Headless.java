package jinn.plot;

import java.awt.GraphicsEnvironment;
import java.util.Locale;

/**
 * Makes AWT headless on a Unix machine with no X display, before anything touches AWT, so that no chart
 * path can throw HeadlessException or AWTError("Can't connect to X11 window server") on a server.
 */
final class Headless {
  private Headless() {}

  static {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String display = System.getenv("DISPLAY");
    boolean desktopOs = os.contains("win") || os.contains("mac");
    if (System.getProperty("java.awt.headless") == null && !desktopOs && (display == null || display.isBlank())) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Runs the static check above once; call before the first AWT use. */
  static void ensure() {}

  /** Whether a window can be opened now. */
  static boolean canShowWindows() {
    ensure();
    try {
      return !GraphicsEnvironment.isHeadless();
    } catch (Throwable e) {
      return false;
    }
  }
}
