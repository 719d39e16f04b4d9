package jinn.plot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a terminal can show a chart: an image protocol, text, or nothing.
 *
 * <p>{@link #detect()} reads the environment: {@code JINN_PLOT=kitty|iterm|sixel|text|none} wins; then
 * kitty (and Ghostty) by {@code KITTY_WINDOW_ID} / {@code TERM}; iTerm2, WezTerm and VS Code's terminal
 * by {@code TERM_PROGRAM} / {@code LC_TERMINAL} / {@code WEZTERM_*}; sixel terminals (foot, mlterm,
 * Konsole, ...) by {@code TERM}; everything else, and anything inside tmux or screen (which swallow
 * image escapes), gets text.
 */
public enum TerminalKind {
  /** The kitty graphics protocol (kitty, Ghostty; WezTerm partly). */
  KITTY,
  /** iTerm2's inline images, OSC 1337 (iTerm2, WezTerm, VS Code with images enabled, mintty). */
  ITERM,
  /** DEC sixel graphics (foot, mlterm, xterm -ti vt340, Konsole, Windows Terminal, ...). */
  SIXEL,
  /** A Unicode text chart: works everywhere, including logs and CI output. */
  TEXT,
  /** Print nothing. */
  NONE;

  /** The kind for this process' environment. */
  public static TerminalKind detect() { return detect(System.getenv()); }

  /** The kind an environment (variable name to value) calls for; see the class comment for the rules. */
  public static TerminalKind detect(Map<String, String> env) {
    String forced = get(env, "JINN_PLOT");
    if (!forced.isEmpty()) return parse(forced);
    String term = get(env, "TERM").toLowerCase(Locale.ROOT);
    String program = get(env, "TERM_PROGRAM").toLowerCase(Locale.ROOT);
    String lcTerminal = get(env, "LC_TERMINAL").toLowerCase(Locale.ROOT);
    if (!get(env, "TMUX").isEmpty() || term.startsWith("screen") || term.startsWith("tmux")) return TEXT;
    if (term.equals("dumb") || (!get(env, "CI").isEmpty() && program.isEmpty())) return TEXT;
    if (!get(env, "KITTY_WINDOW_ID").isEmpty() || term.contains("kitty") || term.contains("ghostty")
        || program.equals("ghostty")) {
      return KITTY;
    }
    if (program.equals("iterm.app") || lcTerminal.equals("iterm2") || program.equals("wezterm")
        || !get(env, "WEZTERM_EXECUTABLE").isEmpty() || !get(env, "WEZTERM_PANE").isEmpty()
        || program.equals("vscode") || !get(env, "VSCODE_INJECTION").isEmpty() || program.equals("mintty")) {
      return ITERM;
    }
    if (term.startsWith("foot") || term.contains("mlterm") || term.contains("yaft") || term.contains("sixel")
        || !get(env, "KONSOLE_VERSION").isEmpty() || !get(env, "WT_SESSION").isEmpty()) {
      return SIXEL;
    }
    return TEXT;
  }

  /** Reads a {@code JINN_PLOT} value or REPL argument: kitty, iterm, sixel, text or none. */
  public static TerminalKind parse(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "kitty" -> KITTY;
      case "iterm", "iterm2" -> ITERM;
      case "sixel" -> SIXEL;
      case "text" -> TEXT;
      case "none", "off" -> NONE;
      default -> throw new IllegalArgumentException(
          "plot output: expected kitty, iterm, sixel, text or none, received '" + name + "'");
    };
  }

  /** The query {@link #probe} sends: a 1x1 kitty image query, then "primary device attributes". */
  static final String PROBE = "\u001b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\u001b\\\u001b[c";

  /**
   * Asks the terminal what it supports: a kitty graphics query, then a primary device attributes request,
   * which every terminal answers, so the wait ends as soon as that answer arrives. Only call this with
   * the terminal in raw mode (no echo, no line buffering), reading the terminal's own input, e.g. from a
   * JLine {@code Terminal}; otherwise the replies end up as typed text.
   *
   * @return KITTY, SIXEL, or empty when the reply shows neither or does not come within the timeout
   */
  public static Optional<TerminalKind> probe(InputStream in, OutputStream out, Duration timeout) throws IOException {
    out.write(PROBE.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    StringBuilder reply = new StringBuilder();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (in.available() > 0) {
        int b = in.read();
        if (b < 0) break;
        reply.append((char) b);
        if (deviceAttributesComplete(reply)) break;
      } else {
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return fromReply(reply.toString());
  }

  /** Interprets the terminal's answer to {@link #PROBE}. */
  static Optional<TerminalKind> fromReply(String reply) {
    if (reply.contains("\u001b_Gi=31;OK")) return Optional.of(KITTY);
    int start = reply.indexOf("\u001b[?");
    if (start >= 0) {
      int end = reply.indexOf('c', start);
      if (end > start) {
        for (String attr : reply.substring(start + 3, end).split(";")) {
          if (attr.equals("4")) return Optional.of(SIXEL); // attribute 4: sixel graphics
        }
      }
    }
    return Optional.empty();
  }

  private static boolean deviceAttributesComplete(CharSequence s) {
    String str = s.toString();
    int start = str.indexOf("\u001b[?");
    return start >= 0 && str.indexOf('c', start) > 0;
  }

  private static String get(Map<String, String> env, String key) {
    String v = env.get(key);
    return v == null ? "" : v.trim();
  }
}
