package it.continuo.report.drill;

import it.continuo.config.Config;
import it.continuo.config.EmailConfig;
import it.continuo.failover.FailoverRun;
import it.continuo.history.History;
import it.continuo.history.HistoryException;
import it.continuo.report.deliver.ReportMailException;
import it.continuo.report.deliver.ReportMailer;
import it.continuo.report.render.DrillRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes, keeps and mails the report of each failover run: given to {@link
 * it.continuo.failover.Failover.Builder#afterRun}, it renders the run's {@link DrillReport} in the
 * report language, writes it under {@code dataDir/reports/drills/} as {@code
 * <date>-<runbook>-<id>.html} and {@code .pdf}, records the HTML's path on the run in the history,
 * and mails both to the RCO through {@code reports.email} when configured. Nothing it does can fail
 * the run: a report that cannot be written or mailed is logged and recorded as a history event
 * ({@code report}, error), the run stays as it ended.
 */
public final class DrillReports implements Consumer<FailoverRun> {
  private static final Logger log = LoggerFactory.getLogger(DrillReports.class);

  private final Config config;
  private final History history;
  private final ReportMailer mailer;
  private final Clock clock;
  private final DrillRenderer renderer = new DrillRenderer();

  /**
   * @param history where the report's path and any failure are recorded; null records nothing
   * @param mailer how the report is mailed; null mails nothing
   */
  public DrillReports(Config config, History history, ReportMailer mailer, Clock clock) {
    this.config = config;
    this.history = history;
    this.mailer = mailer;
    this.clock = clock;
  }

  /** The reports of {@code config}'s agent, mailed through {@code reports.email} when given. */
  public static DrillReports of(Config config, History history) {
    EmailConfig email = config.reports().email();
    return new DrillReports(
        config, history, email == null ? null : new ReportMailer(email), Clock.systemUTC());
  }

  /** What became of a run's report. */
  public record Written(Path html, Path pdf, boolean mailed, String failure) {}

  /** The directory of the failover runs' reports: {@code dataDir/reports/drills}. */
  public static Path dir(Config config) {
    return config.agent().dataDir().resolve("reports").resolve("drills");
  }

  @Override
  public void accept(FailoverRun run) {
    make(run);
  }

  /** Writes, records and mails the report of {@code run}; never throws. */
  public Written make(FailoverRun run) {
    DrillReport report = DrillReport.of(config, run, clock.instant());
    RenderedDrill rendered;
    Path html;
    Path pdf;
    try {
      rendered = renderer.render(report);
      String stem = report.date() + "-" + run.runbook() + "-" + run.id();
      Path dir = dir(config);
      html = write(dir, stem + ".html", rendered.html().getBytes(StandardCharsets.UTF_8));
      pdf = write(dir, stem + ".pdf", rendered.pdf());
    } catch (IOException | RuntimeException e) {
      String why = "the report of failover run " + run.id() + " could not be written: " + e;
      failed(why);
      return new Written(null, null, false, why);
    }
    if (history != null && run.id() > 0) {
      try {
        history.failoverReport(run.id(), html.toString());
      } catch (HistoryException e) {
        log.warn("cannot record the report's path in the history: {}", e.getMessage());
      }
    }
    log.info("report of failover run {} written to {}", run.id(), html);
    if (mailer == null) {
      return new Written(html, pdf, false, null);
    }
    try {
      mailer.send(
          new ReportMailer.Mail(
              rendered.subject(),
              rendered.html(),
              Map.of(),
              rendered.pdf(),
              pdf.getFileName().toString(),
              "the report of failover run " + run.id() + " (" + run.runbook() + ")"));
      return new Written(html, pdf, true, null);
    } catch (ReportMailException e) {
      failed(
          "the report of failover run "
              + run.id()
              + " could not be mailed: "
              + e.getMessage()
              + "; it is kept in "
              + html);
      return new Written(html, pdf, false, e.getMessage());
    }
  }

  private void failed(String why) {
    log.warn("{}", why);
    if (history == null) {
      return;
    }
    try {
      history.event(clock.instant(), "report", null, "error", why);
    } catch (HistoryException e) {
      log.warn("cannot record in the history: {}", e.getMessage());
    }
  }

  /** Written aside, then renamed into place: a reader never sees half a report. */
  private static Path write(Path dir, String name, byte[] content) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(name);
    Path tmp = dir.resolve(".tmp-" + name);
    Files.write(tmp, content);
    return Files.move(
        tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
