package it.continuo.report;

import it.continuo.history.NightlyCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One job: its runs of the night and its targets' last nightly verification.
 *
 * @param name the job
 * @param targets its targets, in the job's order
 * @param state green, amber or red
 * @param findings why it is not green, worst first
 * @param runs its runs in the 24 hours before the report, oldest first
 * @param checks the latest nightly verification of each target, in the job's order (a target never
 *     checked has none)
 */
public record JobReport(
    String name,
    List<String> targets,
    Rag state,
    List<Finding> findings,
    List<RunLine> runs,
    List<NightlyCheck> checks) {

  /**
   * One backup run.
   *
   * @param run the run id, or null when it never started
   * @param started when it started
   * @param duration how long it took, or null when it did not end
   * @param level full or incremental
   * @param outcome success, partial, failed, interrupted or running
   * @param trigger schedule, catch-up, recovery or cli
   * @param files files in its tree
   * @param bytesRead content bytes read
   * @param archiveBytes bytes written
   * @param stored per target: true when the run is committed there
   * @param error why it failed, or null
   * @param unreadable files that could not be read
   * @param changedWhileRead files that changed while read
   * @param warnings the first warnings (unreadable files, files changed while read), one line each
   */
  public record RunLine(
      String run,
      Instant started,
      Duration duration,
      String level,
      String outcome,
      String trigger,
      long files,
      long bytesRead,
      long archiveBytes,
      List<TargetStored> stored,
      String error,
      long unreadable,
      long changedWhileRead,
      List<String> warnings) {}

  /** Whether a run reached one target, and why not. */
  public record TargetStored(String target, boolean stored, long bytes, String error) {}
}
