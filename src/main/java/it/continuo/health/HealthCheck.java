package it.continuo.health;

import java.util.List;

/**
 * One health check: samples what it watches and says what it found. One small class per check; the
 * daemon samples every check on {@code health.interval}, {@code continuo health} once.
 */
public interface HealthCheck {

  /** The check's name, as in {@link Finding#check()}. */
  String name();

  /**
   * Samples once. A check that cannot read what it watches says so as a finding (usually WARN), it
   * does not throw.
   */
  Sample sample();

  /** What one sample found and measured. */
  record Sample(List<Finding> findings, List<Reading> readings) {
    public Sample {
      findings = List.copyOf(findings);
      readings = List.copyOf(readings);
    }
  }
}
