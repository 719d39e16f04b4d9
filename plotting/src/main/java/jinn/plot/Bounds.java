package jinn.plot;

import java.util.List;

/** The data rectangle a chart shows: the series' extent, padded a little so curves do not touch the frame. */
record Bounds(double xlo, double xhi, double ylo, double yhi) {

  static Bounds of(List<Series> series, Options o) {
    double xlo = Double.POSITIVE_INFINITY, xhi = Double.NEGATIVE_INFINITY;
    double ylo = Double.POSITIVE_INFINITY, yhi = Double.NEGATIVE_INFINITY;
    boolean area = false, scatter = false;
    for (Series s : series) {
      area |= s.style() == Series.Style.AREA;
      scatter |= s.style() == Series.Style.SCATTER;
      for (int i = 0; i < s.x().length; i++) {
        double x = s.x()[i], y = s.y()[i];
        if (!Double.isFinite(x) || !Double.isFinite(y) || (o.logY && y <= 0)) continue;
        xlo = Math.min(xlo, x); xhi = Math.max(xhi, x);
        ylo = Math.min(ylo, y); yhi = Math.max(yhi, y);
      }
    }
    if (xlo > xhi) { xlo = 0; xhi = 1; ylo = 0; yhi = 1; }
    if (xlo == xhi) { xlo -= 0.5; xhi += 0.5; }
    if (ylo == yhi && area && ylo == 0) yhi = 1; // a histogram of nothing: an empty axis from 0
    if (ylo == yhi) { ylo -= o.logY ? ylo / 2 : 0.5; yhi += o.logY ? yhi : 0.5; }
    if (scatter) { // points on the frame are half hidden: pad x as well
      double pad = (xhi - xlo) * 0.05;
      xlo -= pad; xhi += pad;
    }
    if (o.logY) {
      ylo /= 1.25; yhi *= 1.25;
    } else {
      double pad = (yhi - ylo) * 0.06;
      // positive data (losses) gets an axis that stops at 0 rather than at -0.2; data that touches 0 keeps
      // its padding, or a curve along 0 would hide in the frame
      ylo = (area && ylo >= 0) || (ylo > 0 && ylo - pad < 0) ? 0 : ylo - pad;
      yhi += pad;
    }
    return new Bounds(o.xMin != null ? o.xMin : xlo, o.xMax != null ? o.xMax : xhi,
        o.yMin != null ? o.yMin : ylo, o.yMax != null ? o.yMax : yhi);
  }

  /** Fraction of the way across, 0 at the left edge and 1 at the right. */
  double fx(double x) { return (x - xlo) / (xhi - xlo); }

  /** Fraction of the way up, honouring a logarithmic y axis. */
  double fy(double y, boolean log) {
    return log ? (Math.log(y) - Math.log(ylo)) / (Math.log(yhi) - Math.log(ylo)) : (y - ylo) / (yhi - ylo);
  }
}
