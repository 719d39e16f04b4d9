package jinn.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TerminalKindTest {
  @Test void detectsFromEnvironment() {
    assertEquals(TerminalKind.KITTY, TerminalKind.detect(Map.of("TERM", "xterm-kitty")));
    assertEquals(TerminalKind.KITTY, TerminalKind.detect(Map.of("TERM", "xterm-256color", "KITTY_WINDOW_ID", "1")));
    assertEquals(TerminalKind.KITTY, TerminalKind.detect(Map.of("TERM", "xterm-ghostty")));
    assertEquals(TerminalKind.ITERM, TerminalKind.detect(Map.of("TERM", "xterm-256color", "TERM_PROGRAM", "iTerm.app")));
    assertEquals(TerminalKind.ITERM, TerminalKind.detect(Map.of("LC_TERMINAL", "iTerm2")));
    assertEquals(TerminalKind.ITERM, TerminalKind.detect(Map.of("TERM", "xterm-256color", "TERM_PROGRAM", "WezTerm")));
    assertEquals(TerminalKind.ITERM, TerminalKind.detect(Map.of("WEZTERM_PANE", "0")));
    assertEquals(TerminalKind.ITERM, TerminalKind.detect(Map.of("TERM", "xterm-256color", "TERM_PROGRAM", "vscode")));
    assertEquals(TerminalKind.SIXEL, TerminalKind.detect(Map.of("TERM", "foot")));
    assertEquals(TerminalKind.SIXEL, TerminalKind.detect(Map.of("TERM", "mlterm")));
    assertEquals(TerminalKind.TEXT, TerminalKind.detect(Map.of("TERM", "xterm-256color")));
    assertEquals(TerminalKind.TEXT, TerminalKind.detect(Map.of("TERM", "dumb")));
    assertEquals(TerminalKind.TEXT, TerminalKind.detect(Map.of()));
    assertEquals(TerminalKind.TEXT, TerminalKind.detect(Map.of("CI", "true", "TERM", "xterm")));
  }

  @Test void multiplexersGetTextBecauseTheySwallowImageEscapes() {
    assertEquals(TerminalKind.TEXT, TerminalKind.detect(Map.of("TERM", "xterm-kitty", "TMUX", "/tmp/tmux-0/default,1,0")));
    assertEquals(TerminalKind.TEXT, TerminalKind.detect(Map.of("TERM", "screen-256color", "KITTY_WINDOW_ID", "1")));
  }

  @Test void jinnPlotOverridesEverything() {
    assertEquals(TerminalKind.SIXEL, TerminalKind.detect(Map.of("TERM", "xterm-kitty", "JINN_PLOT", "sixel")));
    assertEquals(TerminalKind.NONE, TerminalKind.detect(Map.of("JINN_PLOT", "none")));
    assertEquals(TerminalKind.KITTY, TerminalKind.detect(Map.of("TERM", "dumb", "JINN_PLOT", "Kitty")));
    assertEquals(TerminalKind.ITERM, TerminalKind.detect(Map.of("JINN_PLOT", "iterm2", "TMUX", "x")));
  }

  @Test void badOverrideSaysWhatIsAccepted() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TerminalKind.parse("png"));
    assertEquals("plot output: expected kitty, iterm, sixel, text or none, received 'png'", e.getMessage());
  }

  @Test void probeRecognisesKittyAndSixelReplies() throws IOException {
    assertEquals(Optional.of(TerminalKind.KITTY), probe("\u001b_Gi=31;OK\u001b\\\u001b[?62;22c"));
    assertEquals(Optional.of(TerminalKind.SIXEL), probe("\u001b[?63;1;2;4;6;9;15;22c"));
    assertEquals(Optional.empty(), probe("\u001b[?62;22c"));
  }

  @Test void probeSendsTheQueryAndGivesUpAfterTheTimeout() throws IOException {
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    InputStream silent = new InputStream() {
      @Override public int read() { return -1; }
      @Override public int available() { return 0; }
    };
    long t0 = System.nanoTime();
    Optional<TerminalKind> kind = TerminalKind.probe(silent, sent, Duration.ofMillis(80));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(Optional.empty(), kind);
    assertTrue(ms >= 70 && ms < 2000, "expected to wait about 80 ms, waited " + ms);
    assertEquals(TerminalKind.PROBE, sent.toString(StandardCharsets.US_ASCII));
  }

  private static Optional<TerminalKind> probe(String reply) throws IOException {
    return TerminalKind.probe(new ByteArrayInputStream(reply.getBytes(StandardCharsets.ISO_8859_1)),
        new ByteArrayOutputStream(), Duration.ofSeconds(2));
  }
}
