package it.continuo.http;

import it.continuo.status.AgentStatus;
import it.continuo.status.JobStatus;
import it.continuo.status.RunSummary;
import it.continuo.status.TargetChain;
import it.continuo.status.TargetOutcome;
import it.continuo.status.VerificationSummary;

/**
 * The agent's status as Prometheus metrics. Every metric is a gauge named {@code continuo_…};
 * timestamps are seconds since the epoch. A value the status does not know (no run yet, a target
 * that cannot be listed, no scheduler) has no sample rather than a made-up one, so an alert on
 * {@code absent(…)} or on the age of a timestamp sees the truth.
 */
final class PrometheusText {
  /**
   * The label naming a Continuo job. Not {@code job}: Prometheus sets that label itself on every
   * sample it scrapes (the scrape job), and would rename ours to {@code exported_job}.
   */
  static final String JOB_LABEL = "backup_job";

  static final String STATUS_UP = "continuo_status_up";
  static final String AGENT_INFO = "continuo_agent_info";
  static final String DAEMON_START = "continuo_daemon_start_timestamp_seconds";
  static final String LAST_SUCCESS = "continuo_job_last_success_timestamp_seconds";
  static final String LAST_RUN = "continuo_job_last_run_timestamp_seconds";
  static final String LAST_OUTCOME = "continuo_job_last_run_outcome";
  static final String LAST_DURATION = "continuo_job_last_run_duration_seconds";
  static final String LAST_FILES = "continuo_job_last_run_files";
  static final String LAST_READ = "continuo_job_last_run_read_bytes";
  static final String LAST_WRITTEN = "continuo_job_last_run_written_bytes";
  static final String RUNNING = "continuo_job_running";
  static final String NEXT_RUN = "continuo_job_next_run_timestamp_seconds";
  static final String STORED = "continuo_target_last_run_stored";
  static final String STORED_BYTES = "continuo_target_last_run_stored_bytes";
  static final String VERIFICATION_OK = "continuo_verification_ok";
  static final String VERIFICATION_AT = "continuo_verification_timestamp_seconds";
  static final String VERIFICATION_PROBLEMS = "continuo_verification_problems";
  static final String REACHABLE = "continuo_target_reachable";
  static final String POINTS = "continuo_target_restore_points";
  static final String DAMAGED = "continuo_target_damaged_restore_points";
  static final String NEWEST_POINT = "continuo_target_newest_point_timestamp_seconds";

  static final String HEALTH_AT = "continuo_health_sample_timestamp_seconds";
  static final String HEALTH_SEVERITY = "continuo_health_finding_severity";

  static final String REPLICA_AT = "continuo_replica_check_timestamp_seconds";
  static final String REPLICA_STATE = "continuo_replica_state";
  static final String REPLICA_LAG = "continuo_replica_lag_seconds";
  static final String REPLICA_MAX_LAG = "continuo_replica_max_lag_seconds";
  static final String REPLICA_DIFFERENCES = "continuo_replica_differences";
  static final String REPLICA_ENTRIES = "continuo_replica_primary_entries";
  static final String REPLICA_HASHED = "continuo_replica_hashed_bytes";
  static final String REPLICA_DURATION = "continuo_replica_check_duration_seconds";

  private PrometheusText() {}

  /** The exposition of a status that could be read. */
  static String render(AgentStatus status) {
    Exposition out = families();
    out.add(STATUS_UP, 1);
    out.add(AGENT_INFO, 1, "agent", status.agent(), "version", status.version());
    if (status.daemonSince() != null) {
      out.add(DAEMON_START, status.daemonSince());
    }
    for (JobStatus job : status.jobs()) {
      job(out, job);
    }
    if (status.health() != null) {
      health(out, status.health());
    }
    for (it.continuo.history.ReplicaCheck k : status.replicas()) {
      replica(out, k);
    }
    return out.text();
  }

  /**
   * The daemon's health readings as {@code continuo_health_<name>} with their labels, and each
   * finding's severity (0 OK, 1 INFO, 2 WARN, 3 CRITICAL) by check and subject.
   */
  private static void health(Exposition out, it.continuo.health.HealthSnapshot snapshot) {
    out.add(HEALTH_AT, snapshot.at());
    for (it.continuo.health.Reading r : snapshot.report().readings()) {
      String[] labels = new String[r.labels().size() * 2];
      int i = 0;
      for (var e : new java.util.TreeMap<>(r.labels()).entrySet()) {
        labels[i++] = e.getKey();
        labels[i++] = e.getValue();
      }
      String name = "continuo_health_" + r.name();
      out.gaugeIfAbsent(
          name,
          "The daemon's latest health reading "
              + r.name()
              + (r.unit().isEmpty() ? "" : ", in " + r.unit())
              + ".");
      out.add(name, r.value(), labels);
    }
    for (it.continuo.health.Finding f : snapshot.report().findings()) {
      out.add(HEALTH_SEVERITY, f.severity().ordinal(), "check", f.check(), "subject", f.subject());
    }
  }

