package it.continuo.report.render;

import it.continuo.report.Trends;
import it.continuo.report.Trends.JobDay;
import it.continuo.report.Trends.JobTrend;
import it.continuo.report.Trends.ServiceTrend;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The 30-day trends as PNG charts: archive bytes per day of each job, backup time per day of each
 * job, and each service's achieved RPO at the end of each day against its RPO (a red line). Days
 * without a figure are gaps, never zeros. Drawn headless ({@code java.awt.headless=true}).
 */
final class Charts {
  static final String ARCHIVE_BYTES = "archive-bytes";
  static final String DURATIONS = "durations";
  static final String RPO_PREFIX = "rpo-";
  static final int WIDE_WIDTH = 900;
  static final int WIDE_HEIGHT = 280;
  static final int SMALL_WIDTH = 380;
  static final int SMALL_HEIGHT = 160;
  private static final Color GRID = new Color(0xd0d0d0);
  private static final Color RPO_LINE = new Color(0xc62828);
  private static final Color ACHIEVED = new Color(0x1f4e9a);
  private static final double GB = 1e9;
  private static final double MB = 1e6;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** The thread that draws the charts while the PDF is laid out. */
  static Thread thread(Runnable drawing) {
    Thread thread = new Thread(drawing, "report-charts");
    thread.setDaemon(true);
    return thread;
  }

  private final Formats formats;
  private final Messages messages;

  Charts(Formats formats) {
    this.formats = formats;
    this.messages = formats.messages();
  }

  /** Every chart of the trends, the job charts first, then one per service; nothing drawn yet. */
  List<Chart> list(Trends trends) {
    List<Chart> charts = new ArrayList<>();
    if (!trends.jobs().isEmpty()) {
      charts.add(new Chart(ARCHIVE_BYTES, messages.get("chart.archiveBytes"), true));
      charts.add(new Chart(DURATIONS, messages.get("chart.durations"), true));
    }
    for (int i = 0; i < trends.services().size(); i++) {
      String title = messages.get("chart.serviceRpo", trends.services().get(i).service());
      charts.add(new Chart(RPO_PREFIX + (i + 1), title, false));
    }
    return charts;
  }

  /** The PNG of every chart of {@link #list}, by id, in the same order. */
  Map<String, byte[]> draw(Trends trends) throws IOException {
    Map<String, byte[]> pngs = new LinkedHashMap<>();
    if (!trends.jobs().isEmpty()) {
      pngs.put(ARCHIVE_BYTES, archiveBytes(trends));
      pngs.put(DURATIONS, durations(trends));
    }
    for (int i = 0; i < trends.services().size(); i++) {
      pngs.put(RPO_PREFIX + (i + 1), achievedRpo(trends, trends.services().get(i)));
    }
    return pngs;
  }

  private byte[] archiveBytes(Trends trends) throws IOException {
    long max = 0;
    for (JobTrend job : trends.jobs()) {
      for (JobDay day : job.days()) {
        max = Math.max(max, day.archiveBytes());
      }
    }
    double unit = max >= GB ? GB : MB;
    String axis = messages.get(unit == GB ? "chart.unit.gb" : "chart.unit.mb");
    return jobChart(axis, trends, day -> day.runs() == 0 ? Double.NaN : day.archiveBytes() / unit);
  }

  private byte[] durations(Trends trends) throws IOException {
    long max = 0;
    for (JobTrend job : trends.jobs()) {
      for (JobDay day : job.days()) {
        max = Math.max(max, day.duration() == null ? 0 : day.duration().toSeconds());
      }
    }
    boolean hours = max > 3 * 3600;
    double unit = hours ? 3600 : 60;
    String axis = messages.get(hours ? "chart.unit.hours" : "chart.unit.minutes");
    return jobChart(
        axis,
        trends,
        day ->
            day.runs() == 0 || day.duration() == null
                ? Double.NaN
                : day.duration().toSeconds() / unit);
  }

