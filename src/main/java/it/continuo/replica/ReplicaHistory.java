package it.continuo.replica;

import it.continuo.health.Finding;
import it.continuo.health.Severity;
import it.continuo.history.ReplicaCheck;
import java.util.List;
import java.util.Locale;

/** A check's result as the history keeps it, and as the alerts see it. */
public final class ReplicaHistory {
  private ReplicaHistory() {}

  /** The history's record of {@code result}: its figures and the first differences as lines. */
  public static ReplicaCheck of(ReplicaResult r) {
    List<String> lines =
        r.differences().stream()
            .limit(ReplicaCheck.MAX_DIFFERENCES)
            .map(d -> d.kind().name().toLowerCase(Locale.ROOT) + " " + d.path() + ": " + d.detail())
            .toList();
    return new ReplicaCheck(
        r.replica(),
        r.checkedAt(),
        r.quick(),
        r.state().name(),
        r.lag(),
        r.maxLag(),
        r.primaryEntries(),
        r.primaryBytes(),
        r.secondaryEntries(),
        r.secondaryBytes(),
        r.missing(),
        r.extra(),
        r.changed(),
        r.hashedFiles(),
        r.hashedBytes(),
        lines,
        r.reason(),
        r.took());
  }

  /**
   * What the alerts make of a check: nothing while the replica is in sync or within its lag; a
   * critical finding when it is behind (a failover now would lose more than accepted) or differs in
   * ways no copy in progress explains; a warning when it could not be checked.
   */
  public static List<Finding> findings(ReplicaCheck k) {
    ReplicaState state = ReplicaState.valueOf(k.state());
    Severity severity =
        switch (state) {
          case IN_SYNC, LAGGING -> null;
          case BEHIND, DIFFERENT -> Severity.CRITICAL;
          case UNKNOWN -> Severity.WARN;
        };
    if (severity == null) {
      return List.of();
    }
    String message =
        state == ReplicaState.UNKNOWN
            ? "replica " + k.replica() + " could not be checked: " + k.reason()
            : String.format(
                Locale.ROOT,
                "replica %s is %s: lag %s, largest accepted %s; %d missing, %d extra, %d changed%s",
                k.replica(),
                state.word(),
                Durations.words(k.lag()),
                Durations.words(k.maxLag()),
                k.missing(),
                k.extra(),
                k.changed(),
                k.differences().isEmpty() ? "" : "; first: " + k.differences().get(0));
    return List.of(new Finding("replica", k.replica(), severity, message));
  }
}
