package it.continuo.history;

import it.continuo.backup.BackupResult;
import it.continuo.catalog.Verification;
import it.continuo.health.Severity;
import it.continuo.status.RunSummary;
import it.continuo.status.VerificationSummary;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The agent's history database: every run, verification, prune and event. Thread-safe: calls are
 * serialised on one connection. See the package documentation for where it lives and what happens
 * when it cannot be used.
 */
public final class History implements AutoCloseable {
  /** The system property that tells H2 where its auto-server listens. */
  static final String BIND_PROPERTY = "h2.bindAddress";

  static {
    // before any H2 class reads it: the auto-server of the embedded database must listen on
    // loopback only, never on every interface
    if (System.getProperty(BIND_PROPERTY) == null) {
      System.setProperty(BIND_PROPERTY, "127.0.0.1");
    }
  }

  private static final String SUCCESS_OR_PARTIAL = "outcome IN ('success', 'partial')";

  private final Database db;

  private History(Database db) {
    this.db = db;
  }

  /**
   * The embedded database {@code dataDir/history} (file {@code history.mv.db}), shared with other
   * processes of the agent through H2's auto-server on loopback. Creates it, and the directory,
   * when missing, and brings its schema up to date.
   */
  public static History open(Path dataDir) throws HistoryException {
    Path base = dataDir.toAbsolutePath().normalize().resolve("history");
    if (base.toString().contains(";")) {
      throw new HistoryException(
          "the data directory " + dataDir + " holds a ';', which an H2 database path cannot");
    }
    try {
      Files.createDirectories(base.getParent());
    } catch (IOException e) {
      throw new HistoryException(
          "cannot create the data directory " + base.getParent() + ": " + e, e);
    }
    requireLoopback();
    String url = "jdbc:h2:file:" + base + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE";
    return open(new Database(url, file(dataDir).toString(), "sa", ""));
  }

  /** A PostgreSQL (or other) database by JDBC URL; brings its schema up to date. */
  public static History open(String jdbcUrl, String user, String password) throws HistoryException {
    return open(new Database(jdbcUrl, jdbcUrl, user, password));
  }

  private static History open(Database db) throws HistoryException {
    History h = new History(db);
    try {
      boolean postgres = db.postgres();
      db.call("bring the schema up to date", c -> Schema.apply(c, postgres));
      return h;
    } catch (HistoryException e) {
      h.close();
      throw e;
    } catch (RuntimeException e) {
      h.close();
      throw e;
    }
  }

  /** The file of the embedded database in {@code dataDir}. */
  public static Path file(Path dataDir) {
    return dataDir.toAbsolutePath().normalize().resolve("history.mv.db");
  }

  /** Refuses to start H2's auto-server anywhere but on loopback. */
  private static void requireLoopback() throws HistoryException {
    String bind = org.h2.engine.SysProperties.BIND_ADDRESS;
    boolean loopback;
    try {
      loopback = bind != null && InetAddress.getByName(bind).isLoopbackAddress();
    } catch (IOException e) {
      loopback = false;
    }
    if (!loopback) {
      throw new HistoryException(
          "H2's "
              + BIND_PROPERTY
              + " is "
              + bind
              + ", not a loopback address: the history's auto-server would listen beyond this"
              + " machine; start Java with -D"
              + BIND_PROPERTY
              + "=127.0.0.1");
    }
  }

  /** The schema version this build brings a database to. */
  public static int schemaVersion() {
    return Schema.latest();
  }

  /**
   * Records that a run started; its outcome is "running" until {@link #runEnded}.
   *
   * @param trigger "schedule", "catch-up", "recovery", "cli" or "rebuilt"
   * @param level "full" or "incremental", as requested or decided (the end may change it)
   * @param scheduledFor the fire time it answers, or null
   * @param note why it runs, e.g. "catch-up of 3 missed runs", or null
   * @return the run's row id, for {@link #runEnded}
   */
  public synchronized long runStarted(
      String job, String trigger, String level, Instant start, Instant scheduledFor, String note)
      throws HistoryException {
    return db.call(
        "record the start of a run of " + job,
        c -> RunTable.insert(c, job, trigger, level, start, scheduledFor, note));
  }

