package it.continuo.schedule;

/** What a trigger of a job asks for. */
public enum Task {
  FULL,
  INCREMENTAL,
  VERIFY;

  /** The name of the job's configuration key that schedules it. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
