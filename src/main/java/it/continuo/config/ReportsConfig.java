package it.continuo.config;

/**
 * The {@code reports} section: the continuity manager's report.
 *
 * @param schedule Quartz cron expression of the daily report, or null when it is only made on
 *     demand ({@code continuo report})
 * @param keepDays reports older than this many days are deleted from {@code dataDir/reports}
 * @param email where the report is mailed, or null when it is not
 */
public record ReportsConfig(String schedule, int keepDays, EmailConfig email) {

  public static final int DEFAULT_KEEP_DAYS = 400;

  /** The defaults, when the file has no {@code reports} section. */
  public static final ReportsConfig DEFAULTS = new ReportsConfig(null, DEFAULT_KEEP_DAYS, null);
}