  /**
   * Records how run {@code id} ended: its outcome, run id, level, counts, error and each target's
   * result. A run marked interrupted meanwhile (a daemon started while it ran) gets its real end.
   */
  public synchronized void runEnded(long id, BackupResult result, Instant end)
      throws HistoryException {
    boolean found =
        db.transaction(
            "record the end of run " + result.run(), c -> RunTable.end(c, id, result, end));
    if (!found) {
      throw new HistoryException(
          "history " + db.name() + " has no run with row id " + id + " to record the end of");
    }
  }

  /**
   * Forgets a run recorded by {@link #runStarted} that never started after all: another process
   * held the job's lock, so the run that counts is that process's.
   */
  public synchronized void runNotStarted(long id) throws HistoryException {
    db.call(
        "forget run row " + id,
        c -> {
          RunTable.delete(c, id);
          return null;
        });
  }

  /**
   * Marks every run still "running" as "interrupted", with {@code why} as its error: called by the
   * daemon when it starts, holding its single-instance lock, since no run can then be in progress.
   *
   * @return the runs so marked
   */
  public synchronized List<RunSummary> interruptRunning(Instant at, String why)
      throws HistoryException {
    return db.transaction("mark interrupted runs", c -> RunTable.interrupt(c, at, why));
  }

  /** The newest run of {@code job} still running. */
  public synchronized Optional<RunSummary> running(String job) throws HistoryException {
    return first(
        "WHERE job = ? AND outcome = '"
            + RunTable.RUNNING
            + "' ORDER BY started_at DESC, id DESC LIMIT 1",
        job);
  }

  /** The run of {@code job} that ended last, whatever its outcome (interrupted included). */
  public synchronized Optional<RunSummary> lastRun(String job) throws HistoryException {
    return first(
        "WHERE job = ? AND outcome <> '"
            + RunTable.RUNNING
            + "' ORDER BY COALESCE(ended_at, interrupted_at, started_at) DESC, id DESC LIMIT 1",
        job);
  }

  /** The newest run of {@code job} (by start) that stored a restore point: success or partial. */
  public synchronized Optional<RunSummary> lastSuccess(String job) throws HistoryException {
    return first(
        "WHERE job = ? AND " + SUCCESS_OR_PARTIAL + " ORDER BY started_at DESC, id DESC LIMIT 1",
        job);
  }

  /** The runs of {@code job} started at or after {@code since}, newest first, any outcome. */
  public synchronized List<RunSummary> runsSince(String job, Instant since)
      throws HistoryException {
    return db.call(
        "read the runs of " + job,
        c ->
            RunTable.select(
                c,
                "WHERE job = ? AND started_at >= ? ORDER BY started_at DESC, id DESC",
                job,
                since));
  }

  /** When the newest full run of {@code job} that stored a restore point started. */
  public synchronized Optional<Instant> lastFullStart(String job) throws HistoryException {
    return first(
            "WHERE job = ? AND run_level = 'full' AND "
                + SUCCESS_OR_PARTIAL
                + " ORDER BY started_at DESC, id DESC LIMIT 1",
            job)
        .map(RunSummary::start);
  }

  private Optional<RunSummary> first(String where, String job) throws HistoryException {
    return db.call("read the runs of " + job, c -> RunTable.select(c, where, job)).stream()
        .findFirst();
  }

  /** Records a verification of a run on a target (once: the same one again is ignored). */
  public synchronized void verification(String job, String target, Verification v)
      throws HistoryException {
    addVerification(job, target, v);
  }

  /** Like {@link #verification}; true when it was not there yet. */
  synchronized boolean addVerification(String job, String target, Verification v)
      throws HistoryException {
    return db.transaction(
        "record the verification of " + v.run(), c -> VerificationTable.add(c, job, target, v));
  }

  /** The newest verification of {@code job} on each target that has one, by target name. */
  public synchronized List<VerificationSummary> lastVerifications(String job)
      throws HistoryException {
    return db.call("read the verifications of " + job, c -> VerificationTable.newest(c, job));
  }

