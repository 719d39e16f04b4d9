package jinn.plot;

import java.awt.Color;

/** One named run of points; {@code color} null means "next palette colour". */
record Series(String name, double[] x, double[] y, Style style, Color color) {
  enum Style { LINE, DASHED, SCATTER, AREA }

  Series {
    if (x.length != y.length) {
      throw new IllegalArgumentException("series '" + name + "': expected as many x as y values, received "
          + x.length + " x and " + y.length + " y");
    }
  }

  Series withName(String newName) { return new Series(newName, x, y, style, color); }
}
