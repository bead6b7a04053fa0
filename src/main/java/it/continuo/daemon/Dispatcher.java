package it.continuo.daemon;

import it.continuo.backup.BackupEngine;
import it.continuo.backup.BackupResult;
import it.continuo.backup.Outcome;
import it.continuo.catalog.Level;
import it.continuo.catalog.Verification;
import it.continuo.config.Config;
import it.continuo.config.JobConfig;
import it.continuo.config.TargetConfig;
import it.continuo.crypto.DecryptionKey;
import it.continuo.history.History;
import it.continuo.history.HistoryException;
import it.continuo.history.NightlyCheck;
import it.continuo.lock.LockHeldException;
import it.continuo.progress.CancelledException;
import it.continuo.progress.Listener;
import it.continuo.progress.Progress;
import it.continuo.retention.PruneEngine;
import it.continuo.retention.PruneOptions;
import it.continuo.retention.PruneResult;
import it.continuo.schedule.Due;
import it.continuo.schedule.FireHandler;
import it.continuo.schedule.JobSchedule;
import it.continuo.schedule.Task;
import it.continuo.status.RunSummary;
import it.continuo.storage.Targets;
import it.continuo.verify.NightlyOutcome;
import it.continuo.verify.NightlyVerifier;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the daemon does when a trigger fires: waits its turn at the {@link RunGate}, decides with
 * {@link Due} what the fire means given the history, runs the backup or the verification with the
 * same engines as the command line, and records it. Time comes from the injected clock.
 */
final class Dispatcher implements FireHandler {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  /** How far back the history is read to find the fire times a run keeps. */
  static final Duration LOOKBACK = Duration.ofDays(40);

  private final Supplier<Config> config;
  private final History history;
  private final Clock clock;
  private final String software;
  private final RunGate gate;

  /** Every run and verification in progress, with its job; several may share a job. */
  private final Map<Progress, String> running = new ConcurrentHashMap<>();

  private final Map<String, Instant> ended = new ConcurrentHashMap<>();
  private final MorningReport morning;
  private volatile boolean stopping;

  /** Why scheduled backups wait (the power is out), or null when they run. */
  private volatile String postponedBy;

  /** The latest postponed fire of each job and task, by "job.task". */
  private final Map<String, Postponed> postponed = new ConcurrentHashMap<>();

  /** A backup fire that came while backups were postponed. */
  private record Postponed(String job, Task task, Instant fireTime, Instant since) {}

  Dispatcher(Supplier<Config> config, History history, Clock clock, String software, RunGate gate) {
    this.config = config;
    this.history = history;
    this.clock = clock;
    this.software = software;
    this.gate = gate;
    this.morning =
        new MorningReport(config, history, clock, it.continuo.storage.wrap.Backoff.REAL_TIME);
  }

  /** Checks a replica when its REPLICA trigger fires. */
  private volatile java.util.function.Consumer<String> replicaCheck =
      name -> log.warn("replica {}: check fired before the daemon could make it", name);

  /** Who checks a replica when its trigger fires (the daemon's replica watch). */
  void replicaChecks(java.util.function.Consumer<String> check) {
    this.replicaCheck = check;
  }

  /** The morning report, made when the agent's REPORT trigger fires. */
  MorningReport morning() {
    return morning;
  }

