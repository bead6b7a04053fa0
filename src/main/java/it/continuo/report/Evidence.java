package it.continuo.report;

import it.continuo.history.History;
import it.continuo.history.NightlyCheck;
import it.continuo.status.RunSummary;
import java.time.Instant;
import java.util.List;

/** What the report is built from: the history's runs and nightly verifications. */
public interface Evidence {

  /** The runs of {@code job} that started in [from, to], oldest first. */
  List<RunSummary> runs(String job, Instant from, Instant to) throws Exception;

  /** The nightly checks of {@code job} on every target that ended in [from, to], oldest first. */
  List<NightlyCheck> nightlyChecks(String job, Instant from, Instant to) throws Exception;

  /** The evidence the agent's history holds. */
  static Evidence of(History history) {
    return new Evidence() {
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
