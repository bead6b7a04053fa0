package it.continuo.replica;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One check of a replica.
 *
 * @param replica the replica's name
 * @param checkedAt when the check started (the lag is measured from it)
 * @param quick true for a metadata-only check (no content hashed)
 * @param state the conclusion
 * @param lag age of the oldest change of the primary the secondary does not have (file or probe,
 *     whichever is older); zero when in sync; null when UNKNOWN
 * @param maxLag the largest lag accepted ({@code replicas.NAME.maxLag})
 * @param primaryEntries files, directories and links listed on the primary (excludes left out)
 * @param primaryBytes bytes of the primary's regular files
 * @param secondaryEntries entries listed on the secondary
 * @param secondaryBytes bytes of the secondary's regular files
 * @param missing how many paths are missing on the secondary (complete, even when truncated)
 * @param extra how many paths exist only on the secondary
 * @param changed how many paths differ on both sides
 * @param hashedFiles files whose content was compared by SHA-256 on both sides
 * @param hashedBytes bytes hashed on each side
 * @param differences the differences in path order, at most {@link #MAX_DIFFERENCES}
 * @param truncated true when there were more differences than listed
 * @param probes the probes' results, in configuration order
 * @param reason one line in English: the cause when UNKNOWN, else a summary
 * @param took how long the check took
 */
public record ReplicaResult(
    String replica,
    Instant checkedAt,
    boolean quick,
    ReplicaState state,
    Duration lag,
    Duration maxLag,
    long primaryEntries,
    long primaryBytes,
    long secondaryEntries,
    long secondaryBytes,
    int missing,
    int extra,
    int changed,
    long hashedFiles,
    long hashedBytes,
    List<Difference> differences,
    boolean truncated,
    List<ProbeResult> probes,
    String reason,
    Duration took) {

  /** Differences kept in a result; the counts go on beyond it. */
  public static final int MAX_DIFFERENCES = 1000;

  public ReplicaResult {
    differences = List.copyOf(differences);
    probes = List.copyOf(probes);
  }

  /** A check that could not be done. */
  public static ReplicaResult unknown(
      String replica,
      Instant checkedAt,
      boolean quick,
      Duration maxLag,
      List<ProbeResult> probes,
      String reason,
      Duration took) {
    return new ReplicaResult(
        replica,
        checkedAt,
        quick,
        ReplicaState.UNKNOWN,
        null,
        maxLag,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        List.of(),
        false,
        probes,
        reason,
        took);
  }

  /**
   * One line: {@code uno: lagging, lag 3m 12s of 15m, 2 missing, 0 extra, 1 changed} or {@code uno:
   * unknown: secondario (root@127.0.0.3:2222) unreachable: connection refused}.
   */
  public String summary() {
    if (state == ReplicaState.UNKNOWN) {
      return replica + ": unknown: " + reason;
    }
    return String.format(
        Locale.ROOT,
        "%s: %s, lag %s of %s, %d missing, %d extra, %d changed",
        replica,
        state.word(),
        Durations.words(lag),
        Durations.words(maxLag),
        missing,
        extra,
        changed);
  }
}