  @Override
  public void fire(String job, Task task, Instant fireTime, Instant since, boolean recovering) {
    if (stopping) {
      return;
    }
    if (task == Task.REPORT) {
      report();
      return;
    }
    if (task == Task.REPLICA) {
      replicaCheck.accept(JobSchedule.replicaOf(job));
      return;
    }
    Config current = config.get();
    JobConfig jc = current.jobs().get(job);
    if (jc == null) {
      log.info("{} of {} fired, but the job is no longer configured", task.key(), job);
      return;
    }
    String why = postponedBy;
    if (why != null && task != Task.VERIFY) {
      postponed.put(job + "." + task.key(), new Postponed(job, task, fireTime, since));
      log.warn("{}: {} backup postponed: {}", job, task.key(), why);
      record("power", "warning", job, task.key() + " backup postponed: " + why);
      return;
    }
    try (RunGate.Pass pass = gate.enter(jc.targets(), () -> stopping)) {
      if (pass == null) {
        log.info("{} of {} not started: the daemon is stopping", task.key(), job);
        return;
      }
      if (task == Task.VERIFY) {
        verify(current, jc);
      } else {
        backup(current, jc, task, fireTime, since, recovering);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.error("{} of {} failed: {}", task.key(), job, e.toString(), e);
      record("error", job, task.key() + " failed: " + e);
    }
  }

  /**
   * Holds scheduled backups back (the power is out): each fire is remembered, and runs once {@link
   * #resume} is called. Runs in progress go on; verifications still run.
   */
  void postpone(String why) {
    postponedBy = why;
  }

  /**
   * Lets scheduled backups run again, and runs what fired meanwhile: the latest fire of each job
   * and task, each on its own thread (the run makes up for the fires before it, as a catch-up).
   */
  void resume() {
    postponedBy = null;
    List<Postponed> due = new java.util.ArrayList<>();
    for (String key : List.copyOf(postponed.keySet())) {
      Postponed p = postponed.remove(key);
      if (p != null) {
        due.add(p);
      }
    }
    for (Postponed p : due) {
      Thread t =
          new Thread(
              () -> fire(p.job(), p.task(), p.fireTime(), p.since(), false),
              "postponed-" + p.job());
      t.setDaemon(true);
      t.start();
    }
  }

  /**
   * Runs an incremental backup of {@code job} now, before the battery runs out, whether or not
   * backups are postponed; recorded with trigger {@code last-chance}.
   */
  void lastChance(String job, String why) {
    Config current = config.get();
    JobConfig jc = current.jobs().get(job);
    if (jc == null || stopping) {
      return;
    }
    try (RunGate.Pass pass = gate.enter(jc.targets(), () -> stopping)) {
      if (pass == null) {
        return;
      }
      Instant now = clock.instant();
      run(
          current,
          jc,
          new Due(Level.INCREMENTAL, false, List.of(now), "last-chance incremental: " + why),
          "last-chance",
          now);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.error("{}: last-chance backup failed: {}", job, e.toString(), e);
      record("power", "error", job, "last-chance backup failed: " + e);
    }
  }

  private void report() {
    try {
      morning.run();
      record("report", "info", null, "report made");
    } catch (java.io.InterruptedIOException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("the report failed: {}", e.toString(), e);
      record("report", "error", null, "report failed: " + e);
    }
  }

  /**
   * Decides and runs one backup fire; returns what was decided. A history that cannot be read or
   * written never costs a backup: the fire then runs what its trigger asks for, and the run is
   * logged without being recorded.
   */
  Due backup(
      Config current, JobConfig job, Task task, Instant fireTime, Instant since, boolean recovering)
      throws Exception {
    Instant now = clock.instant();
    Due due;
    try {
      List<RunSummary> recent = history.runsSince(job.name(), fireTime.minus(LOOKBACK));
      due =
          Due.decide(
              new JobSchedule(job, current.agent().timezone()),
              fireTime,
              since,
              newestStart(recent, false),
              newestStart(recent, true),
              history.lastFullStart(job.name()).orElse(null),
              job.maxFullAge());
    } catch (HistoryException e) {
      Level level = task == Task.FULL ? Level.FULL : Level.INCREMENTAL;
      due =
          new Due(
              level,
              false,
              List.of(fireTime),
              level.word() + " as scheduled; the history cannot be read (" + e.getMessage() + ")");
      log.error("{}: {}", job.name(), due.reason());
    }
    if (due.skip()) {
      log.info("{}: nothing to do ({})", job.name(), due.reason());
      return due;
    }
    String trigger = recovering ? "recovery" : due.catchUp() ? "catch-up" : "schedule";
    if (due.catchUp() || recovering) {
      log.warn(
          "{}: {}{}", job.name(), recovering ? "re-running after a crash; " : "", due.reason());
      record(trigger, "warning", job.name(), due.reason());
    } else {
      log.info("{}: {}", job.name(), due.reason());
    }
    run(current, job, due, trigger, now);
    return due;
  }

  /** Runs the backup {@code due} says, records it, and applies retention after a good run. */
  private void run(Config current, JobConfig job, Due due, String trigger, Instant now)
      throws HistoryException {
    Instant scheduledFor = due.missed().get(due.missed().size() - 1);
    Long id = null;
    try {
      id =
          history.runStarted(
              job.name(), trigger, due.level().word(), now, scheduledFor, due.reason());
    } catch (HistoryException e) {
      log.error("{}: the run is not recorded in the history: {}", job.name(), e.getMessage());
    }
    Progress progress = new Progress();
    running.put(progress, job.name());
    BackupResult result;
    try {
      result =
          new BackupEngine(current, clock, "continuo " + software)
              .backup(job, due.level(), listener(job.name()), progress);
    } catch (LockHeldException e) {
      // A backup from the command line holds the job: it is that run that counts.
      if (id != null) {
        history.runNotStarted(id);
      }
      log.warn("{}: scheduled run not started: {}", job.name(), e.getMessage());
      record("schedule", "warning", job.name(), "scheduled run not started: " + e.getMessage());
      return;
    } catch (Exception e) {
      result = notStarted(job, due, e.toString(), now);
    } finally {
      running.remove(progress);
    }
    ended(
        id,
        result,
        problem ->
            log.error("{}: the run's end is not recorded in the history: {}", job.name(), problem));
    if (result.outcome() != Outcome.FAILED && !job.keep().keepsAll()) {
      prune(current, job);
    }
  }

  /**
   * Runs a backup asked for on the command line and handed to the daemon ({@code continuo backup}
   * while the daemon runs), recorded as the command line records its own: trigger {@code cli}, no
   * retention afterwards. It does not wait at the gate, as a backup run from a shell would not; the
   * job's lock still keeps it from running beside another run of the job. A stop of the daemon
   * cancels it like its own runs.
   *
   * @throws LockHeldException when the job is already running
   */
  BackupResult backupNow(
      Config current, JobConfig job, Level level, Listener listener, Progress progress)
      throws IOException {
    String asked = level == null ? Level.INCREMENTAL.word() : level.word();
    Instant start = clock.instant();
    Consumer<String> notRecorded = problem -> listener.warning("history not recorded: " + problem);
    Long id = null;
    try {
      id = history.runStarted(job.name(), "cli", asked, start, null, null);
    } catch (HistoryException e) {
      notRecorded.accept(e.getMessage());
    }
    running.put(progress, job.name());
    BackupResult result;
    try {
      result =
          new BackupEngine(current, clock, "continuo " + software)
              .backup(job, level, listener, progress);
    } catch (LockHeldException e) {
      if (id != null) {
        try {
          history.runNotStarted(id);
        } catch (HistoryException h) {
          log.warn("cannot record in the history: {}", h.toString());
        }
      }
      throw e;
    } catch (IOException | RuntimeException e) {
      String error = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
      ended(
          id,
          BackupResult.failedOnEveryTarget(
              job, asked, error, Duration.between(start, clock.instant())),
          notRecorded);
      throw e;
    } finally {
      running.remove(progress);
    }
    ended(id, result, notRecorded);
    return result;
  }

  /**
   * Records the end of run {@code id} (null when its start was not recorded) and logs it; a history
   * that cannot be written is told to {@code notRecorded}, with why.
   */
  private void ended(Long id, BackupResult result, Consumer<String> notRecorded) {
    if (id != null) {
      try {
        history.runEnded(id, result, clock.instant());
      } catch (HistoryException e) {
        notRecorded.accept(e.getMessage());
      }
    }
    ended.put(result.job(), clock.instant());
    log(result);
  }

  /** Applies the job's keep rule on each target after a run that stored a restore point. */
  private void prune(Config current, JobConfig job) {
    List<PruneResult> results;
    try {
      results = new PruneEngine(current, clock).prune(job, PruneOptions.everyTarget());
    } catch (Exception e) {
      log.warn("{}: retention not applied: {}", job.name(), e.toString());
      record("warning", job.name(), "retention not applied: " + e);
      return;
    }
    for (PruneResult r : results) {
      List<String> deleted = r.deleted().stream().map(Object::toString).toList();
      try {
        history.prune(job.name(), r.target(), deleted, false, clock.instant(), r.error());
      } catch (Exception e) {
        log.warn("cannot record in the history: {}", e.toString());
      }
      if (r.error() != null) {
        log.warn("{}: retention on {} stopped: {}", job.name(), r.target(), r.error());
      } else if (!deleted.isEmpty()) {
        log.info(
            "{}: retention deleted {} runs on {}: {}",
            job.name(),
            deleted.size(),
            r.target(),
            String.join(", ", deleted));
      }
    }
  }

  private BackupResult notStarted(JobConfig job, Due due, String error, Instant started) {
    return BackupResult.failedOnEveryTarget(
        job, due.level().word(), error, Duration.between(started, clock.instant()));
  }

  private static Instant newestStart(List<RunSummary> newestFirst, boolean fullOnly) {
    for (RunSummary r : newestFirst) {
      boolean kept = !r.outcome().equals("interrupted") && !r.outcome().equals("running");
      if (kept && (!fullOnly || "full".equals(r.level()))) {
        return r.start();
      }
    }
    return null;
  }

  private static void log(BackupResult r) {
    String stored =
        String.join(
            ", ",
            r.targets().stream()
                .map(t -> t.target() + (t.stored() ? " stored" : " NOT stored: " + t.error()))
                .toList());
    if (r.outcome() == Outcome.SUCCESS) {
      log.info("{} {} {}: {} ({})", r.job(), r.run(), r.level(), r.outcome().word(), stored);
    } else {
      log.warn(
          "{} {} {}: {}{} ({})",
          r.job(),
          r.run(),
          r.level(),
          r.outcome().word(),
          r.error() == null ? "" : ": " + r.error(),
          stored);
    }
  }

  /**
   * The nightly check of {@code job} on each of its targets ({@link NightlyVerifier}), recorded in
   * the history with the verification of each run it read. An encrypted target without a {@code
   * decryptKey} is recorded as a check that could not be made.
   */
  void verify(Config current, JobConfig job) {
    NightlyVerifier verifier = new NightlyVerifier(clock, current.verification());
    for (TargetConfig t : current.targetsOf(job)) {
      if (stopping) {
        return;
      }
      Progress progress = new Progress();
      running.put(progress, job.name());
      try {
        NightlyOutcome outcome = check(verifier, current, job, t, progress);
        recordCheck(job.name(), t.name(), outcome);
      } catch (Exception e) {
        log.error("{}: cannot verify on {}: {}", job.name(), t.name(), e.toString());
        record("error", job.name(), "cannot verify on " + t.name() + ": " + e);
      } finally {
        running.remove(progress);
        ended.put(job.name(), clock.instant());
      }
    }
  }

  private NightlyOutcome check(
      NightlyVerifier verifier, Config current, JobConfig job, TargetConfig t, Progress progress)
      throws CancelledException {
    DecryptionKey key;
    try {
      key = Targets.decryptionKey(t, null, null);
    } catch (IOException e) {
      return verifier.failed(job.name(), t.name(), "cannot load the decryptKey: " + e);
    }
    return verifier.check(
        current.agent().name(), job.name(), t, key, listener(job.name()), progress);
  }

  /** Logs a nightly check and records it, and each run it read, in the history. */
  private void recordCheck(String job, String target, NightlyOutcome outcome) {
    NightlyCheck check = outcome.check();
    for (Verification v : outcome.verifications()) {
      try {
        history.verification(job, target, v);
      } catch (HistoryException e) {
        log.error("{}: verification not recorded in the history: {}", job, e.getMessage());
      }
      if (v.ok()) {
        log.info("{}: {} on {} verified", job, v.run(), target);
      } else {
        log.error(
            "{}: {} on {} is DAMAGED: {}", job, v.run(), target, String.join("; ", v.problems()));
        record("error", job, v.run() + " on " + target + " is damaged");
      }
    }
    try {
      history.nightlyCheck(check);
    } catch (HistoryException e) {
      log.error("{}: nightly check not recorded in the history: {}", job, e.getMessage());
    }
    logCheck(job, target, check);
  }

  /** One line for the check; an error event when it could not be made or its restore failed. */
  private void logCheck(String job, String target, NightlyCheck check) {
    if (check.error() != null) {
      if (NightlyVerifier.NEEDS_KEY.equals(check.error())) {
        log.info(
            "{}: target {} is encrypted and has no decryptKey: verified by the RCO with"
                + " continuo verify --key",
            job,
            target);
      } else {
        log.error("{}: cannot verify on {}: {}", job, target, check.error());
        record("error", job, "cannot verify on " + target + ": " + check.error());
      }
      return;
    }
    String restore =
        check.testRestore() == null
            ? "no test restore"
            : "test restore of "
                + check.testRestore().files()
                + " files "
                + (check.testRestore().ok() ? "ok" : "FAILED");
    String line =
        String.format(
            Locale.ROOT,
            "%s: nightly check on %s: %d runs read, %d damaged, coverage %.0f%%, verified point %s,"
                + " %s",
            job,
            target,
            check.runsChecked(),
            check.damagedRuns(),
            check.coverage() * 100,
            check.verifiedRun() == null ? "none" : check.verifiedRun(),
            restore);
    if (check.ok()) {
      log.info(line);
    } else {
      log.error(line);
      if (check.testRestore() != null && !check.testRestore().ok()) {
        record(
            "error",
            job,
            "test restore on "
                + target
                + " failed: "
                + String.join("; ", check.testRestore().problems()));
      }
    }
  }

  private void record(String severity, String job, String message) {
    record("schedule", severity, job, message);
  }

  /** Records an event; a history that cannot take it is logged, never fatal. */
  private void record(String kind, String severity, String job, String message) {
    try {
      history.event(clock.instant(), kind, job, severity, message);
    } catch (Exception e) {
      log.warn("cannot record in the history: {}", e.toString());
    }
  }

  private static Listener listener(String job) {
    return new Listener() {
      @Override
      public void warning(String message) {
        log.warn("{}: {}", job, message);
      }

      @Override
      public void note(String message) {
        log.info("{}: {}", job, message);
      }
    };
  }

  /** From now on no fire starts a run; fires waiting for their turn give up. */
  void stopAccepting() {
    stopping = true;
  }

  /** The jobs with a run in progress. */
  java.util.Set<String> running() {
    return java.util.Set.copyOf(running.values());
  }

  /** True when a run or verification of {@code job} ended after {@code t}. */
  boolean endedAfter(String job, Instant t) {
    Instant e = ended.get(job);
    return e != null && e.isAfter(t);
  }

  /** Asks every run in progress to stop, with why. */
  void cancelAll(String why) {
    running.keySet().forEach(p -> p.cancel(why));
  }
}
