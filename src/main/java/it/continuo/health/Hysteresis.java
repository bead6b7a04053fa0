package it.continuo.health;

import java.util.HashMap;
import java.util.Map;

/**
 * The level of a measured value with hysteresis, per subject (one instance per check, subjects such
 * as mount points): a value raises {@link Severity#WARN} at {@link Threshold#warn()} and {@link
 * Severity#CRITICAL} at {@link Threshold#critical()}, but a raised level holds until the value
 * falls below its threshold minus {@link Threshold#clear()}. With warn at 90 and clear 5, a disk
 * going 89, 91, 89, 91 is WARN from the first 91 on and OK again only below 85: one incident, not
 * one per sample. Not thread-safe: a check is sampled by one thread at a time.
 */
public final class Hysteresis {
  private final Threshold threshold;
  private final Map<String, Severity> levels = new HashMap<>();

  public Hysteresis(Threshold threshold) {
    this.threshold = threshold;
  }

  public Threshold threshold() {
    return threshold;
  }

  /** The level of {@code subject} now that it measures {@code value}; remembered for next time. */
  public Severity update(String subject, double value) {
    Severity before = levels.getOrDefault(subject, Severity.OK);
    Severity raised =
        value >= threshold.critical()
            ? Severity.CRITICAL
            : value >= threshold.warn() ? Severity.WARN : Severity.OK;
    Severity held;
    if (before == Severity.CRITICAL && value >= threshold.critical() - threshold.clear()) {
      held = Severity.CRITICAL;
    } else if (before.atLeast(Severity.WARN) && value >= threshold.warn() - threshold.clear()) {
      held = Severity.WARN;
    } else {
      held = Severity.OK;
    }
    Severity now = raised.worst(held);
    levels.put(subject, now);
    return now;
  }

  /** Forgets a subject that is gone (an unmounted file system), so it starts afresh. */
  public void forget(String subject) {
    levels.remove(subject);
  }
}
