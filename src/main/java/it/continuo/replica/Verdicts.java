package it.continuo.replica;

import it.continuo.config.ReplicaConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The state, the lag and the reason a check concludes with, from what it found. */
final class Verdicts {
  private Verdicts() {}

  static ReplicaResult conclude(
      ReplicaConfig replica,
      Instant checkedAt,
      boolean quick,
      Findings f,
      List<ProbeResult> probes,
      Duration took) {
    Duration lag = Duration.ZERO;
    if (f.oldestPending() != null) {
      lag = max(lag, Duration.between(f.oldestPending(), checkedAt));
    }
    for (ProbeResult p : probes) {
      lag = max(lag, p.lag());
    }
    List<Difference> differences = f.differences();
    ReplicaState state = state(f.any(), f.unexplained(), lag, replica.maxLag());
    return new ReplicaResult(
        replica.name(),
        checkedAt,
        quick,
        state,
        lag,
        replica.maxLag(),
        f.primaryEntries,
        f.primaryBytes,
        f.secondaryEntries,
        f.secondaryBytes,
        f.missing,
        f.extra,
        f.changed,
        f.hashedFiles,
        f.hashedBytes,
        differences,
        f.truncated(),
        probes,
        reason(state, f, differences, lag, replica.maxLag()),
        took);
  }

  /** The state rules: DIFFERENT before BEHIND before LAGGING before IN_SYNC. */
  static ReplicaState state(boolean differs, boolean unexplained, Duration lag, Duration maxLag) {
    if (unexplained) {
      return ReplicaState.DIFFERENT;
    }
    if (lag.compareTo(maxLag) > 0) {
      return ReplicaState.BEHIND;
    }
    if (differs || !(lag.isZero() || lag.isNegative())) {
      return ReplicaState.LAGGING;
    }
    return ReplicaState.IN_SYNC;
  }

  private static Duration max(Duration a, Duration b) {
    return b != null && b.compareTo(a) > 0 ? b : a;
  }

  private static String reason(
      ReplicaState state, Findings f, List<Difference> differences, Duration lag, Duration maxLag) {
    String counts = f.missing + " missing, " + f.extra + " extra, " + f.changed + " changed";
    return switch (state) {
      case IN_SYNC -> "no difference in " + f.primaryEntries + " entries";
      case LAGGING ->
          counts
              + ", all pending copies; lag "
              + Durations.words(lag)
              + " within "
              + Durations.words(maxLag);
      case BEHIND ->
          counts
              + ", all pending copies; lag "
              + Durations.words(lag)
              + " exceeds "
              + Durations.words(maxLag);
      case DIFFERENT ->
          counts
              + "; not a pending copy: "
              + differences.stream()
                  .filter(d -> d.changedAt() == null)
                  .findFirst()
                  .map(Difference::toString)
                  .orElse("beyond the first " + ReplicaResult.MAX_DIFFERENCES + " differences");
      case UNKNOWN -> throw new IllegalArgumentException("an unknown result has its own reason");
    };
  }
}
