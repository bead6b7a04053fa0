package it.continuo.daemon;

import it.continuo.config.Config;
import it.continuo.config.ReplicaConfig;
import it.continuo.health.Finding;
import it.continuo.history.History;
import it.continuo.history.ReplicaCheck;
import it.continuo.replica.ReplicaHistory;
import it.continuo.replica.ReplicaResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's scheduled replica checks: each fire checks one replica (in full: the content of the
 * files changed since the last full check is confirmed first), records the result in the history,
 * where the status, {@code /metrics} and the report find it, and hands the findings of every
 * replica's newest check to the alerts, so that a replica falling behind its {@code maxLag} opens
 * an incident and one back in sync resolves it.
 */
final class ReplicaWatch implements java.util.function.Consumer<String> {
  private static final Logger log = LoggerFactory.getLogger(ReplicaWatch.class);

  /** The engine: {@link it.continuo.replica.ReplicaChecker#check}. */
  interface Checker {
    ReplicaResult check(ReplicaConfig replica, boolean quick, Instant since);
  }

  private final Supplier<Config> config;
  private final History history;
  private final Checker checker;
  private final Clock clock;
  private final BiConsumer<Predicate<String>, List<Finding>> alerts;
  private final Map<String, ReentrantLock> running = new ConcurrentHashMap<>();
  private final Map<String, List<Finding>> newest = new ConcurrentHashMap<>();

  /**
   * @param alerts takes the findings of every replica's newest check, scoped to the check {@code
   *     replica}
   */
  ReplicaWatch(
      Supplier<Config> config,
      History history,
      Checker checker,
      Clock clock,
      BiConsumer<Predicate<String>, List<Finding>> alerts) {
    this.config = config;
    this.history = history;
    this.checker = checker;
    this.clock = clock;
    this.alerts = alerts;
    try {
      // What the checks before a restart found stays open until a check says otherwise.
      for (ReplicaCheck k : history.lastReplicaChecks()) {
        newest.put(k.replica(), ReplicaHistory.findings(k));
      }
    } catch (Exception e) {
      log.warn("cannot read the replicas' last checks: {}", e.toString());
    }
  }

  /** Checks {@code name} now, unless a check of it is still running (then this fire is skipped). */
  @Override
  public void accept(String name) {
    ReplicaConfig replica = config.get().replicas().get(name);
    if (replica == null) {
      log.info("replica {}: check fired, but the replica is no longer configured", name);
      return;
    }
    ReentrantLock lock = running.computeIfAbsent(name, n -> new ReentrantLock());
    if (!lock.tryLock()) {
      log.warn("replica {}: the previous check still runs; this one is skipped", name);
      return;
    }
    try {
      check(replica);
    } finally {
      lock.unlock();
    }
  }

  private void check(ReplicaConfig replica) {
    Instant since = null;
    try {
      ReplicaCheck last = history.lastFullReplicaCheck(replica.name());
      since = last == null ? null : last.checkedAt();
    } catch (Exception e) {
      log.warn("replica {}: cannot read the last check: {}", replica.name(), e.toString());
    }
    ReplicaResult result = checker.check(replica, false, since);
    if (result.state().acceptable()) {
      log.info("replica {} ({})", result.summary(), seconds(result));
    } else {
      log.warn("replica {} ({})", result.summary(), seconds(result));
    }
    ReplicaCheck recorded = ReplicaHistory.of(result);
    try {
      history.replicaCheck(recorded);
      history.event(
          clock.instant(),
          "replica",
          null,
          result.state().acceptable() ? "info" : "warning",
          result.summary());
    } catch (Exception e) {
      log.warn("replica {}: cannot record the check: {}", replica.name(), e.toString());
    }
    newest.put(replica.name(), ReplicaHistory.findings(recorded));
    newest.keySet().retainAll(config.get().replicas().keySet());
    List<Finding> all = new ArrayList<>();
    newest.values().forEach(all::addAll);
    alerts.accept("replica"::equals, all);
  }

  private static String seconds(ReplicaResult r) {
    return String.format(java.util.Locale.ROOT, "%.1f s", r.took().toMillis() / 1000.0);
  }
}
