package it.continuo.report;

import it.continuo.config.Config;
import it.continuo.report.deliver.ReportArchive;
import it.continuo.report.render.ReportRenderer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the report of a day, the same way for {@code continuo report} and the daemon's morning:
 * builds it from the evidence, renders it, keeps it under {@code dataDir/reports} and deletes the
 * reports older than {@code reports.keepDays}. Mailing is the caller's: the daemon retries, the
 * command line tries once and says why it failed.
 */
public final class ReportEngine {
  private static final Logger log = LoggerFactory.getLogger(ReportEngine.class);

  private final Config config;
  private final Evidence evidence;
  private final Clock clock;
  private final ReportArchive archive;

  public ReportEngine(Config config, Evidence evidence, Clock clock) {
    this.config = config;
    this.evidence = evidence;
    this.clock = clock;
    this.archive = archive(config, clock);
  }

  /** The archive of the agent's reports, {@code dataDir/reports}. */
  public static ReportArchive archive(Config config, Clock clock) {
    return new ReportArchive(
        config.agent().dataDir().resolve("reports"), config.reports().keepDays(), clock);
  }

  /**
   * A made report.
   *
   * @param report the report as data
   * @param rendered its HTML, PDF and JSON
   * @param saved the directory it was kept in
   * @param pruned the days deleted because they were older than {@code reports.keepDays}
   */
  public record Made(Report report, RenderedReport rendered, Path saved, List<LocalDate> pruned) {}

  /** Makes, renders and keeps the report of {@code date}. */
  public Made make(LocalDate date) throws Exception {
    Instant now = clock.instant();
    Report report = new ReportBuilder(config, evidence).build(date, now);
    RenderedReport rendered = new ReportRenderer().render(report);
    Path saved = archive.save(rendered);
    List<LocalDate> pruned = archive.prune();
    log.info("report of {} made: {} ({})", date, rendered.subject(), saved);
    if (!pruned.isEmpty()) {
      log.info("reports older than {} days deleted: {}", config.reports().keepDays(), pruned);
    }
    return new Made(report, rendered, saved, pruned);
  }

  /** The day a report made now is about: today in the agent's zone. */
  public LocalDate today() {
    return clock.instant().atZone(config.agent().timezone()).toLocalDate();
  }
}
