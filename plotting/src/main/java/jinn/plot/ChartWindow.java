package jinn.plot;

import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;

/** A Swing window that paints a chart at the window's current size; only opened when a display exists. */
final class ChartWindow {
  private final JFrame frame;
  private final JPanel panel;
  private volatile Chart chart;
  private volatile BufferedImage frameImage;

  private ChartWindow(Chart chart) {
    this.chart = chart;
    panel = new JPanel() {
      @Override protected void paintComponent(Graphics g) {
        super.paintComponent(g);
        BufferedImage img = frameImage;
        if (img != null) { // a live frame, rendered off this thread: just copy it
          g.drawImage(img, 0, 0, getWidth(), getHeight(), null);
          return;
        }
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

  /** Shows a frame rendered elsewhere (a live curve); cheap, and a no-op once the window is closed. */
  void show(BufferedImage image) {
    frameImage = image;
    if (frame.isDisplayable()) SwingUtilities.invokeLater(panel::repaint);
  }

  int width() { return panel.getWidth(); }

  int height() { return panel.getHeight(); }

  boolean isOpen() { return frame.isDisplayable(); }
}
