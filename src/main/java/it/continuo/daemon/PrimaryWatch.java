package it.continuo.daemon;

import it.continuo.config.Config;
import it.continuo.config.DetectionConfig;
import it.continuo.config.RunbookConfig;
import it.continuo.failover.Failover;
import it.continuo.failover.FailoverRun;
import it.continuo.health.Finding;
import it.continuo.health.Severity;
import it.continuo.history.History;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watch on the primary (issue 8, detection): for each runbook with {@code detection}, every
 * {@code interval} a round of probes ({@link PrimaryProbe}); after {@code misses} failed rounds in
 * a row the primary is lost: a CRITICAL {@code heartbeat} finding (subject the runbook) goes to the
 * daemon's incidents, and a history event ({@code heartbeat}, error) is recorded; when every probe
 * answers again the finding is gone, so the incident resolves (the recovery alert), and an event
 * says so. With {@code auto: true} (which requires a fence step) the runbook's {@code execute}
 * starts, once per incident, triggered by "detection", on a thread of its own so the watch goes on;
 * two never run at once (one thread, and the failover lock).
 */
final class PrimaryWatch implements Daemon.Extension {
  private static final Logger log = LoggerFactory.getLogger(PrimaryWatch.class);

  /** Who a failover started by the watch is triggered by. */
  static final String TRIGGER = "detection";

  /** Where the watch's findings go: {@code HealthWatch.alert}. */
  @FunctionalInterface
  interface Alerts {
    void alert(Predicate<String> scope, List<Finding> findings);
  }

  private final History history;
  private final Clock clock;
  private final Alerts alerts;
  private final Function<Config, Failover> failovers;
  private final ExecutorService executions =
      Executors.newSingleThreadExecutor(r -> thread(r, "failover-auto"));

  // guarded by this
  private ScheduledExecutorService timer;
  private final Map<String, Watched> watched = new LinkedHashMap<>();
  private Map<String, DetectionConfig> current = Map.of();
  private Config config;

  /** One runbook's watch. */
  private static final class Watched {
    final RunbookConfig runbook;
    final PrimaryProbe probe;
    final Heartbeat heartbeat;
    boolean executed;

    Watched(RunbookConfig runbook) {
      this.runbook = runbook;
      this.probe = new PrimaryProbe(runbook.detection());
      this.heartbeat = new Heartbeat(runbook.primary().name(), runbook.detection().misses());
    }
  }

  /**
   * @param alerts where the {@code heartbeat} findings go
   * @param failovers the failover engine of a configuration, for {@code auto}
   */
  PrimaryWatch(
      Config config,
      History history,
      Clock clock,
      Alerts alerts,
      Function<Config, Failover> failovers) {
    this.history = history;
    this.clock = clock;
    this.alerts = alerts;
    this.failovers = failovers;
    reconfigure(config);
  }

  /** Whether any runbook of {@code config} is watched. */
  static boolean wanted(Config config) {
    return config.failover().runbooks().values().stream().anyMatch(r -> r.detection() != null);
  }

  @Override
  public synchronized void reconfigure(Config next) {
    config = next;
    Map<String, DetectionConfig> detections = new LinkedHashMap<>();
    for (RunbookConfig r : next.failover().runbooks().values()) {
      if (r.detection() != null) {
        detections.put(r.name(), r.detection());
      }
    }
    if (Objects.equals(detections, current)) {
      return; // the same watch: its counts go on
    }
    current = detections;
    stopRounds();
    watched.clear();
    if (detections.isEmpty()) {
      alerts.alert("heartbeat"::equals, List.of()); // nothing watched: nothing lost
      return;
    }
    timer = Executors.newScheduledThreadPool(detections.size(), r -> thread(r, "primary-watch"));
    for (String name : detections.keySet()) {
      Watched w = new Watched(next.failover().runbooks().get(name));
      watched.put(name, w);
      long millis = w.runbook.detection().interval().toMillis();
      timer.scheduleWithFixedDelay(() -> roundSafely(w), millis, millis, TimeUnit.MILLISECONDS);
      log.info(
          "watching the primary {} of runbook {} every {} ({} misses){}",
          w.runbook.primary().name(),
          name,
          w.runbook.detection().interval(),
          w.runbook.detection().misses(),
          w.runbook.detection().auto() ? ", automatic failover on" : "");
    }
  }

  private void roundSafely(Watched w) {
    try {
      List<Heartbeat.Failure> failures = w.probe.round();
      round(w, failures);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("the watch on the primary failed: {}", e.toString(), e);
    }
  }

  /** Takes one round's result: counts, records and alerts. */
  private void round(Watched w, List<Heartbeat.Failure> failures) {
    Instant now = clock.instant();
    synchronized (this) {
      if (watched.get(w.runbook.name()) != w) {
        return; // reconfigured meanwhile
      }
      Heartbeat.Change change = w.heartbeat.round(failures, now);
      String message = w.heartbeat.message(config.agent().timezone());
      switch (change) {
        case LOST -> {
          log.error("primary lost: {}", message);
          event(now, "error", "primary lost (runbook " + w.runbook.name() + "): " + message);
          if (w.runbook.detection().auto() && !w.executed) {
            w.executed = true;
            executions.execute(() -> execute(w.runbook.name()));
          }
        }
        case BACK -> {
          log.info("the primary {} answers again", w.runbook.primary().name());
          event(
              now,
              "info",
              "the primary "
                  + w.runbook.primary().name()
                  + " answers again (runbook "
                  + w.runbook.name()
                  + ")");
          w.executed = false;
        }
        case MISSED -> log.warn("primary missed a heartbeat: {}", message);
        default -> {}
      }
      // every round, lost or not: the incidents escalate on time, and resolve when all is well;
      // under the lock, so that two runbooks' rounds never deliver their lists out of order
      alerts.alert("heartbeat"::equals, findings());
    }
  }

  private List<Finding> findings() {
    List<Finding> findings = new ArrayList<>();
    for (Watched w : watched.values()) {
      if (w.heartbeat.lost()) {
        findings.add(
            new Finding(
                "heartbeat",
                w.runbook.name(),
                Severity.CRITICAL,
                w.heartbeat.message(config.agent().timezone())));
      }
    }
    return findings;
  }

  private void execute(String runbook) {
    Config now;
    synchronized (this) {
      now = config;
    }
    log.warn("automatic failover of runbook {} starts (detection.auto)", runbook);
    try {
      FailoverRun run = failovers.apply(now).execute(runbook, Failover.Options.by(TRIGGER));
      log.warn(
          "automatic failover of runbook {}: {} ({})",
          runbook,
          run.outcome().word(),
          run.message());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.error("automatic failover of runbook {} could not start: {}", runbook, e.toString());
    }
  }

  private void event(Instant at, String severity, String message) {
    try {
      history.event(at, "heartbeat", null, severity, message);
    } catch (Exception e) {
      log.warn("cannot record in the history: {}", e.toString());
    }
  }

  private void stopRounds() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  private static Thread thread(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public synchronized void close() {
    stopRounds();
    executions.shutdown(); // a failover under way is not interrupted halfway by a stop
  }
}
