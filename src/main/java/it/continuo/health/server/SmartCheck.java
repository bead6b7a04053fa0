package it.continuo.health.server;

import it.continuo.health.Finding;
import it.continuo.health.HealthCheck;
import it.continuo.health.Reading;
import it.continuo.health.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SMART health of each disk {@code smartctl --scan} finds: a disk whose self-assessment fails is
 * CRITICAL (it is expected to fail soon; in a RAID 1 it is the last copy's neighbour); a disk
 * smartctl cannot read (not root, a controller it cannot pass through) is INFO, since the check
 * cannot tell, not the disk. Without smartctl: INFO once, on the first sample, when SMART was asked
 * for ({@code smart: true}); nothing with {@code smart: auto}.
 */
final class SmartCheck implements HealthCheck {
  private final Smartctl smartctl;
  private final boolean sayWhenMissing;
  private boolean said;

  /**
   * @param smartctl the program, or null when it is not installed
   * @param sayWhenMissing whether a missing smartctl is worth one INFO finding
   */
  SmartCheck(Smartctl smartctl, boolean sayWhenMissing) {
    this.smartctl = smartctl;
    this.sayWhenMissing = sayWhenMissing;
  }

  @Override
  public String name() {
    return "smart";
  }

  @Override
  public Sample sample() {
    if (smartctl == null) {
      if (sayWhenMissing && !said) {
        said = true;
        return new Sample(
            List.of(
                new Finding(
                    name(),
                    "",
                    Severity.INFO,
                    "SMART health is not checked: smartctl (smartmontools) is not installed")),
            List.of());
      }
      return new Sample(List.of(), List.of());
    }
    List<SmartctlJson.Device> devices;
    try {
      devices = smartctl.scan();
    } catch (IOException e) {
      return new Sample(
          List.of(
              new Finding(name(), "", Severity.WARN, "smartctl --scan failed: " + e.getMessage())),
          List.of());
    }
    List<Finding> findings = new ArrayList<>();
    List<Reading> readings = new ArrayList<>();
    for (SmartctlJson.Device d : devices) {
      try {
        SmartctlJson.Health h = smartctl.health(d);
        findings.add(judge(d.name(), h));
        if (h.passed() != null) {
          readings.add(
              new Reading("smart_passed", Map.of("device", d.name()), h.passed() ? 1 : 0, ""));
        }
      } catch (IOException e) {
        findings.add(
            new Finding(
                name(), d.name(), Severity.INFO, "cannot read SMART of " + d.name() + ": " + e));
      }
    }
    return new Sample(findings, readings);
  }

  Finding judge(String device, SmartctlJson.Health h) {
    String what = device + (h.model().isEmpty() ? "" : " (" + h.model() + ")");
    if (h.failing()) {
      return new Finding(
          name(),
          device,
          Severity.CRITICAL,
          what + " fails its SMART health self-assessment: replace it");
    }
    if (h.passed() == null) {
      String why = h.messages().isEmpty() ? "no assessment" : String.join("; ", h.messages());
      return new Finding(
          name(), device, Severity.INFO, "cannot read SMART of " + what + ": " + why);
    }
    return new Finding(name(), device, Severity.OK, what + " passes its SMART health check");
  }
}
