package it.continuo.config;

import java.nio.file.Path;

/**
 * The {@code verification} section: how the nightly verification reads back what is stored.
 *
 * @param schedule Quartz cron expression used for every job that has no {@code verify} of its own,
 *     or null
 * @param fullCoverageDays every stored byte is read back at least once in this many days
 * @param sampleFiles how many files the test restore of each job and target restores
 * @param sampleBytes the test restore stops adding files once their content passes this size
 * @param scratch where test restores are made (emptied after each); {@code dataDir/scratch} by
 *     default
 */
public record VerificationConfig(
    String schedule, int fullCoverageDays, int sampleFiles, long sampleBytes, Path scratch) {

  public static final int DEFAULT_COVERAGE_DAYS = 7;
  public static final int DEFAULT_SAMPLE_FILES = 10;
  public static final long DEFAULT_SAMPLE_BYTES = 64L << 20;

  /** The defaults, when the file has no {@code verification} section. */
  public static VerificationConfig defaults(Path dataDir) {
    return new VerificationConfig(
        null,
        DEFAULT_COVERAGE_DAYS,
        DEFAULT_SAMPLE_FILES,
        DEFAULT_SAMPLE_BYTES,
        dataDir.resolve("scratch"));
  }
}