  private byte[] jobChart(String axis, Trends trends, ToDoubleFunction<JobDay> value)
      throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (JobTrend job : trends.jobs()) {
      for (int i = 0; i < trends.days().size() && i < job.days().size(); i++) {
        double v = value.applyAsDouble(job.days().get(i));
        data.addValue(Double.isNaN(v) ? null : v, job.job(), label(trends.days().get(i)));
      }
    }
    JFreeChart chart = lineChart(data, axis, true);
    int legendRows = (trends.jobs().size() + 3) / 4;
    return png(chart, WIDE_WIDTH, WIDE_HEIGHT + 18 * legendRows);
  }

  private byte[] achievedRpo(Trends trends, ServiceTrend service) throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    String series = messages.get("chart.achievedRpo");
    boolean days = service.rpo().toHours() >= 72;
    double unit = days ? 86_400 : 3600;
    for (int i = 0; i < trends.days().size() && i < service.achievedRpo().size(); i++) {
      Duration achieved = service.achievedRpo().get(i);
      data.addValue(
          achieved == null ? null : achieved.toSeconds() / unit,
          series,
          label(trends.days().get(i)));
    }
    String axis = messages.get(days ? "chart.unit.days" : "chart.unit.hours");
    JFreeChart chart = lineChart(data, axis, false);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.getRenderer().setSeriesPaint(0, ACHIEVED); // red is for the RPO line alone
    ValueMarker rpo = new ValueMarker(service.rpo().toSeconds() / unit);
    rpo.setPaint(RPO_LINE);
    rpo.setStroke(
        new BasicStroke(
            2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
    rpo.setLabel(messages.get("chart.rpoLine", formats.duration(service.rpo())));
    rpo.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    rpo.setLabelPaint(RPO_LINE);
    rpo.setLabelBackgroundColor(Color.WHITE);
    rpo.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
    rpo.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT);
    plot.addRangeMarker(rpo);
    // keep the RPO line in view even when every day is well within it
    NumberAxis range = (NumberAxis) plot.getRangeAxis();
    range.setAutoRangeIncludesZero(true);
    double top = rpo.getValue() * 1.25;
    for (int i = 0; i < data.getColumnCount(); i++) {
      Number v = data.getValue(0, i);
      if (v != null) {
        top = Math.max(top, v.doubleValue() * 1.1);
      }
    }
    range.setRange(0, top);
    return png(chart, SMALL_WIDTH, SMALL_HEIGHT);
  }

  private String label(LocalDate day) {
    return formats.day(day);
  }

  private JFreeChart lineChart(DefaultCategoryDataset data, String axis, boolean legend) {
    CategoryAxis days = new CategoryAxis();
    days.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
    days.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
    days.setLowerMargin(0.01);
    days.setUpperMargin(0.01);
    NumberAxis values = new NumberAxis(axis);
    values.setNumberFormatOverride(NumberFormat.getNumberInstance(messages.locale()));
    values.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
    renderer.setDefaultStroke(new BasicStroke(1.5f));
    renderer.setAutoPopulateSeriesStroke(false);
    CategoryPlot plot = new CategoryPlot(data, days, values, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(GRID);
    plot.setDomainGridlinesVisible(false);
    plot.setOutlineVisible(false);
    JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, legend);
    chart.setBackgroundPaint(Color.WHITE);
    // Lines without antialiasing: antialiased rasterising cost more than a third of a cold render
    // of a big report (mostly compiling Java2D's Marlin renderer); text stays smooth.
    chart.setAntiAlias(false);
    chart.setTextAntiAlias(true);
    LegendTitle title = chart.getLegend();
    if (title != null) {
      title.setPosition(RectangleEdge.BOTTOM);
      title.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
      title.setFrame(org.jfree.chart.block.BlockBorder.NONE);
    }
    return chart;
  }

  private static byte[] png(JFreeChart chart, int width, int height) throws IOException {
    // opaque RGB: an alpha channel would double the PDF's work (a soft mask per image) for nothing
    return Png.encode(chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null));
  }
}
