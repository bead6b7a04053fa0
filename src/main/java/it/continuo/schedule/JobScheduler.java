package it.continuo.schedule;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's Quartz scheduler: one Quartz job per configured job and task, each with one cron
 * trigger, in a JDBC job store on H2 under {@code dataDir/schedule}. Triggers that were missed
 * while the daemon was down fire once when it comes back ("fire and proceed"); a fire that a crash
 * interrupted is fired again ("requests recovery"). Triggers are kept across restarts and replaced
 * only when their expression or time zone changed.
 */
public final class JobScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);
  private static final String GROUP = "continuo";

  private final Scheduler scheduler;

  private JobScheduler(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /**
   * Opens the job store under {@code dataDir} and makes the scheduler, in standby: nothing fires
   * before {@link #start}.
   *
   * @param threads how many fires can be handled at once (waiting fires hold a thread)
   */
  public static JobScheduler open(Path dataDir, int threads, FireHandler handler)
      throws SchedulerException {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", "continuo");
    p.setProperty("org.quartz.scheduler.instanceId", "continuo");
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    p.setProperty("org.quartz.threadPool.class", OnDemandThreads.class.getName());
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty(
        "org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", "schedule");
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    p.setProperty("org.quartz.jobStore.useProperties", "true");
    p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(Due.ON_TIME.toMillis()));
    p.setProperty(
        "org.quartz.dataSource.schedule.connectionProvider.class", H2Connections.class.getName());
    p.setProperty(
        "org.quartz.dataSource.schedule.url",
        "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("schedule"));
    Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
    scheduler.setJobFactory(new Factory(handler));
    return new JobScheduler(scheduler);
  }

  /** Starts firing, missed fires first. */
  public void start() throws SchedulerException {
    scheduler.start();
  }

  /** Stops firing new runs; runs in progress go on. */
  public void standby() throws SchedulerException {
    scheduler.standby();
  }

  /**
   * Makes the store's triggers those of {@code schedules}: new ones are added, changed ones
   * replaced (their missed fires are forgotten: the schedule they promised is gone), and those of
   * jobs or tasks no longer configured removed. Unchanged triggers are left alone, so what they
   * missed while the daemon was down is still caught up.
   *
   * @return one line per change, for the log
   */
  public List<String> apply(List<JobSchedule> schedules) throws SchedulerException {
    List<String> changes = new ArrayList<>();
    Set<JobKey> wanted = new HashSet<>();
    for (JobSchedule s : schedules) {
      for (Task task : s.tasks()) {
        JobKey key = jobKey(s.job(), task);
        wanted.add(key);
        TriggerKey triggerKey = TriggerKey.triggerKey(key.getName(), GROUP);
        Trigger existing = scheduler.getTrigger(triggerKey);
        String expression = s.expression(task);
        TimeZone zone = TimeZone.getTimeZone(s.zone());
        if (existing instanceof CronTrigger cron
            && cron.getCronExpression().equals(expression)
            && cron.getTimeZone().getID().equals(zone.getID())) {
          continue;
        }
        JobDetail detail =
            JobBuilder.newJob(Fire.class)
                .withIdentity(key)
                .requestRecovery(task == Task.FULL || task == Task.INCREMENTAL)
                .storeDurably()
                .build();
        Trigger trigger =
            TriggerBuilder.newTrigger()
                .withIdentity(triggerKey)
                .forJob(key)
                .withSchedule(
                    CronScheduleBuilder.cronSchedule(expression)
                        .inTimeZone(zone)
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        scheduler.scheduleJob(detail, Set.of(trigger), true);
        changes.add(
            (existing == null ? "scheduled " : "rescheduled ")
                + key.getName()
                + " \""
                + expression
                + "\" ("
                + zone.getID()
                + ")");
      }
    }
    for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
      if (!wanted.contains(key)) {
        scheduler.deleteJob(key);
        changes.add("unscheduled " + key.getName());
      }
    }
    return changes;
  }

  /** When each trigger fires next, by "job.task". */
  public Map<String, Instant> nextFires() throws SchedulerException {
    Map<String, Instant> next = new HashMap<>();
    for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP))) {
      Trigger t = scheduler.getTrigger(key);
      if (t != null && t.getNextFireTime() != null) {
        next.put(key.getName(), t.getNextFireTime().toInstant());
      }
    }
    return next;
  }

  /** When the trigger of {@code job}'s {@code task} fires next, if it is scheduled. */
  public Optional<Instant> nextFire(String job, Task task) throws SchedulerException {
    Trigger t = scheduler.getTrigger(TriggerKey.triggerKey(job + "." + task.key(), GROUP));
    return t == null || t.getNextFireTime() == null
        ? Optional.empty()
        : Optional.of(t.getNextFireTime().toInstant());
  }

  private static JobKey jobKey(String job, Task task) {
    return JobKey.jobKey(job + "." + task.key(), GROUP);
  }

  /**
   * Shuts the scheduler down.
   *
   * @param waitForRuns wait for fires in progress to return
   */
  public void shutdown(boolean waitForRuns) throws SchedulerException {
    if (!scheduler.isShutdown()) {
      scheduler.shutdown(waitForRuns);
    }
  }

  @Override
  public void close() throws SchedulerException {
    shutdown(false);
  }

  /** A fire: hands job, task and times to the handler. */
  static final class Fire implements Job {
    private final FireHandler handler;

    Fire(FireHandler handler) {
      this.handler = handler;
    }

    @Override
    public void execute(JobExecutionContext context) {
      String name = context.getJobDetail().getKey().getName();
      int dot = name.lastIndexOf('.');
      String job = name.substring(0, dot);
      Task task = Task.valueOf(name.substring(dot + 1).toUpperCase(java.util.Locale.ROOT));
      Instant fired = context.getFireTime().toInstant();
      Instant since = context.getTrigger().getStartTime().toInstant();
      if (context.isRecovering()) {
        // The recovery trigger is new; the fire time the crash interrupted is kept in its data.
        Object original =
            context
                .getMergedJobDataMap()
                .get(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS);
        if (original != null) {
          since = Instant.ofEpochMilli(Long.parseLong(original.toString())).minusMillis(1);
        }
      }
      try {
        handler.fire(job, task, fired, since, context.isRecovering());
      } catch (RuntimeException e) {
        log.error("{} of {} failed unexpectedly", task.key(), job, e);
      }
    }
  }

  /** Makes each fire with the handler (Quartz's default factory needs a no-argument job). */
  private record Factory(FireHandler handler) implements JobFactory {
    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) {
      return new Fire(handler);
    }
  }
}
