package it.continuo.health;

/** How bad a health finding is, each level by what it means for the office; worst last. */
public enum Severity {
  /** Nothing to do. */
  OK,
  /** Worth knowing, nothing to do now (a reboot happened, a disk is rebuilding as it should). */
  INFO,
  /**
   * Someone should look at it within the working day, before it becomes a failure: an alert is sent
   * once, and escalated while it lasts.
   */
  WARN,
  /**
   * The service or the data are at risk now (a RAID with one disk left, a UPS on battery running
   * low, a file system full): alert at once, escalate, and run the power actions configured for it.
   */
  CRITICAL;

  /** The worse of the two. */
  public Severity worst(Severity other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  /** True when this is at least {@code other}. */
  public boolean atLeast(Severity other) {
    return ordinal() >= other.ordinal();
  }
}
