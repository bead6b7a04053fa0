package it.continuo.report;

import it.continuo.config.JobConfig;
import it.continuo.history.NightlyCheck;
import it.continuo.schedule.JobSchedule;
import it.continuo.schedule.Task;
import it.continuo.status.RunSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the evidence says about one job at one moment: did its last scheduled backup run, what did
 * the last nightly verification of each target find, and to what point is each target verified.
 */
final class JobAssessment {
  /** A backup counts as missed when it has not started this long after it was due. */
  static final Duration START_GRACE = Duration.ofHours(1);

  /** A target counts as not verified when its last nightly check is older than this. */
  static final Duration CHECK_MAX_AGE = Duration.ofHours(36);

  private static final Duration LOOK_BACK = Duration.ofDays(8);

  final JobConfig job;
  final Instant asOf;
  final List<RunSummary> runs;
  final List<NightlyCheck> checks;
  final Map<String, NightlyCheck> latest = new LinkedHashMap<>();
  final List<Finding> findings = new ArrayList<>();
  boolean notRun;

  /**
   * @param runs the job's runs that started up to {@code asOf}, oldest first
   * @param checks its nightly checks that ended up to {@code asOf}, oldest first
   */
  JobAssessment(
      JobConfig job, ZoneId zone, Instant asOf, List<RunSummary> runs, List<NightlyCheck> checks) {
    this.job = job;
    this.asOf = asOf;
    this.runs = runs;
    this.checks = checks;
    for (String t : job.targets()) {
      latestCheck(t, asOf).ifPresent(c -> latest.put(t, c));
    }
    assessBackups(new JobSchedule(job, zone));
    for (String t : job.targets()) {
      assessTarget(t);
    }
    findings.sort(Comparator.comparing(Finding::level).reversed());
  }

  Rag state() {
    return findings.stream().map(Finding::level).reduce(Rag.GREEN, Rag::worst);
  }

  /** The latest check of {@code target} that ended by {@code at}. */
  Optional<NightlyCheck> latestCheck(String target, Instant at) {
    NightlyCheck found = null;
    for (NightlyCheck c : checks) {
      if (c.target().equals(target) && !c.ended().isAfter(at)) {
        found = c;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The newest test restore of {@code target} that measured a throughput, if any. */
  Optional<NightlyCheck.TestRestore> measuredRestore(String target) {
    NightlyCheck.TestRestore found = null;
    for (NightlyCheck c : checks) {
      if (c.target().equals(target)
          && c.testRestore() != null
          && c.testRestore().ok()
          && c.testRestore().bytesPerSecond() > 0) {
        found = c.testRestore();
      }
    }
    return Optional.ofNullable(found);
  }

  private void assessBackups(JobSchedule schedule) {
    Instant due = null;
    for (Task task : List.of(Task.FULL, Task.INCREMENTAL)) {
      for (Instant t : schedule.times(task, asOf.minus(LOOK_BACK), asOf.minus(START_GRACE))) {
        if (due == null || t.isAfter(due)) {
          due = t;
        }
      }
    }
    if (due == null) {
      return;
    }
    Instant from = due.minus(Duration.ofMinutes(1));
    List<RunSummary> since = runs.stream().filter(r -> !r.start().isBefore(from)).toList();
    if (since.isEmpty()) {
      notRun = true;
      findings.add(Finding.of(Rag.AMBER, Findings.BACKUP_MISSED, job.name(), due));
      return;
    }
    RunSummary last = since.get(since.size() - 1);
    if (last.outcome().equals("failed") || last.outcome().equals("interrupted")) {
      notRun = true;
      findings.add(
          Finding.of(
              Rag.AMBER,
              Findings.BACKUP_FAILED,
              job.name(),
              last.start(),
              last.error() == null ? last.outcome() : last.error()));
    }
  }

  private void assessTarget(String target) {
    NightlyCheck c = latest.get(target);
    if (c == null || c.ended().isBefore(asOf.minus(CHECK_MAX_AGE))) {
      findings.add(
          c == null
              ? Finding.of(Rag.AMBER, Findings.NOT_VERIFIED, job.name(), target)
              : Finding.of(Rag.AMBER, Findings.NOT_VERIFIED, job.name(), target, c.ended()));
      if (c == null) {
        return;
      }
    }
    if (c.error() != null) {
      findings.add(Finding.of(Rag.AMBER, Findings.CHECK_FAILED, job.name(), target, c.error()));
    }
    if (c.damagedRuns() > 0) {
      findings.add(
          Finding.of(
              Rag.RED,
              Findings.DAMAGE_FOUND,
              job.name(),
              target,
              c.damagedRuns(),
              c.problems().isEmpty() ? "" : c.problems().get(0)));
    }
    if (c.testRestore() != null && !c.testRestore().ok()) {
      NightlyCheck.TestRestore r = c.testRestore();
      findings.add(
          Finding.of(
              Rag.RED,
              Findings.TEST_RESTORE_FAILED,
              job.name(),
              target,
              r.run(),
              r.problems().isEmpty() ? "" : r.problems().get(0)));
    }
    if (c.error() == null && c.coverage() < 1.0 && checkedLongEnough(target, c.coverageDays())) {
      findings.add(
          Finding.of(
              Rag.AMBER,
              Findings.COVERAGE_BEHIND,
              job.name(),
              target,
              c.coverage(),
              c.coverageDays()));
    }
  }

  /** True when the target's first check in the evidence is at least the coverage window old. */
  private boolean checkedLongEnough(String target, int days) {
    return checks.stream()
        .filter(c -> c.target().equals(target))
        .findFirst()
        .map(first -> !first.started().isAfter(asOf.minus(Duration.ofDays(days))))
        .orElse(false);
  }
}
