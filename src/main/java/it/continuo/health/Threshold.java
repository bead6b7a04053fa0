package it.continuo.health;

/**
 * When a measured value is bad enough to say so, in the value's own unit (a ratio for disks and
 * memory, a load per core, degrees Celsius).
 *
 * @param warn from this value on, {@link Severity#WARN}
 * @param critical from this value on, {@link Severity#CRITICAL}
 * @param clear how far below a threshold the value must fall before the level it raised clears, so
 *     that a value hovering at the threshold does not flap
 */
public record Threshold(double warn, double critical, double clear) {
  public Threshold {
    if (!(warn <= critical) || !(clear >= 0)) {
      throw new IllegalArgumentException(
          "need warn <= critical and clear >= 0: " + warn + ", " + critical + ", " + clear);
    }
  }
}
