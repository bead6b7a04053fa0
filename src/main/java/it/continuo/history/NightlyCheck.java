package it.continuo.history;

import java.time.Instant;
import java.util.List;

/**
 * One nightly verification of one job on one target: what was read back, what was found, how much
 * of what the target holds has been read recently, and the test restore.
 *
 * @param job the job
 * @param target the target
 * @param started when the check started
 * @param ended when it ended
 * @param error why the target could not be checked at all (unreachable, no key), or null
 * @param runsChecked runs read back this time (new ones and the rotating share of older ones)
 * @param bytesChecked bytes read back this time (archives and manifests, as stored)
 * @param damagedRuns runs found damaged this time
 * @param problems the first problems found (at most 20), one line each, naming run and file
 * @param storedRuns runs of the job the target holds
 * @param storedBytes bytes of those runs, as stored
 * @param coveredBytes bytes of those runs read back without damage within the last {@code
 *     coverageDays} days
 * @param coverageDays the coverage window ({@code verification.fullCoverageDays}) at the time
 * @param verifiedRun the newest restore point whose every run was read back without damage at its
 *     latest verification, or null when there is none
 * @param verifiedPoint when that point's backup started (the data it holds is as of then), or null
 * @param verifiedPointBytes bytes a full restore of that point reads (its runs' archives), 0 when
 *     none
 * @param testRestore the test restore, or null when none was made (no usable point, sampleFiles 0)
 */
public record NightlyCheck(
    String job,
    String target,
    Instant started,
    Instant ended,
    String error,
    int runsChecked,
    long bytesChecked,
    int damagedRuns,
    List<String> problems,
    int storedRuns,
    long storedBytes,
    long coveredBytes,
    int coverageDays,
    String verifiedRun,
    Instant verifiedPoint,
    long verifiedPointBytes,
    TestRestore testRestore) {

  /** True when the target was read, nothing was damaged and the test restore (if any) was right. */
  public boolean ok() {
    return error == null && damagedRuns == 0 && (testRestore == null || testRestore.ok());
  }

  /** Covered bytes over stored bytes, from 0 to 1; 1 when the target holds nothing. */
  public double coverage() {
    return storedBytes == 0 ? 1.0 : Math.min(1.0, (double) coveredBytes / storedBytes);
  }

  /**
   * A sample of files restored into a scratch directory and compared with the manifest.
   *
   * @param run the restore point restored from
   * @param files files restored
   * @param bytes their content bytes
   * @param archiveBytesRead bytes read from the target to restore them (as stored)
   * @param millis wall time of the restore, in milliseconds
   * @param ok every file restored and equal to the manifest (size and SHA-256)
   * @param problems what was wrong, one line each (at most 20)
   */
  public record TestRestore(
      String run,
      int files,
      long bytes,
      long archiveBytesRead,
      long millis,
      boolean ok,
      List<String> problems) {

    /** Bytes read from the target per second, or 0 when nothing was timed. */
    public double bytesPerSecond() {
      return millis <= 0 ? 0 : archiveBytesRead * 1000.0 / millis;
    }
  }
}
