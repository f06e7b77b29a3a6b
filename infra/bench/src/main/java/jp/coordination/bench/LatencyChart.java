package jp.coordination.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A PNG of latency percentiles (p50, p99, p99.9; log scale) over offered load, one panel per
 * measured path, drawn with java.awt headless so no tool beyond the JDK is needed.
 */
final class LatencyChart {

  /** One curve's points: offered load per second and p50/p99/p99.9 in milliseconds. */
  record Point(double load, double p50, double p99, double p999) {}

  /** One panel: a title, its points, the targets to draw as dashed lines (ms, may be empty). */
  record Panel(String title, String loadUnit, List<Point> points, List<Double> targets) {}

  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0xd62728)
  };
  private static final String[] NAMES = {"p50", "p99", "p99.9"};

  private LatencyChart() {}

  static void write(Path file, String heading, List<Panel> panels) throws IOException {
    System.setProperty("java.awt.headless", "true");
    int panelWidth = 520;
    int width = panelWidth * panels.size();
    int height = 420;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(heading, 12, 20);
    for (int i = 0; i < panels.size(); i++) {
      drawPanel(g, panels.get(i), i * panelWidth, 30, panelWidth, height - 30);
    }
    g.dispose();
    Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(image, "png", file.toFile());
  }

  private static void drawPanel(Graphics2D g, Panel panel, int x0, int y0, int w, int h) {
    int left = x0 + 60;
    int right = x0 + w - 20;
    int top = y0 + 30;
    int bottom = y0 + h - 50;
    double maxLoad = panel.points().stream().mapToDouble(Point::load).max().orElse(1) * 1.1;
    double minMs = 0.5;
    double maxMs = 10;
    for (Point p : panel.points()) {
      maxMs = Math.max(maxMs, finite(p.p999()) * 1.5);
    }
    for (double t : panel.targets()) {
      maxMs = Math.max(maxMs, t * 1.5);
    }
    double logMin = Math.log10(minMs);
    double logMax = Math.log10(maxMs);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.setColor(Color.BLACK);
    g.drawString(panel.title(), left, y0 + 15);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    // Grid: decades of milliseconds.
    for (double ms = 1; ms <= maxMs; ms *= 10) {
      for (int m = 1; m < 10; m++) {
        double v = ms * m;
        if (v < minMs || v > maxMs) {
          continue;
        }
        int y = yOf(v, logMin, logMax, top, bottom);
        g.setColor(m == 1 ? new Color(0xcccccc) : new Color(0xeeeeee));
        g.drawLine(left, y, right, y);
        if (m == 1) {
          g.setColor(Color.DARK_GRAY);
          g.drawString(label(v), left - 50, y + 4);
        }
      }
    }
    g.setColor(Color.BLACK);
    g.drawLine(left, top, left, bottom);
    g.drawLine(left, bottom, right, bottom);
    for (Point p : panel.points()) {
      int x = xOf(p.load(), maxLoad, left, right);
      g.drawLine(x, bottom, x, bottom + 4);
      g.drawString(String.format("%.0f", p.load()), x - 12, bottom + 16);
    }
    g.drawString(
        "offered load, " + panel.loadUnit() + " (latency in ms, log scale)", left, bottom + 34);
    g.setStroke(
        new BasicStroke(
            1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
    for (int t = 0; t < panel.targets().size(); t++) {
      double target = panel.targets().get(t);
      int y = yOf(target, logMin, logMax, top, bottom);
      g.setColor(COLORS[Math.min(t, COLORS.length - 1)]);
      g.drawLine(left, y, right, y);
      g.drawString("target " + label(target), right - 80, y - 3);
    }
    g.setStroke(new BasicStroke(2f));
    for (int c = 0; c < 3; c++) {
      g.setColor(COLORS[c]);
      int px = -1;
      int py = -1;
      for (Point p : panel.points()) {
        double v = c == 0 ? p.p50() : c == 1 ? p.p99() : p.p999();
        if (!Double.isFinite(v)) {
          continue;
        }
        int x = xOf(p.load(), maxLoad, left, right);
        int y = yOf(Math.max(v, minMs), logMin, logMax, top, bottom);
        g.fillOval(x - 4, y - 4, 8, 8);
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        }
        px = x;
        py = y;
      }
      g.fillRect(left + 10 + c * 70, top + 4, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString(NAMES[c], left + 26 + c * 70, top + 14);
    }
    g.setStroke(new BasicStroke(1f));
  }

  private static double finite(double v) {
    return Double.isFinite(v) ? v : 0;
  }

  private static String label(double ms) {
    return ms >= 1000 ? String.format("%.0f s", ms / 1000) : String.format("%.0f ms", ms);
  }

  private static int xOf(double load, double maxLoad, int left, int right) {
    return left + (int) ((right - left) * load / maxLoad);
  }

  private static int yOf(double ms, double logMin, double logMax, int top, int bottom) {
    double f = (Math.log10(ms) - logMin) / (logMax - logMin);
    return bottom - (int) ((bottom - top) * f);
  }
}
