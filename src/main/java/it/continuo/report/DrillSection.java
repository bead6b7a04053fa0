package it.continuo.report;

import it.continuo.config.Config;
import it.continuo.config.ServiceConfig;
import it.continuo.history.FailoverRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The report's drill section: for each service with a runbook, its last disaster recovery drill
 * (day, outcome, measured RTO and RPO against the service's, the failed steps, the path of its
 * report) and when the next one is due ({@code failover.drillEvery} after the last: red once
 * overdue, amber within {@link #SOON}; a service never drilled is amber). Configured when the
 * configuration has runbooks. A refused drill (another run held the lock) is not a drill.
 */
final class DrillSection {
  /** A drill due within this many days is amber: time to book the morning it takes. */
  static final int SOON = 30;

  private DrillSection() {}

  static Section of(Config config, Evidence evidence, Instant asOf) throws Exception {
    if (config.failover().runbooks().isEmpty()) {
      return Section.notConfigured("drill");
    }
    ZoneId zone = config.agent().timezone();
    LocalDate today = asOf.atZone(zone).toLocalDate();
    List<FailoverRecord> runs = evidence.failoverRuns(Instant.EPOCH, asOf);
    List<Finding> findings = new ArrayList<>();
    for (ServiceConfig service : config.services()) {
      if (service.runbook() == null) {
        continue;
      }
      Optional<FailoverRecord> last =
          runs.stream()
              .filter(r -> r.runbook().equals(service.runbook()))
              .filter(r -> r.mode().equals("drill") && !r.outcome().equals("refused"))
              .findFirst(); // newest first
      if (last.isEmpty()) {
        findings.add(
            Finding.of(Rag.AMBER, Findings.DRILL_NEVER, service.name(), service.runbook()));
        continue;
      }
      FailoverRecord drill = evidence.failoverRun(last.get().id()).orElse(last.get());
      findings.addAll(lastDrill(service.name(), drill, zone));
      LocalDate due =
          drill.started().plus(config.failover().drillEvery()).atZone(zone).toLocalDate();
      if (today.isAfter(due)) {
        findings.add(Finding.of(Rag.RED, Findings.DRILL_OVERDUE, service.name(), due));
      } else if (!today.plusDays(SOON).isBefore(due)) {
        findings.add(Finding.of(Rag.AMBER, Findings.DRILL_DUE_SOON, service.name(), due));
      } else {
        findings.add(Finding.of(Rag.GREEN, Findings.DRILL_DUE, service.name(), due));
      }
    }
    List<Finding> sorted = ServiceAssessment.distinct(findings);
    Rag state = sorted.stream().map(Finding::level).reduce(Rag.GREEN, Rag::worst);
    return new Section("drill", true, state, sorted);
  }

  private static List<Finding> lastDrill(String service, FailoverRecord drill, ZoneId zone) {
    List<Finding> findings = new ArrayList<>();
    LocalDate day = drill.started().atZone(zone).toLocalDate();
    boolean succeeded =
        drill.outcome().equals("succeeded")
            && (drill.failback() == null || drill.failback().equals("succeeded"));
    if (!succeeded || drill.rto() == null) {
      findings.add(Finding.of(Rag.RED, Findings.DRILL_FAILED, service, day, drill.message()));
    } else if (drill.rto().compareTo(drill.rtoTarget()) > 0) {
      findings.add(
          Finding.of(
              Rag.RED, Findings.DRILL_RTO_EXCEEDED, service, day, drill.rto(), drill.rtoTarget()));
    } else {
      findings.add(
          Finding.of(Rag.GREEN, Findings.DRILL_LAST, service, day, drill.rto(), drill.rtoTarget()));
    }
    if (drill.rpo() == null) {
      findings.add(Finding.of(Rag.AMBER, Findings.DRILL_RPO_UNKNOWN, service));
    } else if (drill.rpo().compareTo(drill.rpoTarget()) > 0) {
      findings.add(
          Finding.of(
              Rag.AMBER, Findings.DRILL_RPO_EXCEEDED, service, drill.rpo(), drill.rpoTarget()));
    } else {
      findings.add(
          Finding.of(Rag.GREEN, Findings.DRILL_RPO, service, drill.rpo(), drill.rpoTarget()));
    }
    for (FailoverRecord.Step step : drill.steps()) {
      if (!step.outcome().equals("ok") && !step.outcome().equals("forced")) {
        findings.add(
            Finding.of(
                Rag.AMBER,
                Findings.DRILL_STEP_FAILED,
                service,
                step.label(),
                step.phase(),
                step.outcome(),
                step.error() == null ? "" : step.error()));
      }
    }
    if (drill.reportPath() != null) {
      findings.add(Finding.of(Rag.GREEN, Findings.DRILL_REPORT, service, drill.reportPath()));
    }
    return findings;
  }
}