  /**
   * The newest check of a replica: its state as a 1 labelled with the state's name, the lag (no
   * sample when unknown) against the largest accepted, and the differences by kind.
   */
  private static void replica(Exposition out, it.continuo.history.ReplicaCheck k) {
    String name = k.replica();
    out.add(REPLICA_AT, k.checkedAt(), "replica", name);
    out.add(
        REPLICA_STATE,
        1,
        "replica",
        name,
        "state",
        k.state().toLowerCase(java.util.Locale.ROOT),
        "quick",
        Boolean.toString(k.quick()));
    if (k.lag() != null) {
      out.add(REPLICA_LAG, k.lag().toSeconds(), "replica", name);
    }
    out.add(REPLICA_MAX_LAG, k.maxLag().toSeconds(), "replica", name);
    out.add(REPLICA_DIFFERENCES, k.missing(), "replica", name, "kind", "missing");
    out.add(REPLICA_DIFFERENCES, k.extra(), "replica", name, "kind", "extra");
    out.add(REPLICA_DIFFERENCES, k.changed(), "replica", name, "kind", "changed");
    out.add(REPLICA_ENTRIES, k.primaryEntries(), "replica", name);
    out.add(REPLICA_HASHED, k.hashedBytes(), "replica", name);
    out.add(REPLICA_DURATION, k.took(), "replica", name);
  }

  /** The exposition when the status could not be read: {@code continuo_status_up 0} alone. */
  static String unavailable() {
    Exposition out = families();
    out.add(STATUS_UP, 0);
    return out.text();
  }

  private static void job(Exposition out, JobStatus job) {
    String name = job.job();
    if (job.lastSuccess() != null && job.lastSuccess().end() != null) {
      out.add(LAST_SUCCESS, job.lastSuccess().end(), JOB_LABEL, name);
    }
    if (job.lastRun() != null) {
      lastRun(out, name, job.lastRun());
    }
    out.add(RUNNING, job.running() != null, JOB_LABEL, name);
    if (job.nextRun() != null) {
      out.add(NEXT_RUN, job.nextRun(), JOB_LABEL, name);
    }
    for (VerificationSummary v : job.lastVerifications()) {
      out.add(VERIFICATION_OK, v.ok(), JOB_LABEL, name, "target", v.target());
      if (v.at() != null) {
        out.add(VERIFICATION_AT, v.at(), JOB_LABEL, name, "target", v.target());
      }
      out.add(VERIFICATION_PROBLEMS, v.problems(), JOB_LABEL, name, "target", v.target());
    }
    for (TargetChain chain : job.chains()) {
      chain(out, name, chain);
    }
  }

  private static void lastRun(Exposition out, String job, RunSummary run) {
    if (run.end() != null) {
      out.add(LAST_RUN, run.end(), JOB_LABEL, job);
    }
    out.add(LAST_OUTCOME, 1, JOB_LABEL, job, "outcome", run.outcome());
    if (run.duration() != null) {
      out.add(LAST_DURATION, run.duration(), JOB_LABEL, job);
    }
    out.add(LAST_FILES, run.files(), JOB_LABEL, job);
    out.add(LAST_READ, run.bytesRead(), JOB_LABEL, job);
    out.add(LAST_WRITTEN, run.archiveBytes(), JOB_LABEL, job);
    for (TargetOutcome t : run.targets()) {
      out.add(STORED, t.stored(), JOB_LABEL, job, "target", t.target());
      out.add(STORED_BYTES, t.storedBytes(), JOB_LABEL, job, "target", t.target());
    }
  }

  private static void chain(Exposition out, String job, TargetChain chain) {
    boolean listed = chain.error() == null;
    out.add(REACHABLE, listed, JOB_LABEL, job, "target", chain.target());
    if (!listed) {
      return; // what a target holds is unknown while it cannot be listed
    }
    out.add(POINTS, chain.points(), JOB_LABEL, job, "target", chain.target());
    out.add(DAMAGED, chain.damaged(), JOB_LABEL, job, "target", chain.target());
    if (chain.newestAt() != null) {
      out.add(NEWEST_POINT, chain.newestAt(), JOB_LABEL, job, "target", chain.target());
    }
  }

