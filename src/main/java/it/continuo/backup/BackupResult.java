package it.continuo.backup;

import java.time.Duration;
import java.util.List;

/**
 * What one run did.
 *
 * @param job the job
 * @param target the targets' names, separated by commas
 * @param run the run id, or null when the run never started (a pre-hook failed)
 * @param level "full" or "incremental"
 * @param outcome success, partial or failed
 * @param error why it failed, or null
 * @param newFiles files not in the parent
 * @param changedFiles files read again
 * @param unchangedFiles files taken from the parent
 * @param deleted parent files gone
 * @param entries entries in the tree
 * @param bytesRead content bytes read
 * @param archiveBytes bytes of the archive and manifest, as written before any encryption
 * @param duration wall time
 * @param unreadableCount entries that could not be read
 * @param unreadable the first of them, with the reason
 * @param changedWhileRead the first paths that changed while read
 * @param skipped the first special files left out
 * @param targets the result on each target, in the job's order
 */
public record BackupResult(
    String job,
    String target,
    String run,
    String level,
    Outcome outcome,
    String error,
    long newFiles,
    long changedFiles,
    long unchangedFiles,
    long deleted,
    long entries,
    long bytesRead,
    long archiveBytes,
    Duration duration,
    long unreadableCount,
    List<String> unreadable,
    List<String> changedWhileRead,
    List<String> skipped,
    List<TargetResult> targets) {

  /**
   * A run of {@code job} that never reached its targets, for the same reason on each of them (it
   * could not start, or the engine threw).
   */
  public static BackupResult failedOnEveryTarget(
      it.continuo.config.JobConfig job, String level, String error, Duration duration) {
    java.util.Map<String, String> targets = new java.util.LinkedHashMap<>();
    job.targets().forEach(t -> targets.put(t, error));
    return failed(job.name(), null, level, error, duration, targets);
  }

  /**
   * A run that failed before it wrote anything, on every target: a pre-hook failed, no target could
   * be reached, or it never started (the job was already running).
   *
   * @param run the run id, or null when none was given
   * @param level the level it was to have, or null
   * @param targetErrors why each target has nothing, by target name, in the job's order
   */
  public static BackupResult failed(
      String job,
      String run,
      String level,
      String error,
      Duration duration,
      java.util.Map<String, String> targetErrors) {
    return new BackupResult(
        job,
        String.join(",", targetErrors.keySet()),
        run,
        level,
        Outcome.FAILED,
        error,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        duration,
        0,
        List.of(),
        List.of(),
        List.of(),
        targetErrors.entrySet().stream()
            .map(e -> new TargetResult(e.getKey(), false, e.getValue(), 0))
            .toList());
  }
}
