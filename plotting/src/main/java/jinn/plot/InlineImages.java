package jinn.plot;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The bytes that make a terminal show a chart in place: kitty graphics, iTerm2 inline images, sixel, or a
 * text chart. This is what the REPL prints after a snippet whose value is a {@link Chart}:
 *
 * <pre>{@code
 * TerminalKind kind = TerminalKind.detect();          // or the REPL's /plot setting
 * terminal.writer().print(InlineImages.render(chart, kind));
 * }</pre>
 */
public final class InlineImages {
  /** kitty takes at most 4096 bytes of base64 per escape sequence. */
  static final int KITTY_CHUNK = 4096;

  private InlineImages() {}

  /** What to print to show the chart on a terminal of this kind; text charts use colour unless NO_COLOR is set. */
  public static String render(Chart chart, TerminalKind kind) { return render(chart, kind, System.getenv()); }

  /** Like {@link #render(Chart, TerminalKind)}, reading COLUMNS and NO_COLOR from the given environment. */
  public static String render(Chart chart, TerminalKind kind, Map<String, String> env) {
    return render(chart, kind, columns(env), colours(env));
  }

  /**
   * What to print for the chart when the caller knows the terminal: {@code columns} wide (text charts fit
   * it), {@code colour} for ANSI colours in text charts. This is the call for a REPL display renderer.
   */
  public static String render(Chart chart, TerminalKind kind, int columns, boolean colour) {
    return switch (kind) {
      case KITTY -> kitty(chart.toPng());
      case ITERM -> iterm(chart.toPng());
      case SIXEL -> sixel(chart);
      case TEXT -> chart.text(textWidth(columns), 18, colour);
      case NONE -> "";
    };
  }

  /** A PNG as kitty graphics: transmit and display ({@code a=T}), quietly ({@code q=2}), in 4096-byte chunks. */
  public static String kitty(byte[] png) { return kitty(png, 0, 0, 0); }

  /**
   * A PNG as kitty graphics. A non-zero {@code id} names the image (a later {@link #kittyDelete} removes
   * it); non-zero {@code cols}/{@code rows} scale it to that many character cells, so a redraw knows how
   * far to move the cursor back.
   */
  public static String kitty(byte[] png, int id, int cols, int rows) {
    String data = Base64.getEncoder().encodeToString(png);
    StringBuilder keys = new StringBuilder("a=T,f=100,t=d,q=2");
    if (id > 0) keys.append(",i=").append(id);
    if (cols > 0) keys.append(",c=").append(cols);
    if (rows > 0) keys.append(",r=").append(rows);
    StringBuilder out = new StringBuilder(data.length() + data.length() / KITTY_CHUNK * 16 + 64);
    for (int start = 0; start < data.length() || start == 0; start += KITTY_CHUNK) {
      int end = Math.min(data.length(), start + KITTY_CHUNK);
      boolean more = end < data.length();
      out.append("\u001b_G");
      if (start == 0) out.append(keys).append(',');
      out.append("m=").append(more ? 1 : 0).append(';').append(data, start, end).append("\u001b\\");
      if (!more) break;
    }
    return out.append('\n').toString();
  }

  /** Deletes a kitty image and frees its data, so a live chart does not pile up copies. */
  public static String kittyDelete(int id) { return "\u001b_Ga=d,d=I,i=" + id + ",q=2\u001b\\"; }

  /** A PNG as an iTerm2 inline image (OSC 1337), at its natural size. */
  public static String iterm(byte[] png) { return iterm(png, 0, 0); }

  /** A PNG as an iTerm2 inline image, scaled to {@code cols} x {@code rows} character cells when they are non-zero. */
  public static String iterm(byte[] png, int cols, int rows) {
    StringBuilder out = new StringBuilder("\u001b]1337;File=name=")
        .append(Base64.getEncoder().encodeToString("chart.png".getBytes(StandardCharsets.UTF_8)))
        .append(";size=").append(png.length).append(";inline=1;preserveAspectRatio=1");
    if (cols > 0) out.append(";width=").append(cols);
    if (rows > 0) out.append(";height=").append(rows);
    return out.append(':').append(Base64.getEncoder().encodeToString(png)).append('\u0007').append('\n').toString();
  }

  /** The chart as sixel graphics. */
  public static String sixel(Chart chart) { return sixel(chart.toImage()); }

  /** An image as sixel graphics (a PNG from a MIME bundle, decoded). */
  public static String sixel(java.awt.image.BufferedImage image) { return SixelEncoder.encode(image) + "\n"; }

  /** One column short of the terminal (a full last column wraps on some terminals), 40 to 120 wide. */
  static int textWidth(int columns) { return Math.max(40, Math.min(columns - 1, 120)); }

  static int columns(Map<String, String> env) {
    try {
      return Integer.parseInt(env.getOrDefault("COLUMNS", "").trim());
    } catch (NumberFormatException e) {
      return 81;
    }
  }

  static boolean colours(Map<String, String> env) {
    String term = env.getOrDefault("TERM", "");
    return env.get("NO_COLOR") == null && !term.isEmpty() && !term.equals("dumb");
  }
}