  private static Exposition families() {
    return new Exposition()
        .gauge(
            STATUS_UP,
            "1 when the agent's status could be read for this scrape; 0 when not, and the"
                + " agent's log says why. Every other metric is missing while this is 0.")
        .gauge(AGENT_INFO, "Always 1; the labels name the agent and its software version.")
        .gauge(DAEMON_START, "When the daemon (continuo run) started, in seconds since the epoch.")
        .gauge(
            LAST_SUCCESS,
            "When the job's newest backup that stored a restore point on at least one target"
                + " (outcome success or partial) ended, in seconds since the epoch. Missing until"
                + " the job has one.")
        .gauge(
            LAST_RUN,
            "When the job's newest finished run ended, whatever its outcome, in seconds since the"
                + " epoch. Missing when that run was interrupted and has no end.")
        .gauge(
            LAST_OUTCOME,
            "Always 1, one sample per job: the outcome label says how the job's newest finished"
                + " run ended (success, partial, failed or interrupted).")
        .gauge(LAST_DURATION, "How long the job's newest finished run took, in seconds.")
        .gauge(LAST_FILES, "Files in the tree backed up by the job's newest finished run.")
        .gauge(LAST_READ, "Content bytes the job's newest finished run read from the source.")
        .gauge(
            LAST_WRITTEN,
            "Bytes the job's newest finished run wrote (archive and manifest, before encryption).")
        .gauge(
            STORED,
            "1 when the job's newest finished run was committed on this target, 0 when it was not"
                + " (the agent's log and /api/status say why).")
        .gauge(
            STORED_BYTES,
            "Bytes the job's newest finished run stored on this target, after encryption; 0 when"
                + " it stored nothing there.")
        .gauge(RUNNING, "1 while a run of the job is in progress, 0 otherwise.")
        .gauge(
            NEXT_RUN,
            "When the job's next scheduled backup fires, in seconds since the epoch. Missing when"
                + " the job is not scheduled.")
        .gauge(
            VERIFICATION_OK,
            "1 when the newest verification of the job's runs on this target found nothing wrong,"
                + " 0 when it found problems.")
        .gauge(
            VERIFICATION_AT,
            "When the newest verification of the job's runs on this target ended, in seconds since"
                + " the epoch. Missing until the target has been verified.")
        .gauge(
            VERIFICATION_PROBLEMS,
            "Problems (missing, damaged or mismatching files and archives) the newest verification"
                + " of the job's runs on this target found.")
        .gauge(
            REACHABLE,
            "1 when the job's restore points on this target could be listed for this scrape, 0"
                + " when the target could not be reached or read.")
        .gauge(
            POINTS,
            "Restore points of the job on this target, damaged ones included. Missing while the"
                + " target cannot be listed.")
        .gauge(
            DAMAGED,
            "Restore points of the job on this target whose manifest cannot be read. Missing while"
                + " the target cannot be listed.")
        .gauge(
            HEALTH_AT,
            "When the daemon's latest round of health checks was taken, in seconds since the"
                + " epoch.")
        .gauge(
            HEALTH_SEVERITY,
            "The severity of each health finding of the latest round: 0 OK, 1 INFO, 2 WARN, 3"
                + " CRITICAL, by check and subject (e.g. check=\"disk\", subject=\"/srv\").")
        .gauge(
            REPLICA_AT,
            "When the newest check of the replica was made, in seconds since the epoch.")
        .gauge(
            REPLICA_STATE,
            "1 for the state the newest check found: in_sync, lagging (within maxLag), behind,"
                + " different or unknown; quick=\"true\" for a metadata-only check.")
        .gauge(
            REPLICA_LAG,
            "Age of the oldest change of the primary the secondary does not have, in seconds; no"
                + " sample when the check could not tell.")
        .gauge(REPLICA_MAX_LAG, "The largest lag the replica's configuration accepts, in seconds.")
        .gauge(
            REPLICA_DIFFERENCES,
            "Paths missing on the secondary, extra on it, or changed, by kind, at the newest check.")
        .gauge(REPLICA_ENTRIES, "Files, directories and links listed on the primary.")
        .gauge(REPLICA_HASHED, "Bytes whose content the newest check confirmed on both sides.")
        .gauge(REPLICA_DURATION, "How long the newest check of the replica took, in seconds.")
        .gauge(
            NEWEST_POINT,
            "When the job's newest restore point on this target started, in seconds since the"
                + " epoch: the moment its data is from. Missing while the target cannot be listed"
                + " or holds none.");
  }
}
