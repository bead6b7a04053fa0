package it.continuo.report.deliver;

import it.continuo.report.RenderedReport;
import it.continuo.storage.wrap.Backoff.Sleeper;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails reports, trying again after each wait of {@link #WAITS}, and remembers how it went: a
 * report that could not be mailed at all makes the agent degraded, with the reason, until a later
 * report is mailed. Each failed attempt is logged at WARN, the last one at ERROR.
 */
public final class ReportDelivery {
  private static final Logger log = LoggerFactory.getLogger(ReportDelivery.class);

  /** The waits before the second and the third attempt. */
  public static final List<Duration> WAITS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5));

  private final ReportSender sender;
  private final Clock clock;
  private final Sleeper sleeper;
  private final List<Duration> waits;

  // guarded by this
  private Instant lastSuccess;
  private Instant lastFailure;
  private final TreeMap<LocalDate, String> undelivered = new TreeMap<>();

  /**
   * @param sender sends a report once, e.g. a {@link ReportMailer}
   * @param clock when a mailing succeeded or failed
   * @param sleeper waits between attempts; tests pass one that only records
   */
  public ReportDelivery(ReportSender sender, Clock clock, Sleeper sleeper) {
    this(sender, clock, sleeper, WAITS);
  }

  /**
   * @param waits the waits between attempts: one attempt more than waits
   */
  public ReportDelivery(ReportSender sender, Clock clock, Sleeper sleeper, List<Duration> waits) {
    this.sender = sender;
    this.clock = clock;
    this.sleeper = sleeper;
    this.waits = List.copyOf(waits);
  }

  /**
   * Mails the report, trying again while it fails, up to {@code waits + 1} attempts.
   *
   * @return whether it was mailed
   * @throws InterruptedIOException when interrupted while waiting; nothing is recorded then
   */
  public boolean deliver(RenderedReport report) throws InterruptedIOException {
    int attempts = waits.size() + 1;
    for (int attempt = 1; ; attempt++) {
      try {
        sender.send(report);
        succeeded(report);
        return true;
      } catch (ReportMailException e) {
        if (attempt == attempts) {
          failed(report, e, attempts);
          return false;
        }
        Duration wait = waits.get(attempt - 1);
        log.warn(
            "The report of {} could not be mailed (attempt {} of {}), trying again in {}: {}",
            report.date(),
            attempt,
            attempts,
            words(wait),
            e.getMessage());
        sleeper.sleep(wait);
      }
    }
  }

  /** When a report was last mailed, if ever since the agent started. */
  public synchronized Optional<Instant> lastSuccess() {
    return Optional.ofNullable(lastSuccess);
  }

  /** When a report last could not be mailed after every attempt, if ever since the start. */
  public synchronized Optional<Instant> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }

  /**
   * Why the agent is degraded, oldest report first: one reason per report that could not be mailed
   * since the last one that was; empty when all is well.
   */
  public synchronized List<String> degradedReasons() {
    return new ArrayList<>(undelivered.values());
  }

  private synchronized void succeeded(RenderedReport report) {
    lastSuccess = clock.instant();
    if (!undelivered.isEmpty()) {
      log.info(
          "The report of {} was mailed; mailing works again after failing for {}",
          report.date(),
          undelivered.keySet());
    } else {
      log.info("The report of {} was mailed", report.date());
    }
    undelivered.clear();
  }

  private synchronized void failed(RenderedReport report, ReportMailException e, int attempts) {
    lastFailure = clock.instant();
    undelivered.put(
        report.date(),
        "the report of " + report.date() + " could not be mailed: " + e.getMessage());
    log.error(
        "The report of {} could not be mailed after {} attempts: {}",
        report.date(),
        attempts,
        e.getMessage());
  }

  private static String words(Duration d) {
    return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
  }
}
