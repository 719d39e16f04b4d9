package jinn.plot;

import java.awt.Graphics2D;

/** Something a {@link Chart} can draw: as pixels on any Graphics2D (bitmap or vector), or as text. */
interface Figure {
  void paint(Graphics2D g, int width, int height, Options options);

  /** A text rendering about {@code cols} characters wide and {@code rows} lines of plot high. */
  String text(int cols, int rows, boolean ansi, Options options);

  /** A one-line description, used by {@link Chart#toString()}. */
  String describe();
}
