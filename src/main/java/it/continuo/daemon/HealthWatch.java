package it.continuo.daemon;

import it.continuo.alert.Channel;
import it.continuo.alert.Deliveries;
import it.continuo.alert.Incidents;
import it.continuo.alert.channel.Channels;
import it.continuo.config.Config;
import it.continuo.config.ConfigException;
import it.continuo.config.HealthConfig;
import it.continuo.health.Finding;
import it.continuo.health.HealthCheck;
import it.continuo.health.HealthReport;
import it.continuo.health.HealthSnapshot;
import it.continuo.health.Severity;
import it.continuo.health.server.ServerHealth;
import it.continuo.health.ups.UpsEvent;
import it.continuo.health.ups.UpsWatch;
import it.continuo.history.History;
import it.continuo.io.Timers;
import it.continuo.status.StatusJson;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's health watch: samples the server's checks every {@code health.interval}, keeps the
 * latest round for the endpoint and in {@code dataDir/health.json}, and records in the history each
 * finding that appears, changes severity or clears (not every sample).
 */
final class HealthWatch implements Daemon.Extension {
  private static final Logger log = LoggerFactory.getLogger(HealthWatch.class);

  /** How long after the start (or a change of the health section) the first round is taken. */
  static final java.time.Duration FIRST_ROUND = java.time.Duration.ofSeconds(5);

  private final Clock clock;
  private final History history;
  private final PowerActions power;
  private final ScheduledExecutorService timer = Timers.daemon("health");
  private final AtomicReference<HealthSnapshot> latest = new AtomicReference<>();
  private final Map<String, Finding> open = new HashMap<>();

  // guarded by this
  private HealthConfig current;
  private volatile Config config;
  private List<HealthCheck> checks;
  private ScheduledFuture<?> sampling;
  private UpsWatch ups;
  private Incidents incidents;

  HealthWatch(Config config, History history, Clock clock, Dispatcher dispatcher)
      throws ConfigException {
    this.history = history;
    this.clock = clock;
    this.power = new PowerActions(this::upses, dispatcher, history, clock);
    reconfigure(config);
  }

  private Map<String, it.continuo.config.UpsConfig> upses() {
    return config.health().ups();
  }

  @Override
  public synchronized void reconfigure(Config next) throws ConfigException {
    Map<String, Channel> channels = Channels.create(next.alerts(), next.reports().email());
    incidents =
        next.alerts().escalation().isEmpty()
            ? null
            : new Incidents(history, channels, next.alerts(), next.agent().name());
    config = next;
    if (Objects.equals(current, next.health())) {
      return;
    }
    current = next.health();
    stopUps();
    ups = UpsWatch.start(current.ups().values(), clock, this::upsEvent);
    checks = null; // made on the sampling thread: OSHI's start must not delay the daemon's
    if (sampling != null) {
      sampling.cancel(false);
    }
    long millis = current.interval().toMillis();
    // The first round once the daemon is up and its first fires are handed over.
    long first = Math.min(millis, FIRST_ROUND.toMillis());
    sampling =
        timer.scheduleWithFixedDelay(this::sampleSafely, first, millis, TimeUnit.MILLISECONDS);
    log.info("health checks every {}", current.interval());
  }

  /** The latest round, or null before the first. */
  HealthSnapshot latest() {
    return latest.get();
  }

  private void sampleSafely() {
    try {
      sample();
    } catch (RuntimeException e) {
      log.error("health sampling failed: {}", e.toString(), e);
    }
  }

  synchronized void sample() {
    if (checks == null) {
      List<HealthCheck> all = new java.util.ArrayList<>(ServerHealth.checks(current, clock));
      if (!current.ups().isEmpty()) {
        all.add(ups.check());
      }
      checks = List.copyOf(all);
    }
    Instant now = clock.instant();
    HealthReport report = HealthReport.sample(checks);
    HealthSnapshot snapshot = new HealthSnapshot(now, report);
    latest.set(snapshot);
    try {
      snapshot.write(config.agent().dataDir(), StatusJson.MAPPER);
    } catch (java.io.IOException e) {
      log.warn("cannot write {}: {}", HealthSnapshot.file(config.agent().dataDir()), e.toString());
    }
    recordChanges(now, report.findings());
    if (incidents != null) {
      try {
        Deliveries d = incidents.update(report.findings(), now);
        for (String failure : d.failures()) {
          log.warn("alert not delivered (tried again at the next round): {}", failure);
        }
      } catch (Exception e) {
        log.error("alerts not updated: {}", e.toString());
      }
    }
  }

  /**
   * Takes the findings of a watcher of its own (the watch on the primary, the replica checks) into
   * the same incidents as the health checks; only the open incidents of the checks {@code scope}
   * accepts are resolved when their finding is absent. Nothing when alerts are not configured.
   */
  synchronized void alert(Predicate<String> scope, List<Finding> findings) {
    if (incidents == null) {
      return;
    }
    try {
      Deliveries d = incidents.update(scope, findings, clock.instant());
      for (String failure : d.failures()) {
        log.warn("alert not delivered (tried again at the next round): {}", failure);
      }
    } catch (Exception e) {
      log.error("alerts not updated: {}", e.toString());
    }
  }

  /** A UPS changed state: recorded at once, then the power actions. */
  private void upsEvent(UpsEvent event) {
    try {
      history.event(
          event.time(),
          "ups",
          null,
          eventSeverity(event.severity()),
          event.ups() + ": " + event.message());
    } catch (Exception e) {
      log.warn("cannot record in the history: {}", e.toString());
    }
    if (event.severity().atLeast(Severity.WARN)) {
      log.warn("UPS {}: {}", event.ups(), event.message());
    } else {
      log.info("UPS {}: {}", event.ups(), event.message());
    }
    try {
      power.on(event);
    } catch (RuntimeException e) {
      log.error("power action failed: {}", e.toString(), e);
    }
  }

  /** A health severity in the history's words for events: info, warning, error. */
  private static String eventSeverity(Severity severity) {
    return switch (severity) {
      case OK, INFO -> "info";
      case WARN -> "warning";
      case CRITICAL -> "error";
    };
  }

  private void stopUps() {
    if (ups != null) {
      try {
        ups.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ups = null;
    }
  }

  /** Logs and records findings that appeared, changed severity or cleared since the last round. */
  private void recordChanges(Instant now, List<Finding> findings) {
    Map<String, Finding> seen = new HashMap<>();
    for (Finding f : findings) {
      if (f.severity() == Severity.OK) {
        continue;
      }
      seen.put(f.key(), f);
      Finding before = open.get(f.key());
      if (before == null || before.severity() != f.severity()) {
        record(now, eventSeverity(f.severity()), f.message());
        if (f.severity().atLeast(Severity.WARN)) {
          log.warn("health {}: {}", f.severity(), f.message());
        } else {
          log.info("health {}: {}", f.severity(), f.message());
        }
      }
    }
    for (Finding gone : open.values()) {
      if (!seen.containsKey(gone.key())) {
        record(now, "info", "cleared: " + gone.message());
        log.info("health cleared: {}", gone.message());
      }
    }
    open.clear();
    open.putAll(seen);
  }

  private void record(Instant now, String severity, String message) {
    try {
      history.event(now, "health", null, severity, message);
    } catch (Exception e) {
      log.warn("cannot record in the history: {}", e.toString());
    }
  }

  @Override
  public synchronized void close() {
    timer.shutdownNow();
    stopUps();
  }
}
