package it.continuo.report.render;

import it.continuo.report.Report;
import it.continuo.report.SampleReports;
import java.lang.management.ManagementFactory;

/**
 * Renders {@link SampleReports#big()} once in a fresh JVM and prints how long it took: the cold
 * time, which is what the daemon pays once a morning. Run by {@link ReportRendererTest}.
 */
final class BigReportTiming {
  private BigReportTiming() {}

  public static void main(String[] args) throws Exception {
    Report report = SampleReports.big();
    long start = System.nanoTime();
    var rendered = new ReportRenderer().render(report);
    long millis = (System.nanoTime() - start) / 1_000_000;
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    System.out.printf(
        "rendered in %d ms (JVM CPU %d ms, load average %.1f on %d cores): html %d kB, pdf %d kB,"
            + " %d charts%n",
        millis,
        os.getProcessCpuTime() / 1_000_000,
        os.getSystemLoadAverage(),
        os.getAvailableProcessors(),
        rendered.html().length() / 1000,
        rendered.pdf().length / 1000,
        rendered.images().size());
  }
}
