package it.continuo.report;

import it.continuo.health.Finding;
import it.continuo.health.HealthSnapshot;
import it.continuo.health.Severity;
import it.continuo.history.HistoryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The report's health section: what the daemon's latest round of health checks found (disks, RAID,
 * free space and its forecast, the UPS), and the UPS and power events of the last 24 hours. Not
 * configured until the daemon has taken a round.
 */
final class HealthSection {
  /** A round older than this is not the daemon's current view: it says so in amber. */
  static final Duration STALE = Duration.ofMinutes(30);

  /** The checks whose findings are listed even when all is well. */
  static final java.util.Set<String> SHOWN_WHEN_WELL =
      java.util.Set.of("ups", "disk", "raid", "smart");

  private HealthSection() {}

  static Section of(Evidence evidence, Instant asOf) throws Exception {
    Optional<HealthSnapshot> snapshot = evidence.health();
    if (snapshot.isEmpty()) {
      return Section.notConfigured("health");
    }
    List<Finding> health = snapshot.get().report().findings();
    List<it.continuo.report.Finding> findings = new ArrayList<>();
    for (Finding f : health) {
      Rag level = rag(f.severity());
      // What is well is listed too for the UPS, the disks, RAID and SMART: battery state, free
      // space and its forecast are what the plan asks the RCO to see.
      if (level != Rag.GREEN || SHOWN_WHEN_WELL.contains(f.check())) {
        findings.add(
            it.continuo.report.Finding.of(
                level, Findings.HEALTH, f.check(), f.subject(), f.message()));
      }
    }
    if (snapshot.get().at().isBefore(asOf.minus(STALE))) {
      findings.add(
          it.continuo.report.Finding.of(
              Rag.AMBER,
              Findings.HEALTH,
              "health",
              "",
              "the daemon's last round of checks is from " + snapshot.get().at()));
    }
    for (HistoryEvent e : evidence.powerEvents(asOf.minus(Duration.ofHours(24)), asOf)) {
      Rag level =
          switch (e.severity()) {
            case "error" -> Rag.RED;
            case "warning" -> Rag.AMBER;
            default -> Rag.GREEN;
          };
      findings.add(it.continuo.report.Finding.of(level, Findings.POWER_EVENT, e.at(), e.message()));
    }
    List<it.continuo.report.Finding> sorted = ServiceAssessment.distinct(findings);
    Rag state = rag(snapshot.get().report().worst());
    return new Section("health", true, state, sorted);
  }

  /** CRITICAL is red, WARN amber, the rest green. */
  private static Rag rag(Severity severity) {
    return switch (severity) {
      case CRITICAL -> Rag.RED;
      case WARN -> Rag.AMBER;
      case OK, INFO -> Rag.GREEN;
    };
  }
}
