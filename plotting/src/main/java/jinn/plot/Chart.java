package jinn.plot;

import java.awt.AWTError;
import java.awt.Graphics2D;
import java.awt.HeadlessException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;

/**
 * A chart: what {@link Plots} returns. Settings are fluent and return this chart; outputs are
 * {@link #save(String)}, {@link #toPng()}, {@link #show()}, {@link #text()} and
 * {@link #render(TerminalKind)} (what the REPL prints inline).
 *
 * <pre>{@code
 * plot(Math::sin, 0, 2 * Math.PI).title("sin").xLabel("x").size(640, 400).save("sin.png");
 * }</pre>
 */
public final class Chart {
  static { Headless.ensure(); }

  private final Figure figure;
  private final Options options = new Options();
  private int width;
  private int height;

  Chart(Figure figure, int width, int height) {
    this.figure = figure;
    this.width = width;
    this.height = height;
  }

  /** The chart's title, drawn on top. */
  public Chart title(String title) { options.title = title; return this; }

  /** The horizontal axis' label. */
  public Chart xLabel(String label) { options.xLabel = label; return this; }

  /** The vertical axis' label. */
  public Chart yLabel(String label) { options.yLabel = label; return this; }

  /** Pixel size of the image (default 800 x 500 for one panel). */
  public Chart size(int width, int height) {
    if (width < 50 || height < 50) {
      throw new IllegalArgumentException("chart size: expected at least 50 x 50 pixels, received " + width + " x " + height);
    }
    this.width = width;
    this.height = height;
    return this;
  }

  /** Colours and fonts; see {@link Theme}. */
  public Chart theme(Theme theme) { options.theme = theme; return this; }

  /** Fixes the visible x range instead of fitting the data. */
  public Chart xRange(double min, double max) {
    checkRange("xRange", min, max);
    options.xMin = min; options.xMax = max;
    return this;
  }

  /** Fixes the visible y range instead of fitting the data. */
  public Chart yRange(double min, double max) {
    checkRange("yRange", min, max);
    options.yMin = min; options.yMax = max;
    return this;
  }

  /** Shows or hides the legend (shown by default when series have names). */
  public Chart legend(boolean visible) { options.legend = visible; return this; }

  /** A logarithmic y axis, for losses that fall over orders of magnitude. */
  public Chart logY() { options.logY = true; return this; }

  /**
   * Adds one more named function to a chart of functions, over the same x range.
   *
   * <pre>{@code plot(-10, 10, "relu", x -> Math.max(0, x)).and("leaky relu", x -> Math.max(0.1 * x, x))}</pre>
   */
  public Chart and(String name, DoubleUnaryOperator f) {
    if (!(figure instanceof XYFigure xy) || xy.series.isEmpty()) {
      throw new IllegalStateException("and(\"" + name + "\", f): expected a line chart to add a curve to, received a chart of "
          + figure.describe());
    }
    Bounds b = Bounds.of(xy.series, options);
    int n = xy.series.get(0).x().length;
    xy.add(Curve.sample(name, f, b.xlo(), b.xhi(), Math.max(n, 2)));
    return this;
  }

  /**
   * Draws the named series dashed, as the seed tutorial draws the step function next to sigmoid:
   * {@code plot(-6, 6, "step", step, "sigmoid", sigmoid).dashed("step")}.
   */
  public Chart dashed(String seriesName) {
    if (figure instanceof XYFigure xy) {
      for (int i = 0; i < xy.series.size(); i++) {
        Series s = xy.series.get(i);
        if (seriesName.equals(s.name())) {
          xy.series.set(i, new Series(s.name(), s.x(), s.y(), Series.Style.DASHED, s.color()));
          return this;
        }
      }
      throw new IllegalArgumentException("dashed(\"" + seriesName + "\"): expected one of the series "
          + xy.series.stream().map(Series::name).toList() + ", received a name that is none of them");
    }
    throw new IllegalStateException("dashed(\"" + seriesName + "\"): expected a line chart, received a chart of "
        + figure.describe());
  }

  /** The width in pixels that images of this chart get (PNG, inline in the terminal). */
  public int width() { return width; }

