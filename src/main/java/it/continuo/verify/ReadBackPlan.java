package it.continuo.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which runs one night reads back: every run never verified, every run whose last verification
 * found damage, every run whose last verification would leave the coverage window before the next
 * night, and then older runs, the longest unread first, until about a {@code window}'s share of the
 * stored bytes is read. Given the same runs and the same time it chooses the same runs.
 */
final class ReadBackPlan {
  /** Nights are not exactly a day apart: a run due within this much of tomorrow is read tonight. */
  static final Duration SLACK = Duration.ofHours(1);

  private ReadBackPlan() {}

  /**
   * @param runs every stored run, oldest first
   * @param now when the night's check starts
   * @param days the coverage window, in days
   * @return the runs to read, oldest first
   */
  static List<StoredRun> choose(List<StoredRun> runs, Instant now, int days) {
    Duration window = Duration.ofDays(days);
    Instant dueBy = now.plus(Duration.ofDays(1)).plus(SLACK).minus(window);
    long stored = 0;
    for (StoredRun r : runs) {
      stored += r.bytes();
    }
    long budget = (stored + days - 1) / days;
    List<StoredRun> chosen = new ArrayList<>();
    List<StoredRun> older = new ArrayList<>();
    for (StoredRun r : runs) {
      if (r.verification() == null || !r.verification().ok()) {
        chosen.add(r);
      } else {
        older.add(r);
      }
    }
    older.sort(
        Comparator.comparing((StoredRun r) -> r.verification().at())
            .thenComparing(r -> r.point().id()));
    long share = 0;
    for (StoredRun r : older) {
      boolean due = !r.verification().at().isAfter(dueBy);
      if (due || share < budget) {
        chosen.add(r);
        share += r.bytes();
      }
    }
    chosen.sort(Comparator.comparing((StoredRun r) -> r.point().id()));
    return chosen;
  }
}