  /**
   * Records one nightly check of a job on a target (once: the same job, target and start again is
   * ignored). The verifications of the runs it read are recorded with {@link #verification}.
   */
  public synchronized void nightlyCheck(NightlyCheck check) throws HistoryException {
    db.transaction(
        "record the nightly check of " + check.job() + " on " + check.target(),
        c -> NightlyCheckTable.add(c, check));
  }

  /** The nightly checks of {@code job} started at or after {@code since}, oldest first. */
  public synchronized List<NightlyCheck> nightlyChecks(String job, Instant since)
      throws HistoryException {
    return db.call(
        "read the nightly checks of " + job, c -> NightlyCheckTable.since(c, job, since));
  }

  /** The newest nightly check of {@code job} on each target that has one, by target name. */
  public synchronized List<NightlyCheck> lastNightlyChecks(String job) throws HistoryException {
    return db.call("read the nightly checks of " + job, c -> NightlyCheckTable.newest(c, job));
  }

  /** Records one check of a replica. */
  public synchronized void replicaCheck(ReplicaCheck check) throws HistoryException {
    db.transaction(
        "record the check of replica " + check.replica(),
        c -> {
          ReplicaCheckTable.add(c, check);
          return null;
        });
  }

  /** The checks of {@code replica} made at or after {@code since}, oldest first. */
  public synchronized List<ReplicaCheck> replicaChecks(String replica, Instant since)
      throws HistoryException {
    return db.call(
        "read the checks of replica " + replica, c -> ReplicaCheckTable.since(c, replica, since));
  }

  /** The newest check of each replica that has one, by replica name. */
  public synchronized List<ReplicaCheck> lastReplicaChecks() throws HistoryException {
    return db.call("read the replica checks", ReplicaCheckTable::newest);
  }

  /**
   * The newest full check of {@code replica} whose state was known, or null: the files changed
   * since then are the ones the next check confirms first.
   */
  public synchronized ReplicaCheck lastFullReplicaCheck(String replica) throws HistoryException {
    return db.call(
        "read the checks of replica " + replica, c -> ReplicaCheckTable.lastFull(c, replica));
  }

  /**
   * Records one retention pass over one target.
   *
   * @param deletedRuns the runs deleted (or, in a dry run, that would be)
   * @param error why it failed, or null
   */
  public synchronized void prune(
      String job, String target, List<String> deletedRuns, boolean dryRun, Instant at, String error)
      throws HistoryException {
    db.transaction(
        "record the prune of " + job,
        c -> {
          EventTable.prune(c, job, target, deletedRuns, dryRun, at, error);
          return null;
        });
  }

  /** The retention passes over {@code job} at or after {@code since}, newest first. */
  public synchronized List<PruneRecord> prunes(String job, Instant since) throws HistoryException {
    return db.call("read the prunes of " + job, c -> EventTable.prunes(c, job, since));
  }

  /**
   * Records an event.
   *
   * @param kind e.g. "daemon", "schedule", "catch-up", "reload"
   * @param job the job it concerns, or null
   * @param severity e.g. "info", "warn", "error"
   */
  public synchronized void event(
      Instant at, String kind, String job, String severity, String message)
      throws HistoryException {
    db.call(
        "record an event",
        c -> {
          EventTable.event(c, at, kind, job, severity, message);
          return null;
        });
  }

  /** The events at or after {@code since}, newest first, at most {@code limit}. */
  public synchronized List<HistoryEvent> events(Instant since, int limit) throws HistoryException {
    return db.call("read events", c -> EventTable.events(c, since, limit));
  }

  /**
   * Opens an incident, first seen at {@code at}, alerted at {@code severity} once its messages are
   * decided.
   *
   * @return its row id
   */
  public synchronized long openIncident(
      String key, String check, String subject, Severity severity, String message, Instant at)
      throws HistoryException {
    return db.call(
        "open incident " + key,
        c -> IncidentTable.open(c, key, check, subject, severity, message, at));
  }

  /** Records that incident {@code id} was seen again, with its severity and message now. */
  public synchronized void incidentSeen(
      long id, Severity severity, Severity alertedSeverity, String message, Instant at)
      throws HistoryException {
    db.call(
        "update incident " + id,
        c -> {
          IncidentTable.seen(c, id, severity, alertedSeverity, message, at);
          return null;
        });
  }

