package jinn.plot;

/** What a reader can set on any chart; each figure uses the parts that mean something to it. */
final class Options {
  String title;
  String xLabel;
  String yLabel;
  Theme theme = Theme.LIGHT;
  Double xMin, xMax, yMin, yMax;
  boolean legend = true;
  boolean logY;

  Options copy() {
    Options o = new Options();
    o.title = title; o.xLabel = xLabel; o.yLabel = yLabel; o.theme = theme;
    o.xMin = xMin; o.xMax = xMax; o.yMin = yMin; o.yMax = yMax;
    o.legend = legend; o.logY = logY;
    return o;
  }
}
