package it.continuo.report;

import java.util.List;

/**
 * Every {@link Finding} code the report uses, with its arguments. Each has a message {@code
 * finding.<code>} in both languages' bundles (a test checks it).
 */
public final class Findings {
  /** Service: achieved RPO (Duration) is over the RPO (Duration). RED. */
  public static final String RPO_EXCEEDED = "rpo-exceeded";

  /** Service: no restore point verified on target (String) for job (String). RED. */
  public static final String NO_VERIFIED_POINT = "no-verified-point";

  /** Job (String): the backup due at (Instant) did not run. AMBER. */
  public static final String BACKUP_MISSED = "backup-missed";

  /** Job (String): the backup started at (Instant) failed: error (String). AMBER. */
  public static final String BACKUP_FAILED = "backup-failed";

  /**
   * Job (String), target (String): the nightly verification found damaged runs (Integer); first
   * problem (String). RED.
   */
  public static final String DAMAGE_FOUND = "damage-found";

  /** Job (String), target (String): the test restore of run (String) was wrong: (String). RED. */
  public static final String TEST_RESTORE_FAILED = "test-restore-failed";

  /** Job (String), target (String): the nightly verification could not read it: (String). AMBER. */
  public static final String CHECK_FAILED = "check-failed";

  /**
   * Job (String), target (String): not verified since (Instant), or never when that is absent.
   * AMBER.
   */
  public static final String NOT_VERIFIED = "not-verified";

  /**
   * Job (String), target (String): only this share (Double, 0-1) of what it holds was read back in
   * the last days (Integer). AMBER.
   */
  public static final String COVERAGE_BEHIND = "coverage-behind";

  /** Service: the forecast restore time (Duration) is over the RTO (Duration). AMBER. */
  public static final String FORECAST_OVER_RTO = "forecast-over-rto";

  /** Service: no test restore has measured how fast it could be restored. AMBER. */
  public static final String FORECAST_UNKNOWN = "forecast-unknown";

  /** Job (String): backed up, but no service of the catalogue relies on it. AMBER. */
  public static final String JOB_WITHOUT_SERVICE = "job-without-service";

  /** The catalogue lists no services. AMBER. */
  public static final String NO_SERVICES = "no-services";

  /**
   * Health: check (String), subject (String), what was found (String, in English, from the check).
   * AMBER for WARN, RED for CRITICAL.
   */
  public static final String HEALTH = "health";

  /** A UPS or power event of the last 24 hours: when (Instant), what (String). */
  public static final String POWER_EVENT = "power-event";

  /** Replica (String): configured, never checked. AMBER. */
  public static final String REPLICA_NEVER_CHECKED = "replica-never-checked";

  /** Replica (String): the newest check is from (Instant), too old to vouch for it now. AMBER. */
  public static final String REPLICA_STALE = "replica-stale";

  /** Replica (String): in sync at (Instant), entries compared (Long), files confirmed (Long). */
  public static final String REPLICA_IN_SYNC = "replica-in-sync";

  /**
   * Replica (String): behind by lag (Duration) within max lag (Duration); missing, extra, changed
   * (Integer each). GREEN.
   */
  public static final String REPLICA_LAGGING = "replica-lagging";

  /** As {@link #REPLICA_LAGGING}, the lag over the max lag. RED. */
  public static final String REPLICA_BEHIND = "replica-behind";

  /**
   * Replica (String): differs in ways no pending copy explains; missing, extra, changed (Integer
   * each); the first difference (String). RED.
   */
  public static final String REPLICA_DIFFERENT = "replica-different";

  /** Replica (String): the newest check could not tell, why (String, in English). AMBER. */
  public static final String REPLICA_UNKNOWN = "replica-unknown";

  /** Replica (String): one difference (String, in English). Same level as the replica's state. */
  public static final String REPLICA_DIFFERENCE = "replica-difference";

