package it.continuo.failover;

/** How a runbook is run. */
public enum Mode {
  /** Every step resolved and what it would change; nothing is touched. */
  PLAN,
  /** Run for real, then fail back (the undos in reverse order) unless told to stay. */
  DRILL,
  /** The real failover. */
  EXECUTE,
  /** Back to the primary after an execute (or a drill that stayed). */
  FAILBACK;

  /** Lower-case, as on the command line and in the history. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
