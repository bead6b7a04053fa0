package it.continuo.failover;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a step did: the lines of the timeline, and facts the runner and the report use.
 *
 * @param lines what was done, in order, e.g. {@code exit 0}, {@code uno.lab.test A now 127.0.0.3,
 *     confirmed by 127.0.0.1:5353}
 * @param facts named values, see the constants (e.g. {@link #RPO_SECONDS})
 */
public record StepOutcome(List<String> lines, Map<String, String> facts) {
  /** The replica lag at cut-over, whole seconds (set by {@code check-replica}). */
  public static final String RPO_SECONDS = "rpo";

  /** "true" when the step went on despite a failed check because of {@code --force}. */
  public static final String FORCED = "forced";

  /** A remote command's exit status ({@code ssh}). */
  public static final String EXIT_CODE = "exit";

  /** The seconds clients and resolvers may still use the old address ({@code dns}). */
  public static final String CACHED_TTL_SECONDS = "cachedTtl";

  /** "true" when a {@code notify} could not be sent but the step was not required. */
  public static final String NOT_SENT = "notSent";

  public StepOutcome {
    lines = List.copyOf(lines);
    facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }

  public static StepOutcome of(String... lines) {
    return new StepOutcome(List.of(lines), Map.of());
  }

  /** The same outcome with one more fact. */
  public StepOutcome with(String fact, String value) {
    Map<String, String> more = new LinkedHashMap<>(facts);
    more.put(fact, value);
    return new StepOutcome(lines, more);
  }

  /** The same outcome with one more line. */
  public StepOutcome and(String line) {
    List<String> more = new java.util.ArrayList<>(lines);
    more.add(line);
    return new StepOutcome(more, facts);
  }
}