  /** The height in pixels that images of this chart get. */
  public int height() { return height; }

  /** The title, or null. */
  public String title() { return options.title; }

  /** The chart drawn into a new RGB image of {@link #width()} x {@link #height()} pixels. */
  public BufferedImage toImage() {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      XYFigure.smooth(g);
      g.setColor(options.theme.background());
      g.fillRect(0, 0, width, height);
      figure.paint(g, width, height, options.copy());
    } finally {
      g.dispose();
    }
    return img;
  }

  /** The chart as PNG file bytes. */
  public byte[] toPng() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(toImage(), "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("chart: could not encode PNG", e);
    }
    return out.toByteArray();
  }

  /**
   * The chart as an SVG document: lines stay sharp at any zoom; XChart draws text as outlines, so it looks
   * the same on machines without the fonts (but cannot be selected).
   */
  public String toSvg() {
    VectorGraphics2D g = new VectorGraphics2D();
    g.setColor(options.theme.background());
    g.fillRect(0, 0, width, height);
    figure.paint(g, width, height, options.copy());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width, height)).writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("chart: could not write SVG", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Saves to a file; the extension picks the format: .png, .jpg/.jpeg or .svg. Returns the path written. */
  public Path save(String file) { return save(Path.of(file)); }

  /** Saves to a file; the extension picks the format: .png, .jpg/.jpeg or .svg. Returns the path written. */
  public Path save(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
      if (name.endsWith(".png")) {
        Files.write(file, toPng());
      } else if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
        try (OutputStream out = Files.newOutputStream(file)) { writeJpeg(toImage(), out); }
      } else if (name.endsWith(".svg")) {
        Files.writeString(file, toSvg());
      } else {
        throw new IllegalArgumentException("save(\"" + file + "\"): expected a file name ending in .png, .jpg, .jpeg or .svg");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("save(\"" + file + "\"): " + e.getMessage(), e);
    }
    return file;
  }

  private static void writeJpeg(BufferedImage img, OutputStream out) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpg").next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam p = writer.getDefaultWriteParam();
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionQuality(0.92f); // charts are flat colour and thin lines: low quality smears them
      writer.write(null, new IIOImage(img, null, null), p);
    } finally {
      writer.dispose();
    }
  }

  /** A plain-text rendering, 80 characters wide: readable in any terminal, log or CI output. */
  public String text() { return text(80, 18); }

  /** A plain-text rendering about {@code cols} characters wide with {@code rows} lines of plot. */
  public String text(int cols, int rows) { return figure.text(cols, rows, false, options.copy()); }

  /** Like {@link #text(int, int)}, with ANSI colours when {@code ansi} is true. */
  public String text(int cols, int rows, boolean ansi) { return figure.text(cols, rows, ansi, options.copy()); }

  /** What to print to show this chart on a terminal of the given kind; see {@link InlineImages}. */
  public String render(TerminalKind kind) { return InlineImages.render(this, kind); }

  /**
   * Opens a window when a display exists; otherwise prints the chart inline on standard output, as an
   * image where the terminal can show one and as text everywhere else. Never throws HeadlessException.
   */
  public Chart show() {
    if (Headless.canShowWindows()) {
      try {
        ChartWindow.open(this);
        return this;
      } catch (HeadlessException | AWTError | InternalError | UnsatisfiedLinkError e) {
        // a DISPLAY that points nowhere ("Can't connect to X11 window server"): fall through to the terminal
      }
    }
    System.out.print(render(TerminalKind.detect()));
    System.out.flush();
    return this;
  }

  Figure figure() { return figure; }

  Options options() { return options; }

  /**
   * One line: the chart's kind, title and series, as the REPL shows it where it cannot draw the
   * chart.
   */
  @Override public String toString() {
    return "Chart[" + (options.title == null ? "" : "\"" + options.title + "\", ") + width + "x" + height + ", "
        + figure.describe() + "]";
  }

  private static void checkRange(String what, double min, double max) {
    if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max)) {
      throw new IllegalArgumentException(what + ": expected finite min < max, received " + min + ", " + max);
    }
  }
}
