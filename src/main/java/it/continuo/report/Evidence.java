package it.continuo.report;

import it.continuo.health.HealthSnapshot;
import it.continuo.history.FailoverRecord;
import it.continuo.history.History;
import it.continuo.history.HistoryEvent;
import it.continuo.history.NightlyCheck;
import it.continuo.status.RunSummary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the report is built from: the history's runs and nightly verifications. */
public interface Evidence {

  /** The runs of {@code job} that started in [from, to], oldest first. */
  List<RunSummary> runs(String job, Instant from, Instant to) throws Exception;

  /** The nightly checks of {@code job} on every target that ended in [from, to], oldest first. */
  List<NightlyCheck> nightlyChecks(String job, Instant from, Instant to) throws Exception;

  /**
   * The daemon's latest round of health checks, if it has taken one (the report's health section is
   * "not configured" without).
   */
  default Optional<HealthSnapshot> health() {
    return Optional.empty();
  }

  /** The UPS and power events (history kinds {@code ups} and {@code power}) in [from, to]. */
  default List<HistoryEvent> powerEvents(Instant from, Instant to) throws Exception {
    return List.of();
  }

  /** The checks of {@code replica} made in [from, to], oldest first. */
  default List<it.continuo.history.ReplicaCheck> replicaChecks(
      String replica, Instant from, Instant to) throws Exception {
    return List.of();
  }

  /** The failover runs (drills, failovers, failbacks) started in [from, to], newest first. */
  default List<FailoverRecord> failoverRuns(Instant from, Instant to) throws Exception {
    return List.of();
  }

  /** One failover run with its timeline. */
  default Optional<FailoverRecord> failoverRun(long id) throws Exception {
    return Optional.empty();
  }

  /** The evidence the agent's history holds, without the daemon's health. */
  static Evidence of(History history) {
    return of(history, null);
  }

  /**
   * The evidence the agent's history holds, and the daemon's health as it keeps it under {@code
   * dataDir}.
   *
   * @param dataDir the agent's data directory, or null to leave health out
   */
  static Evidence of(History history, java.nio.file.Path dataDir) {
    return new Evidence() {
      @Override
      public Optional<HealthSnapshot> health() {
        return dataDir == null
            ? Optional.empty()
            : HealthSnapshot.read(dataDir, it.continuo.status.StatusJson.MAPPER);
      }

      @Override
      public List<it.continuo.history.ReplicaCheck> replicaChecks(
          String replica, Instant from, Instant to) throws Exception {
        return history.replicaChecks(replica, from).stream()
            .filter(k -> !k.checkedAt().isAfter(to))
            .toList();
      }

      @Override
      public List<FailoverRecord> failoverRuns(Instant from, Instant to) throws Exception {
        return history.failoverRuns(from).stream().filter(r -> !r.started().isAfter(to)).toList();
      }

      @Override
      public Optional<FailoverRecord> failoverRun(long id) throws Exception {
        return history.failoverRun(id);
      }

      @Override
      public List<HistoryEvent> powerEvents(Instant from, Instant to) throws Exception {
        return history.events(from, 1000).stream()
            .filter(e -> e.kind().equals("ups") || e.kind().equals("power"))
            .filter(e -> !e.at().isAfter(to))
            .toList();
      }

      @Override
      public List<RunSummary> runs(String job, Instant from, Instant to) throws Exception {
        // The history lists the newest first.
        return history.runsSince(job, from).stream()
            .filter(r -> !r.start().isAfter(to))
            .sorted(java.util.Comparator.comparing(RunSummary::start))
            .toList();
      }

      @Override
      public List<NightlyCheck> nightlyChecks(String job, Instant from, Instant to)
          throws Exception {
        return history.nightlyChecks(job, from).stream()
            .filter(c -> !c.ended().isBefore(from) && !c.ended().isAfter(to))
            .toList();
      }
    };
  }
}
