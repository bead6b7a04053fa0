package it.continuo.schedule;

import it.continuo.config.JobConfig;
import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * A job's cron expressions in the agent's time zone, and the times they name. The same expressions
 * are given to Quartz, so these are the times its triggers fire.
 */
public final class JobSchedule {
  private final String job;
  private final ZoneId zone;
  private final Map<Task, String> expressions = new EnumMap<>(Task.class);
  private final Map<Task, CronExpression> crons = new EnumMap<>(Task.class);

  /**
   * The name under which the agent's own tasks (the morning report) are scheduled; no job can have
   * it, as job names do not start with '_'.
   */
  public static final String AGENT = "_agent";

  public JobSchedule(JobConfig job, ZoneId zone) {
    this(job.name(), zone);
    put(Task.FULL, job.full());
    put(Task.INCREMENTAL, job.incremental());
    if (job.verify() != null) {
      put(Task.VERIFY, job.verify());
    }
  }

  private JobSchedule(String job, ZoneId zone) {
    this.job = job;
    this.zone = zone;
  }

  /**
   * The prefix of the name under which a replica's check is scheduled ({@code _replica.uno}); no
   * job can have it, as job names do not start with '_'.
   */
  public static final String REPLICA_PREFIX = "_replica.";

  /** A replica's schedule: its check ({@link Task#REPLICA}) at its {@code schedule}. */
  public static JobSchedule replica(it.continuo.config.ReplicaConfig replica, ZoneId zone) {
    JobSchedule s = new JobSchedule(REPLICA_PREFIX + replica.name(), zone);
    s.put(Task.REPLICA, replica.schedule());
    return s;
  }

  /** The replica a schedule named {@code job} checks, or null when it is not a replica's. */
  public static String replicaOf(String job) {
    return job.startsWith(REPLICA_PREFIX) ? job.substring(REPLICA_PREFIX.length()) : null;
  }

  /** The agent's own schedule: the report at {@code reportCron}, when there is one. */
  public static JobSchedule agent(String reportCron, ZoneId zone) {
    JobSchedule s = new JobSchedule(AGENT, zone);
    if (reportCron != null) {
      s.put(Task.REPORT, reportCron);
    }
    return s;
  }

  private void put(Task task, String expression) {
    try {
      CronExpression cron = new CronExpression(expression);
      cron.setTimeZone(TimeZone.getTimeZone(zone));
      expressions.put(task, expression);
      crons.put(task, cron);
    } catch (ParseException e) {
      // The configuration loader validated it; reaching here is a bug.
      throw new IllegalArgumentException(
          "job " + job + ": invalid " + task.key() + " expression " + expression, e);
    }
  }

  public String job() {
    return job;
  }

  public ZoneId zone() {
    return zone;
  }

  /**
   * The tasks this schedule has: for a job always FULL and INCREMENTAL, VERIFY when set; for the
   * {@link #AGENT} REPORT when set.
   */
  public List<Task> tasks() {
    return List.copyOf(crons.keySet());
  }

  public String expression(Task task) {
    return expressions.get(task);
  }

  /** The times {@code task} fires after {@code from} (excluded) up to {@code to} (included). */
  public List<Instant> times(Task task, Instant from, Instant to) {
    List<Instant> times = new ArrayList<>();
    CronExpression cron = crons.get(task);
    if (cron == null) {
      return times;
    }
    Date next = cron.getNextValidTimeAfter(Date.from(from));
    while (next != null && !next.toInstant().isAfter(to)) {
      times.add(next.toInstant());
      next = cron.getNextValidTimeAfter(next);
    }
    return times;
  }

  /** When {@code task} next fires after {@code after}, if ever. */
  public Optional<Instant> next(Task task, Instant after) {
    CronExpression cron = crons.get(task);
    if (cron == null) {
      return Optional.empty();
    }
    Date next = cron.getNextValidTimeAfter(Date.from(after));
    return Optional.ofNullable(next).map(Date::toInstant);
  }

  /**
   * The next backup after {@code after}: its time, and FULL when the full schedule fires then (a
   * full and an incremental at the same time make one full).
   */
  public Optional<Fire> nextBackup(Instant after) {
    return earliest(next(Task.FULL, after), next(Task.INCREMENTAL, after));
  }

  /**
   * The earlier of a full's and an incremental's next fire, the full when they are at the same
   * time; empty when neither fires again.
   */
  public static Optional<Fire> earliest(Optional<Instant> full, Optional<Instant> incremental) {
    if (full.isPresent() && (incremental.isEmpty() || !full.get().isAfter(incremental.get()))) {
      return Optional.of(new Fire(full.get(), Task.FULL));
    }
    return incremental.map(t -> new Fire(t, Task.INCREMENTAL));
  }

  /**
   * The longest time between two backups (full or incremental) that start in {@code [from, from +
   * horizon]}: the worst data loss the schedule allows, leaving aside how long a run takes.
   *
   * @return the gap and where it starts, or empty when fewer than two backups fall in the window
   */
  public Optional<Gap> longestGap(Instant from, java.time.Duration horizon) {
    java.util.TreeSet<Instant> times = new java.util.TreeSet<>();
    Instant to = from.plus(horizon);
    times.addAll(times(Task.FULL, from, to));
    times.addAll(times(Task.INCREMENTAL, from, to));
    Gap longest = null;
    Instant previous = null;
    for (Instant t : times) {
      if (previous != null) {
        java.time.Duration d = java.time.Duration.between(previous, t);
        if (longest == null || d.compareTo(longest.length()) > 0) {
          longest = new Gap(previous, t, d);
        }
      }
      previous = t;
    }
    return Optional.ofNullable(longest);
  }

  /** Two consecutive backups and the time between them. */
  public record Gap(Instant from, Instant to, java.time.Duration length) {}

  /** A time a task is due. */
  public record Fire(Instant at, Task task) {}
}
