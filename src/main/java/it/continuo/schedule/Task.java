package it.continuo.schedule;

/** What a trigger of a job (or of the agent itself, for the report) asks for. */
public enum Task {
  FULL,
  INCREMENTAL,
  VERIFY,
  /** The continuity manager's report; only on the agent's own schedule. */
  REPORT,
  /** A replica's check; only on a replica's schedule ({@link JobSchedule#replica}). */
  REPLICA;

  /** The name of the job's configuration key that schedules it. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
