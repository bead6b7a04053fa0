package it.continuo.health.server;

import it.continuo.health.Finding;
import it.continuo.health.HealthCheck;
import it.continuo.health.Reading;
import it.continuo.health.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Network links: an interface that was up at an earlier sample and is down now is WARN (a cable
 * pulled, a switch port dead); one that was never seen up (an unused port) is nobody's concern. The
 * interfaces come without loopback and virtual ones ({@link Machine#links()}).
 */
final class LinkCheck implements HealthCheck {
  private final Supplier<Map<String, Boolean>> links;
  private final Set<String> seenUp = new HashSet<>();

  /**
   * @param links whether each physical interface is up, by name
   */
  LinkCheck(Supplier<Map<String, Boolean>> links) {
    this.links = links;
  }

  @Override
  public String name() {
    return "link";
  }

  @Override
  public Sample sample() {
    List<Finding> findings = new ArrayList<>();
    List<Reading> readings = new ArrayList<>();
    for (Map.Entry<String, Boolean> e : links.get().entrySet()) {
      String nif = e.getKey();
      boolean up = e.getValue();
      readings.add(new Reading("link_up", Map.of("interface", nif), up ? 1 : 0, ""));
      if (up) {
        seenUp.add(nif);
        findings.add(new Finding(name(), nif, Severity.OK, nif + " is up"));
      } else if (seenUp.contains(nif)) {
        findings.add(new Finding(name(), nif, Severity.WARN, nif + " was up and is now down"));
      }
    }
    return new Sample(findings, readings);
  }
}
