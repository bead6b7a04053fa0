package it.continuo.report;

import it.continuo.config.Config;
import it.continuo.config.ServiceConfig;
import it.continuo.status.RunSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The 30 days of trends: each job's backups per day, each service's achieved RPO per day. */
final class TrendBuilder {
  private final Config config;
  private final ZoneId zone;
  private final Map<String, JobAssessment> jobs;

  TrendBuilder(Config config, ZoneId zone, Map<String, JobAssessment> jobs) {
    this.config = config;
    this.zone = zone;
    this.jobs = jobs;
  }

  Trends trends(LocalDate first, LocalDate last, Instant asOf) {
    List<LocalDate> days = first.datesUntil(last.plusDays(1)).toList();
    List<Trends.JobTrend> jobTrends = new ArrayList<>();
    for (JobAssessment job : jobs.values()) {
      List<Trends.JobDay> perDay = new ArrayList<>();
      for (LocalDate day : days) {
        perDay.add(jobDay(job, day));
      }
      jobTrends.add(new Trends.JobTrend(job.job.name(), List.copyOf(perDay)));
    }
    List<Trends.ServiceTrend> serviceTrends = new ArrayList<>();
    for (ServiceConfig s : config.services()) {
      List<Duration> achieved = new ArrayList<>();
      for (LocalDate day : days) {
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        achieved.add(achievedAt(s, end.isBefore(asOf) ? end : asOf));
      }
      serviceTrends.add(
          new Trends.ServiceTrend(
              s.name(), s.rpo(), java.util.Collections.unmodifiableList(achieved)));
    }
    return new Trends(days, List.copyOf(jobTrends), List.copyOf(serviceTrends));
  }

  private Trends.JobDay jobDay(JobAssessment job, LocalDate day) {
    int runs = 0;
    int failed = 0;
    long archive = 0;
    long read = 0;
    Duration time = Duration.ZERO;
    for (RunSummary r : job.runs) {
      if (!r.start().atZone(zone).toLocalDate().equals(day)) {
        continue;
      }
      runs++;
      failed += r.outcome().equals("failed") || r.outcome().equals("interrupted") ? 1 : 0;
      archive += r.archiveBytes();
      read += r.bytesRead();
      time = r.duration() == null ? time : time.plus(r.duration());
    }
    return new Trends.JobDay(runs, failed, archive, read, time);
  }

  /** The service's achieved RPO at {@code at}, from the checks that had ended by then. */
  private Duration achievedAt(ServiceConfig service, Instant at) {
    Instant point = null;
    for (String jobName : service.jobs()) {
      JobAssessment job = jobs.get(jobName);
      for (String target : job.job.targets()) {
        Instant p = job.latestCheck(target, at).map(c -> c.verifiedPoint()).orElse(null);
        if (p == null) {
          return null;
        }
        if (point == null || p.isBefore(point)) {
          point = p;
        }
      }
    }
    return point == null ? null : Duration.between(point, at);
  }
}
