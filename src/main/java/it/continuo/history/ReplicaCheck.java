package it.continuo.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One check of a replica as the history keeps it.
 *
 * @param replica the replica's name
 * @param checkedAt when it was made
 * @param quick true for a metadata-only check (no content confirmed)
 * @param state the replica state's name: IN_SYNC, LAGGING, BEHIND, DIFFERENT or UNKNOWN
 * @param lag the age of the oldest change of the primary missing on the secondary, or null when
 *     unknown
 * @param maxLag the largest lag accepted
 * @param primaryEntries entries listed on the primary
 * @param primaryBytes bytes of the primary's files
 * @param secondaryEntries entries listed on the secondary
 * @param secondaryBytes bytes of the secondary's files
 * @param missing entries of the primary missing on the secondary
 * @param extra entries of the secondary the primary does not have
 * @param changed entries on both sides that differ
 * @param hashedFiles files whose content was confirmed on both sides
 * @param hashedBytes bytes of those files
 * @param differences the first differences, one readable line each
 * @param reason one line: the summary, or why the state is unknown
 * @param took how long the check took
 */
public record ReplicaCheck(
    String replica,
    Instant checkedAt,
    boolean quick,
    String state,
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
    List<String> differences,
    String reason,
    Duration took) {

  /** The most difference lines kept per check. */
  public static final int MAX_DIFFERENCES = Rows.MAX_LINES;

  public ReplicaCheck {
    differences =
        List.copyOf(
            differences.size() > MAX_DIFFERENCES
                ? differences.subList(0, MAX_DIFFERENCES)
                : differences);
  }
}
