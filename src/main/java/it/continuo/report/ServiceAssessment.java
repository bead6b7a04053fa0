package it.continuo.report;

import it.continuo.config.ServiceConfig;
import it.continuo.history.NightlyCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One service against its promise: the achieved RPO from the points verified on every target its
 * jobs rely on, the forecast restore time from measured test restores, and why it is not green.
 */
final class ServiceAssessment {
  private final ServiceConfig service;
  private final Map<String, JobAssessment> jobs;
  private final Instant asOf;

  ServiceAssessment(ServiceConfig service, Map<String, JobAssessment> jobs, Instant asOf) {
    this.service = service;
    this.jobs = jobs;
    this.asOf = asOf;
  }

  ServiceReport report() {
    List<Finding> reasons = new ArrayList<>();
    List<ServiceReport.TargetRpo> perTarget = new ArrayList<>();
    Instant point = null;
    boolean complete = true;
    for (String target : targets()) {
      Instant targetPoint = null;
      boolean targetComplete = true;
      for (String jobName : service.jobs()) {
        JobAssessment job = jobs.get(jobName);
        if (!job.job.targets().contains(target)) {
          continue;
        }
        NightlyCheck c = job.latest.get(target);
        if (c == null || c.verifiedPoint() == null) {
          targetComplete = false;
          reasons.add(Finding.of(Rag.RED, Findings.NO_VERIFIED_POINT, target, jobName));
        } else if (targetPoint == null || c.verifiedPoint().isBefore(targetPoint)) {
          targetPoint = c.verifiedPoint();
        }
      }
      if (!targetComplete) {
        targetPoint = null;
        complete = false;
      } else if (point == null || targetPoint.isBefore(point)) {
        point = targetPoint;
      }
      Duration achieved = targetPoint == null ? null : Duration.between(targetPoint, asOf);
      perTarget.add(
          new ServiceReport.TargetRpo(
              target,
              targetPoint,
              achieved,
              achieved != null && achieved.compareTo(service.rpo()) <= 0 ? Rag.GREEN : Rag.RED));
    }
    if (!complete) {
      point = null;
    }
    Duration achieved = point == null ? null : Duration.between(point, asOf);
    if (achieved != null && achieved.compareTo(service.rpo()) > 0) {
      reasons.add(Finding.of(Rag.RED, Findings.RPO_EXCEEDED, achieved, service.rpo()));
    }
    Optional<Forecast> forecast = forecast();
    if (forecast.isEmpty()) {
      reasons.add(Finding.of(Rag.AMBER, Findings.FORECAST_UNKNOWN));
    } else if (forecast.get().time.compareTo(service.rto()) > 0) {
      reasons.add(
          Finding.of(Rag.AMBER, Findings.FORECAST_OVER_RTO, forecast.get().time, service.rto()));
    }
    for (String jobName : service.jobs()) {
      reasons.addAll(jobs.get(jobName).findings);
    }
    List<Finding> sorted = distinct(reasons);
    Rag state = sorted.stream().map(Finding::level).reduce(Rag.GREEN, Rag::worst);
    return new ServiceReport(
        service.name(),
        service.description(),
        service.criticality(),
        service.tier(),
        service.rpo(),
        service.rto(),
        service.jobs(),
        state,
        sorted,
        point,
        achieved,
        perTarget,
        forecast.map(f -> f.time).orElse(null),
        forecast.map(f -> f.target).orElse(null));
  }

  /** True when the service's achieved RPO is over its RPO, or it has no verified point. */
  static boolean outOfRpo(ServiceReport s) {
    return s.achievedRpo() == null || s.achievedRpo().compareTo(s.rpo()) > 0;
  }

  /** Every target any of the service's jobs writes to, in the jobs' order. */
  private Set<String> targets() {
    Set<String> targets = new LinkedHashSet<>();
    for (String jobName : service.jobs()) {
      targets.addAll(jobs.get(jobName).job.targets());
    }
    return targets;
  }

  private record Forecast(String target, Duration time) {}

  /**
   * Restoring the whole service, one job after the other, each from the fastest of its targets that
   * has a verified point: the point's bytes at the speed the target's last test restore measured.
   * Unknown when some job has no such target.
   */
  private Optional<Forecast> forecast() {
    double seconds = 0;
    Set<String> from = new LinkedHashSet<>();
    for (String jobName : service.jobs()) {
      JobAssessment job = jobs.get(jobName);
      double best = Double.MAX_VALUE;
      String bestTarget = null;
      for (String target : job.job.targets()) {
        NightlyCheck c = job.latest.get(target);
        Optional<NightlyCheck.TestRestore> speed = job.measuredRestore(target);
        if (c != null && c.verifiedPoint() != null && speed.isPresent()) {
          double time = c.verifiedPointBytes() / speed.get().bytesPerSecond();
          if (time < best) {
            best = time;
            bestTarget = target;
          }
        }
      }
      if (bestTarget == null) {
        return Optional.empty();
      }
      seconds += best;
      from.add(bestTarget);
    }
    if (from.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Forecast(String.join(", ", from), Duration.ofMillis((long) Math.ceil(seconds * 1000))));
  }

  /** Findings without repeats, worst first, in their order otherwise. */
  static List<Finding> distinct(List<Finding> findings) {
    List<Finding> unique = new ArrayList<>(new LinkedHashSet<>(findings));
    unique.sort(Comparator.comparing(Finding::level).reversed());
    return List.copyOf(unique);
  }
}
