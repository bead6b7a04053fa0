package it.continuo.health;

import java.util.ArrayList;
import java.util.List;

/**
 * What one round of checks found and measured.
 *
 * @param findings every check's findings, in check order
 * @param readings every check's readings, in check order
 */
public record HealthReport(List<Finding> findings, List<Reading> readings) {
  public HealthReport {
    findings = List.copyOf(findings);
    readings = List.copyOf(readings);
  }

  /** Samples each check once, in order; a check that throws is a WARN finding of its own. */
  public static HealthReport sample(List<? extends HealthCheck> checks) {
    List<Finding> findings = new ArrayList<>();
    List<Reading> readings = new ArrayList<>();
    for (HealthCheck check : checks) {
      try {
        HealthCheck.Sample s = check.sample();
        findings.addAll(s.findings());
        readings.addAll(s.readings());
      } catch (RuntimeException e) {
        // a check should not throw; if one does, the others still report
        findings.add(
            new Finding(check.name(), "", Severity.WARN, check.name() + " check failed: " + e));
      }
    }
    return new HealthReport(findings, readings);
  }

  /** The worst severity found, OK when nothing was found. */
  public Severity worst() {
    Severity worst = Severity.OK;
    for (Finding f : findings) {
      worst = worst.worst(f.severity());
    }
    return worst;
  }
}
