package it.continuo.report;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * The last 30 days, day by day (in the agent's zone), oldest first; drawn as charts.
 *
 * @param days the days covered, oldest first (30, the report's date last)
 * @param jobs each job's backups per day
 * @param services each service's achieved RPO at the end of each day
 */
public record Trends(List<LocalDate> days, List<JobTrend> jobs, List<ServiceTrend> services) {

  /** One job: one entry per day of {@link Trends#days}. */
  public record JobTrend(String job, List<JobDay> days) {}

  /**
   * One job on one day.
   *
   * @param runs runs that started that day
   * @param failed of which failed or were interrupted
   * @param archiveBytes bytes written by them
   * @param bytesRead content bytes read by them
   * @param duration their total wall time
   */
  public record JobDay(
      int runs, int failed, long archiveBytes, long bytesRead, Duration duration) {}

  /**
   * One service: its achieved RPO at the end of each day of {@link Trends#days} (null where there
   * was no verified point), against its RPO.
   */
  public record ServiceTrend(String service, Duration rpo, List<Duration> achievedRpo) {}
}
