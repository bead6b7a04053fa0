package it.continuo.report;

import it.continuo.config.Config;
import it.continuo.config.JobConfig;
import it.continuo.config.ServiceConfig;
import it.continuo.history.NightlyCheck;
import it.continuo.status.RunSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the report of one day from the configuration and the evidence. The report of today is as
 * of now; the report of an earlier day is as of the end of that day, from what the history held by
 * then, so that a report made again later says what it said then.
 */
public final class ReportBuilder {
  /** How many days the trends cover, the report's day included. */
  public static final int TREND_DAYS = 30;

  /** The keys of the sections other features fill, in the report's order. */
  public static final List<String> SECTIONS = List.of("health", "replica", "drill");

  private final Config config;
  private final Evidence evidence;

  public ReportBuilder(Config config, Evidence evidence) {
    this.config = config;
    this.evidence = evidence;
  }

  /**
   * The report of {@code date}, made at {@code now}.
   *
   * @throws Exception when the evidence cannot be read
   */
  public Report build(LocalDate date, Instant now) throws Exception {
    ZoneId zone = config.agent().timezone();
    Instant endOfDay = date.plusDays(1).atStartOfDay(zone).toInstant();
    Instant asOf = now.isBefore(endOfDay) ? now : endOfDay;
    LocalDate firstDay = date.minusDays(TREND_DAYS - 1L);
    Instant from = firstDay.atStartOfDay(zone).toInstant().minus(Duration.ofDays(8));

    Map<String, JobAssessment> jobs = new LinkedHashMap<>();
    for (JobConfig job : config.jobs().values()) {
      List<RunSummary> runs = evidence.runs(job.name(), from, asOf);
      List<NightlyCheck> checks = evidence.nightlyChecks(job.name(), from, asOf);
      jobs.put(job.name(), new JobAssessment(job, zone, asOf, runs, checks));
    }
    List<ServiceReport> services = new ArrayList<>();
    for (ServiceConfig s : config.services()) {
      services.add(new ServiceAssessment(s, jobs, asOf).report());
    }
    List<JobReport> jobReports = new ArrayList<>();
    for (JobAssessment job : jobs.values()) {
      if (!config.services().isEmpty() && !protectsAService(job.job.name())) {
        job.findings.add(Finding.of(Rag.AMBER, Findings.JOB_WITHOUT_SERVICE, job.job.name()));
      }
      jobReports.add(jobReport(job, asOf));
    }
    List<Section> sections = new ArrayList<>();
    sections.add(HealthSection.of(evidence, asOf));
    sections.add(ReplicaSection.of(config, evidence, asOf));
    sections.add(DrillSection.of(config, evidence, asOf));
    return new Report(
        config.agent().name(),
        date,
        asOf,
        zone,
        config.agent().language(),
        summary(services, jobs, jobReports, sections),
        List.copyOf(services),
        List.copyOf(jobReports),
        new TrendBuilder(config, zone, jobs).trends(firstDay, date, asOf),
        List.copyOf(sections));
  }

  private boolean protectsAService(String job) {
    return config.services().stream().anyMatch(s -> s.jobs().contains(job));
  }

  private Summary summary(
      List<ServiceReport> services,
      Map<String, JobAssessment> jobs,
      List<JobReport> jobReports,
      List<Section> sections) {
    List<Finding> attention = new ArrayList<>();
    if (services.isEmpty()) {
      attention.add(Finding.of(Rag.AMBER, Findings.NO_SERVICES));
    }
    int amber = 0;
    int red = 0;
    int outOfRpo = 0;
    for (ServiceReport s : services) {
      amber += s.state() == Rag.AMBER ? 1 : 0;
      red += s.state() == Rag.RED ? 1 : 0;
      outOfRpo += ServiceAssessment.outOfRpo(s) ? 1 : 0;
      attention.addAll(s.reasons());
    }
    jobReports.forEach(j -> attention.addAll(j.findings()));
    sections.forEach(
        s -> s.findings().stream().filter(f -> f.level() != Rag.GREEN).forEach(attention::add));
    List<Finding> sorted = ServiceAssessment.distinct(attention);
    Rag overall = sorted.stream().map(Finding::level).reduce(Rag.GREEN, Rag::worst);
    int damaged = 0;
    int notRun = 0;
    for (JobAssessment j : jobs.values()) {
      damaged += j.latest.values().stream().mapToInt(NightlyCheck::damagedRuns).sum();
      notRun += j.notRun ? 1 : 0;
    }
    return new Summary(overall, services.size(), amber, red, outOfRpo, damaged, notRun, sorted);
  }

  private static JobReport jobReport(JobAssessment job, Instant asOf) {
    Instant nightStart = asOf.minus(Duration.ofHours(24));
    List<JobReport.RunLine> night = new ArrayList<>();
    for (RunSummary r : job.runs) {
      if (!r.start().isBefore(nightStart)) {
        night.add(RunLines.of(r));
      }
    }
    List<NightlyCheck> checks = new ArrayList<>(job.latest.values());
    return new JobReport(
        job.job.name(),
        job.job.targets(),
        job.state(),
        ServiceAssessment.distinct(job.findings),
        List.copyOf(night),
        List.copyOf(checks));
  }
}