  /**
   * Service (String), replica (String): a failover now would lose lag (Duration) of changes,
   * against the service's RPO (Duration). RED over it, GREEN within.
   */
  public static final String REPLICA_SERVICE = "replica-service";

  /**
   * Replica (String): over days (Integer), checks (Integer), of which not acceptable (Integer),
   * worst lag (Duration). GREEN.
   */
  public static final String REPLICA_TREND = "replica-trend";

  /**
   * Drill: service (String), the last drill's day (LocalDate) succeeded; RTO measured (Duration)
   * within the RTO (Duration). GREEN.
   */
  public static final String DRILL_LAST = "drill-last";

  /** Drill: service (String), the last drill's day (LocalDate) failed: why (String). RED. */
  public static final String DRILL_FAILED = "drill-failed";

  /**
   * Drill: service (String), the last drill's day (LocalDate), its RTO (Duration) over the RTO
   * (Duration). RED.
   */
  public static final String DRILL_RTO_EXCEEDED = "drill-rto-exceeded";

  /** Drill: service (String), the last drill's RPO (Duration) within the RPO (Duration). GREEN. */
  public static final String DRILL_RPO = "drill-rpo";

  /** Drill: service (String), the last drill's RPO (Duration) over the RPO (Duration). AMBER. */
  public static final String DRILL_RPO_EXCEEDED = "drill-rpo-exceeded";

  /** Drill: service (String): the last drill did not measure the RPO. AMBER. */
  public static final String DRILL_RPO_UNKNOWN = "drill-rpo-unknown";

  /**
   * Drill: service (String), step (String) of the last drill, its phase (String: run or undo),
   * outcome (String), error (String). AMBER.
   */
  public static final String DRILL_STEP_FAILED = "drill-step-failed";

  /** Drill: service (String), the next drill due by (LocalDate). GREEN. */
  public static final String DRILL_DUE = "drill-due";

  /** Drill: service (String), the next drill due by (LocalDate), within 30 days. AMBER. */
  public static final String DRILL_DUE_SOON = "drill-due-soon";

  /** Drill: service (String), the next drill was due by (LocalDate). RED. */
  public static final String DRILL_OVERDUE = "drill-overdue";

  /** Drill: service (String), runbook (String) never drilled. AMBER. */
  public static final String DRILL_NEVER = "drill-never";

  /** Drill: service (String), the last drill's report (String, its path). GREEN. */
  public static final String DRILL_REPORT = "drill-report";

  /** Every code, for the bundle test. */
  public static final List<String> CODES =
      List.of(
          RPO_EXCEEDED,
          NO_VERIFIED_POINT,
          BACKUP_MISSED,
          BACKUP_FAILED,
          DAMAGE_FOUND,
          TEST_RESTORE_FAILED,
          CHECK_FAILED,
          NOT_VERIFIED,
          COVERAGE_BEHIND,
          FORECAST_OVER_RTO,
          FORECAST_UNKNOWN,
          JOB_WITHOUT_SERVICE,
          NO_SERVICES,
          HEALTH,
          POWER_EVENT,
          REPLICA_NEVER_CHECKED,
          REPLICA_STALE,
          REPLICA_IN_SYNC,
          REPLICA_LAGGING,
          REPLICA_BEHIND,
          REPLICA_DIFFERENT,
          REPLICA_UNKNOWN,
          REPLICA_DIFFERENCE,
          REPLICA_SERVICE,
          REPLICA_TREND,
          DRILL_LAST,
          DRILL_FAILED,
          DRILL_RTO_EXCEEDED,
          DRILL_RPO,
          DRILL_RPO_EXCEEDED,
          DRILL_RPO_UNKNOWN,
          DRILL_STEP_FAILED,
          DRILL_DUE,
          DRILL_DUE_SOON,
          DRILL_OVERDUE,
          DRILL_NEVER,
          DRILL_REPORT);

  private Findings() {}
}
