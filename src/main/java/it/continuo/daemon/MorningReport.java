package it.continuo.daemon;

import it.continuo.config.Config;
import it.continuo.config.EmailConfig;
import it.continuo.history.History;
import it.continuo.report.Evidence;
import it.continuo.report.ReportEngine;
import it.continuo.report.deliver.ReportArchive;
import it.continuo.report.deliver.ReportDelivery;
import it.continuo.report.deliver.ReportMailer;
import it.continuo.storage.wrap.Backoff;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's morning report: made on the agent's {@code reports.schedule}, kept, and mailed with
 * retries when {@code reports.email} is set. A report that cannot be made or mailed makes the agent
 * degraded on {@code /health}, with the reason, until a later one is.
 */
final class MorningReport {
  private static final Logger log = LoggerFactory.getLogger(MorningReport.class);

  private final Supplier<Config> config;
  private final History history;
  private final Clock clock;
  private final Backoff.Sleeper sleeper;

  // guarded by this
  private EmailConfig mailedWith;
  private ReportDelivery delivery;
  private String notMade;

  MorningReport(Supplier<Config> config, History history, Clock clock, Backoff.Sleeper sleeper) {
    this.config = config;
    this.history = history;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Makes today's report, keeps it, and mails it when the configuration says so. */
  void run() throws java.io.InterruptedIOException {
    Config current = config.get();
    ReportEngine engine =
        new ReportEngine(current, Evidence.of(history, current.agent().dataDir()), clock);
    LocalDate today = engine.today();
    ReportEngine.Made made;
    try {
      made = engine.make(today);
      synchronized (this) {
        notMade = null;
      }
    } catch (Exception e) {
      log.error("the report of {} could not be made: {}", today, e.toString(), e);
      synchronized (this) {
        notMade = "the report of " + today + " could not be made: " + e.getMessage();
      }
      return;
    }
    ReportDelivery d = delivery(current.reports().email());
    if (d != null) {
      d.deliver(made.rendered());
    }
  }

  /** The delivery for {@code email}, kept across reports while the SMTP settings stay the same. */
  private synchronized ReportDelivery delivery(EmailConfig email) {
    if (email == null) {
      mailedWith = null;
      delivery = null;
    } else if (!Objects.equals(email, mailedWith)) {
      mailedWith = email;
      delivery = new ReportDelivery(new ReportMailer(email), clock, sleeper);
    }
    return delivery;
  }

  /** Why the reports are not as they should be; empty when they are. */
  synchronized List<String> degradedReasons() {
    List<String> reasons = new ArrayList<>();
    if (notMade != null) {
      reasons.add(notMade);
    }
    if (delivery != null) {
      reasons.addAll(delivery.degradedReasons());
    }
    return reasons;
  }

  /** The archive the reports are kept in, as the current configuration says. */
  ReportArchive archive() {
    return ReportEngine.archive(config.get(), clock);
  }
}
