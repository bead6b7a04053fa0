package it.continuo.config;

import java.time.Duration;
import java.util.Map;

/**
 * The {@code failover} section, read by {@link FailoverSection}.
 *
 * @param runbooks the runbooks by name, in file order
 * @param detection the watch on the primary shared by every runbook that has none of its own, or
 *     null when the file gives none
 * @param drillEvery how often each runbook must be drilled ({@code drillEvery}, by default a year:
 *     the AgID guidelines ask for a test of the plan at least once a year)
 */
public record FailoverConfig(
    Map<String, RunbookConfig> runbooks, DetectionConfig detection, Duration drillEvery) {

  /** The AgID guidelines' most: once a year. */
  public static final Duration DEFAULT_DRILL_EVERY = Duration.ofDays(365);

  /** No runbooks. */
  public static final FailoverConfig NONE = new FailoverConfig(Map.of(), null, DEFAULT_DRILL_EVERY);

  /**
   * The runbook, or a configuration error that names the known ones.
   *
   * @throws ConfigException when there is no runbook of that name
   */
  public RunbookConfig runbook(String name) throws ConfigException {
    RunbookConfig r = runbooks.get(name);
    if (r == null) {
      throw new ConfigException(
          "unknown runbook \""
              + name
              + "\""
              + (runbooks.isEmpty()
                  ? "; the configuration has no failover.runbooks"
                  : "; runbooks: " + String.join(", ", runbooks.keySet())));
    }
    return r;
  }
}
