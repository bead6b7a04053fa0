package it.continuo.replica;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a check found so far, over all the roots of a replica: counts that go on to the end, the
 * first {@link ReplicaResult#MAX_DIFFERENCES} differences, the oldest pending change and whether
 * any difference is not a pending copy. Not thread-safe: the merge fills it from one thread.
 */
final class Findings {
  long primaryEntries;
  long primaryBytes;
  long secondaryEntries;
  long secondaryBytes;
  long hashedFiles;
  long hashedBytes;
  int missing;
  int extra;
  int changed;
  private final List<Difference> differences = new ArrayList<>();
  private boolean truncated;
  private Instant oldestPending;
  private boolean unexplained;

  void add(Difference d, boolean pending) {
    switch (d.kind()) {
      case MISSING -> missing++;
      case EXTRA -> extra++;
      case CHANGED -> changed++;
    }
    if (differences.size() < ReplicaResult.MAX_DIFFERENCES) {
      differences.add(d);
    } else {
      truncated = true;
    }
    if (!pending) {
      unexplained = true;
    } else if (d.changedAt() != null
        && (oldestPending == null || d.changedAt().isBefore(oldestPending))) {
      oldestPending = d.changedAt();
    }
  }

  boolean any() {
    return missing + extra + changed > 0;
  }

  /** The differences in path order (the merge's, with content differences found later). */
  List<Difference> differences() {
    List<Difference> sorted = new ArrayList<>(differences);
    sorted.sort(
        Comparator.comparing(
            (Difference d) -> d.path().getBytes(java.nio.charset.StandardCharsets.UTF_8),
            PathOrder.INSTANCE));
    return sorted;
  }

  boolean truncated() {
    return truncated;
  }

  /** When the oldest change of the primary the secondary lacks was made, or null. */
  Instant oldestPending() {
    return oldestPending;
  }

  /** True when some difference is no pending copy (corruption, a write on the secondary). */
  boolean unexplained() {
    return unexplained;
  }
}