  /**
   * Resolves incident {@code id}; its messages not yet delivered, recoveries excepted, are given up
   * (they would announce what is over).
   */
  public synchronized void resolveIncident(long id, Instant at) throws HistoryException {
    db.transaction(
        "resolve incident " + id,
        c -> {
          IncidentTable.resolve(c, id, at);
          return null;
        });
  }

  /**
   * Records a message to deliver about incident {@code incident}.
   *
   * @param rule the escalation rule's index, or -1 for a message that follows one
   * @param state "opened", "escalated", "still-open" or "resolved"
   * @return its row id
   */
  public synchronized long notificationDue(
      long incident, String channel, int rule, String state, Severity severity, Instant at)
      throws HistoryException {
    return db.call(
        "record a message about incident " + incident,
        c -> IncidentTable.notification(c, incident, channel, rule, state, severity, at));
  }

  /** Records that message {@code id} was delivered. */
  public synchronized void notificationSent(long id, Instant at) throws HistoryException {
    db.call(
        "record the delivery of message " + id,
        c -> {
          IncidentTable.sent(c, id, at);
          return null;
        });
  }

  /**
   * Records a failed delivery of message {@code id}.
   *
   * @param giveUp true when it will never be delivered; otherwise it is tried again
   */
  public synchronized void notificationFailed(long id, String error, boolean giveUp)
      throws HistoryException {
    db.call(
        "record the failed delivery of message " + id,
        c -> {
          IncidentTable.failed(c, id, error, giveUp);
          return null;
        });
  }

  /** The open incidents, oldest first, each with its messages. */
  public synchronized List<Incident> openIncidents() throws HistoryException {
    return db.call("read the open incidents", IncidentTable::open);
  }

  /** The incidents, open or resolved, with a message still to deliver, oldest first. */
  public synchronized List<Incident> incidentsToNotify() throws HistoryException {
    return db.call("read the incidents to notify", IncidentTable::toNotify);
  }

  /** The open incidents and those resolved at or after {@code since}, newest first. */
  public synchronized List<Incident> incidents(Instant since) throws HistoryException {
    return db.call("read the incidents", c -> IncidentTable.since(c, since));
  }

  /**
   * Acknowledges the open incident {@code key}: it escalates no further.
   *
   * @param by who
   * @param note what they said, or null
   * @return the incident, or empty when no incident {@code key} is open
   */
  public synchronized Optional<Incident> acknowledge(String key, String by, Instant at, String note)
      throws HistoryException {
    return db.transaction(
        "acknowledge incident " + key, c -> IncidentTable.acknowledge(c, key, by, at, note));
  }

  /** Work for {@link CatalogRebuild}, in one transaction. */
  synchronized <T> T rebuild(String what, Database.Work<T> work) throws HistoryException {
    return db.transaction(what, work);
  }

  /**
   * Records a failover run and its timeline in one go.
   *
   * @return its row id
   */
  public synchronized long recordFailover(FailoverRecord run) throws HistoryException {
    return db.call("record failover run of " + run.runbook(), c -> FailoverTable.insert(c, run));
  }

  /** Records where the report of failover run {@code id} was written. */
  public synchronized void failoverReport(long id, String path) throws HistoryException {
    db.call(
        "record the report of failover run " + id,
        c -> {
          FailoverTable.reportPath(c, id, path);
          return null;
        });
  }

  /** The failover runs started at or after {@code since}, newest first, without their steps. */
  public synchronized List<FailoverRecord> failoverRuns(Instant since) throws HistoryException {
    return db.call("read the failover runs", c -> FailoverTable.since(c, since));
  }

  /** One failover run with its timeline. */
  public synchronized Optional<FailoverRecord> failoverRun(long id) throws HistoryException {
    return db.call("read failover run " + id, c -> FailoverTable.byId(c, id));
  }

  /** Closes the connection; an embedded database closes when its last process lets go. */
  @Override
  public synchronized void close() {
    db.close();
  }
}
