package jinn.plot;

import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;

/** A Swing window that paints a chart at the window's current size; only opened when a display exists. */
final class ChartWindow {
  private final JFrame frame;
  private volatile Chart chart;

  private ChartWindow(Chart chart) {
    this.chart = chart;
    JPanel panel = new JPanel() {
      @Override protected void paintComponent(Graphics g) {
        super.paintComponent(g);
        Chart c = ChartWindow.this.chart;
        Graphics2D g2 = (Graphics2D) g.create();
        try {
          XYFigure.smooth(g2);
          g2.setColor(c.options().theme.background());
          g2.fillRect(0, 0, getWidth(), getHeight());
          c.figure().paint(g2, getWidth(), getHeight(), c.options().copy());
        } finally {
          g2.dispose();
        }
      }
    };
    panel.setPreferredSize(new Dimension(chart.width(), chart.height()));
    frame = new JFrame(chart.title() == null ? "jinn" : chart.title());
    frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
    frame.add(panel);
    frame.pack();
    frame.setLocationByPlatform(true);
  }

  static ChartWindow open(Chart chart) {
    ChartWindow[] made = new ChartWindow[1];
    try {
      SwingUtilities.invokeAndWait(() -> {
        made[0] = new ChartWindow(chart);
        made[0].frame.setVisible(true);
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
    return made[0];
  }

  /** Shows a new version of the chart (a live curve); cheap when the window is closed. */
  void update(Chart next) {
    chart = next;
    if (frame.isDisplayable()) SwingUtilities.invokeLater(frame::repaint);
  }

  boolean isOpen() { return frame.isDisplayable(); }
}
