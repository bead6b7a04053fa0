package it.continuo.health.ups;

import it.continuo.health.Finding;
import it.continuo.health.HealthCheck;
import it.continuo.health.Reading;
import java.util.ArrayList;
import java.util.List;

/**
 * The UPSes as a health check: the current finding and readings of each monitor. It does not poll
 * (the {@link UpsPoller} does, on the UPS's own interval); sampling reads what the monitors know.
 */
public final class UpsCheck implements HealthCheck {
  private final List<UpsMonitor> monitors;

  /**
   * @param monitors one per configured UPS
   */
  public UpsCheck(List<UpsMonitor> monitors) {
    this.monitors = List.copyOf(monitors);
  }

  @Override
  public String name() {
    return "ups";
  }

  @Override
  public Sample sample() {
    List<Finding> findings = new ArrayList<>();
    List<Reading> readings = new ArrayList<>();
    for (UpsMonitor m : monitors) {
      findings.add(m.finding());
      readings.addAll(m.readings());
    }
    return new Sample(findings, readings);
  }
}
