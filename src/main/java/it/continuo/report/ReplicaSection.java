package it.continuo.report;

import it.continuo.config.Config;
import it.continuo.config.ReplicaConfig;
import it.continuo.config.ServiceConfig;
import it.continuo.history.ReplicaCheck;
import it.continuo.replica.ReplicaState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's replica section: for each replica, what its newest check found (in sync, lagging,
 * behind, different, unknown) with the first differences, what a failover now would lose against
 * the RPO of each service it protects, and the checks of the last days. Not configured without
 * {@code replicas:}.
 */
final class ReplicaSection {
  /** A newest check older than this does not vouch for the replica today: amber. */
  static final Duration STALE = Duration.ofHours(26);

  /** The days the trend line looks back. */
  static final int TREND_DAYS = 7;

  /** Differences listed per replica; the counts give the rest. */
  static final int DIFFERENCES_SHOWN = 5;

  private ReplicaSection() {}

  static Section of(Config config, Evidence evidence, Instant asOf) throws Exception {
    if (config.replicas().isEmpty()) {
      return Section.notConfigured("replica");
    }
    List<Finding> findings = new ArrayList<>();
    for (ReplicaConfig replica : config.replicas().values()) {
      String name = replica.name();
      List<ReplicaCheck> checks =
          evidence.replicaChecks(name, asOf.minus(Duration.ofDays(TREND_DAYS)), asOf);
      if (checks.isEmpty()) {
        findings.add(Finding.of(Rag.AMBER, Findings.REPLICA_NEVER_CHECKED, name));
        services(config, name, null, findings);
        continue;
      }
      ReplicaCheck newest = checks.get(checks.size() - 1);
      Rag level = newestState(newest, findings);
      if (newest.checkedAt().isBefore(asOf.minus(STALE))) {
        findings.add(Finding.of(Rag.AMBER, Findings.REPLICA_STALE, name, newest.checkedAt()));
      }
      if (level != Rag.GREEN || state(newest) == ReplicaState.LAGGING) {
        newest.differences().stream()
            .limit(DIFFERENCES_SHOWN)
            .forEach(d -> findings.add(Finding.of(level, Findings.REPLICA_DIFFERENCE, name, d)));
      }
      services(config, name, newest.lag(), findings);
      findings.add(trend(name, checks));
    }
    List<Finding> sorted = ServiceAssessment.distinct(findings);
    Rag state = sorted.stream().map(Finding::level).reduce(Rag.GREEN, Rag::worst);
    return new Section("replica", true, state, sorted);
  }

  /** The newest check's finding; its level. */
  private static Rag newestState(ReplicaCheck k, List<Finding> findings) {
    String name = k.replica();
    ReplicaState state = state(k);
    Finding f =
        switch (state) {
          case IN_SYNC ->
              Finding.of(
                  Rag.GREEN,
                  Findings.REPLICA_IN_SYNC,
                  name,
                  k.checkedAt(),
                  k.primaryEntries(),
                  k.hashedFiles());
          case LAGGING, BEHIND ->
              Finding.of(
                  state == ReplicaState.BEHIND ? Rag.RED : Rag.GREEN,
                  state == ReplicaState.BEHIND ? Findings.REPLICA_BEHIND : Findings.REPLICA_LAGGING,
                  name,
                  k.lag(),
                  k.maxLag(),
                  k.missing(),
                  k.extra(),
                  k.changed());
          case DIFFERENT ->
              Finding.of(
                  Rag.RED,
                  Findings.REPLICA_DIFFERENT,
                  name,
                  k.missing(),
                  k.extra(),
                  k.changed(),
                  k.differences().isEmpty() ? k.reason() : k.differences().get(0));
          case UNKNOWN -> Finding.of(Rag.AMBER, Findings.REPLICA_UNKNOWN, name, k.reason());
        };
    findings.add(f);
    return f.level();
  }

  /** What a failover now would lose, for each service the replica protects. */
  private static void services(Config config, String replica, Duration lag, List<Finding> out) {
    for (ServiceConfig s : config.services()) {
      if (replica.equals(s.replica()) && lag != null) {
        Rag level = lag.compareTo(s.rpo()) > 0 ? Rag.RED : Rag.GREEN;
        out.add(Finding.of(level, Findings.REPLICA_SERVICE, s.name(), replica, lag, s.rpo()));
      }
    }
  }

  private static Finding trend(String name, List<ReplicaCheck> checks) {
    int outside = 0;
    Duration worst = Duration.ZERO;
    for (ReplicaCheck k : checks) {
      outside += state(k).acceptable() ? 0 : 1;
      if (k.lag() != null && k.lag().compareTo(worst) > 0) {
        worst = k.lag();
      }
    }
    return Finding.of(
        Rag.GREEN, Findings.REPLICA_TREND, name, TREND_DAYS, checks.size(), outside, worst);
  }

  /** The check's state, as the history keeps it by name. */
  private static ReplicaState state(ReplicaCheck k) {
    return ReplicaState.valueOf(k.state());
  }
}
