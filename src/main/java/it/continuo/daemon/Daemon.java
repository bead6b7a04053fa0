package it.continuo.daemon;

import it.continuo.backup.BackupResult;
import it.continuo.catalog.Level;
import it.continuo.config.Config;
import it.continuo.config.ConfigException;
import it.continuo.config.ConfigLoader;
import it.continuo.config.JobConfig;
import it.continuo.history.History;
import it.continuo.lock.JobLock;
import it.continuo.progress.Listener;
import it.continuo.progress.Progress;
import it.continuo.replica.ReplicaChecker;
import it.continuo.schedule.JobSchedule;
import it.continuo.schedule.JobScheduler;
import it.continuo.status.RunSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running agent. {@link #start} takes the agent's lock, records what a crash interrupted,
 * schedules every job and starts firing; {@link #serve} then handles stop and reload requests, one
 * at a time, until asked to stop. Signals and commands only put requests in its queue.
 */
public final class Daemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);

  /** The name of the agent's own lock among the job locks (no job name starts with a dot). */
  public static final String LOCK = ".daemon";

  /**
   * The most fires handled at once, waiting ones included (a fire waits at the gate while another
   * run holds its target). Threads exist only while fires need them.
   */
  private static final int FIRE_THREADS = 64;

  /** How long cancelled runs get to clean up after the grace period. */
  private static final Duration CANCEL_WAIT = Duration.ofSeconds(60);

  private enum Request {
    STOP,
    RELOAD
  }

  private final Path configFile;
  private final ConfigLoader loader;
  private final Clock clock;
  private final JobLock lock;
  private final History history;
  private final Dispatcher dispatcher;
  private final JobScheduler scheduler;
  private final Instant since;
  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();

  /** The configuration in force, shared with the dispatcher; replaced on reload. */
  private final AtomicReference<Config> config;

  private volatile boolean serving = true;
  private final List<Extension> extensions;
  private final HealthWatch health;

  /** Something that lives as long as the daemon and follows its configuration (the endpoint). */
  public interface Extension extends AutoCloseable {
    /** Takes a new configuration; an exception refuses it (the old one stays in force). */
    void reconfigure(Config config) throws Exception;

    @Override
    void close();
  }

  /** Makes the extensions once the daemon is up. */
  @FunctionalInterface
  public interface Extensions {
    List<Extension> start(Daemon daemon, Config config) throws Exception;
  }

  private Daemon(
      Path configFile,
      ConfigLoader loader,
      Clock clock,
      AtomicReference<Config> config,
      JobLock lock,
      History history,
      Dispatcher dispatcher,
      JobScheduler scheduler,
      Instant since,
      String software,
      Extensions extensions)
      throws Exception {
    this.configFile = configFile;
    this.loader = loader;
    this.clock = clock;
    this.config = config;
    this.lock = lock;
    this.history = history;
    this.dispatcher = dispatcher;
    this.scheduler = scheduler;
    this.since = since;
    List<Extension> all = new java.util.ArrayList<>(extensions.start(this, config.get()));
    this.health = new HealthWatch(config.get(), history, clock, dispatcher);
    all.add(health);
    dispatcher.replicaChecks(
        new ReplicaWatch(
            config::get, history, new ReplicaChecker(clock)::check, clock, health::alert));
    // idle (no thread) until a runbook has detection:
    all.add(
        new PrimaryWatch(
            config.get(), history, clock, health::alert, c -> failover(c, history, clock)));
    all.add(new Endpoint(this, new DaemonStatus(this, clock, software), config.get()));
    this.extensions = List.copyOf(all);
  }

  /**
   * The failover engine for the watch's automatic execution, as the CLI's: the replica engine's
   * check, the alert channels, the history; its runs' reports written and mailed.
   */
  private static it.continuo.failover.Failover failover(
      Config config, History history, Clock clock) {
    java.util.Map<String, it.continuo.alert.Channel> channels;
    try {
      channels =
          it.continuo.alert.channel.Channels.create(config.alerts(), config.reports().email());
    } catch (ConfigException e) {
      log.warn("the failover's notify steps have no channels: {}", e.getMessage());
      channels = java.util.Map.of();
    }
    return it.continuo.failover.Failover.builder(config)
        .replicaGate(new it.continuo.replica.ReplicaChecker(clock)::check)
        .clock(clock)
        .history(history)
        .channels(channels)
        .afterRun(it.continuo.report.drill.DrillReports.of(config, history))
        .build();
  }

  /**
   * Starts the daemon with {@code config}, read from {@code configFile}.
   *
   * @throws it.continuo.lock.LockHeldException when another daemon of this agent runs
   */
  public static Daemon start(
      Path configFile,
      ConfigLoader loader,
      Config config,
      Clock clock,
      String software,
      Extensions extensions)
      throws Exception {
    Path dataDir = config.agent().dataDir();
    JobLock lock = JobLock.acquire(dataDir, LOCK, "daemon");
    History history = null;
    JobScheduler scheduler = null;
    try {
      history = History.open(dataDir);
      Instant now = clock.instant();
      lock.interruptedHolder()
          .ifPresent(h -> log.warn("the previous daemon did not stop cleanly ({})", h));
      for (RunSummary r :
          history.interruptRunning(
              now, "the agent stopped while it ran (killed, crashed or lost power)")) {
        log.warn(
            "run of {} started {} was interrupted; what it left is removed at the next run",
            r.level(),
            r.start());
      }
      AtomicReference<Config> current = new AtomicReference<>(config);
      Dispatcher dispatcher =
          new Dispatcher(
              current::get,
              history,
              clock,
              software,
              new RunGate(config.agent().maxConcurrentJobs()));
      scheduler = JobScheduler.open(dataDir, FIRE_THREADS, dispatcher);
      for (String change : scheduler.apply(schedules(config))) {
        log.info(change);
      }
      Daemon daemon =
          new Daemon(
              configFile,
              loader,
              clock,
              current,
              lock,
              history,
              dispatcher,
              scheduler,
              now,
              software,
              extensions);
      for (String w : it.continuo.schedule.RpoCheck.warnings(config, now)) {
        log.warn("{}", w);
      }
      history.event(now, "daemon", null, "info", "started with " + config.jobs().size() + " jobs");
      scheduler.start();
      log.info(
          "continuo {} started: {} jobs, configuration {}",
          software,
          config.jobs().size(),
          configFile);
      return daemon;
    } catch (Exception e) {
      if (scheduler != null) {
        scheduler.shutdown(false);
      }
      if (history != null) {
        history.close();
      }
      lock.close();
      throw e;
    }
  }

  /**
   * Every job's schedule, the agent's own (the morning report) when it has one, and each replica's
   * check.
   */
  static List<JobSchedule> schedules(Config config) {
    ZoneId zone = config.agent().timezone();
    List<JobSchedule> schedules = new ArrayList<>();
    config.jobs().values().forEach(j -> schedules.add(new JobSchedule(j, zone)));
    if (config.reports().schedule() != null) {
      schedules.add(JobSchedule.agent(config.reports().schedule(), zone));
    }
    config.replicas().values().forEach(r -> schedules.add(JobSchedule.replica(r, zone)));
    return List.copyOf(schedules);
  }

  /**
   * Runs a backup of {@code job} now, asked for on the command line: see {@link
   * Dispatcher#backupNow}.
   *
   * @param config the configuration the command line asked with, read again from {@link
   *     #configFile()}
   * @throws it.continuo.lock.LockHeldException when the job is already running
   */
  public BackupResult backupNow(
      Config config, JobConfig job, Level level, Listener listener, Progress progress)
      throws IOException {
    return dispatcher.backupNow(config, job, level, listener, progress);
  }

  /** The configuration file the daemon was started with. */
  public Path configFile() {
    return configFile;
  }

  /** Reads {@link #configFile()} again, as it is now, without putting it in force. */
  public Config readConfig() throws ConfigException {
    return loader.load(configFile);
  }

  /** The latest round of health checks, or null before the first. */
  it.continuo.health.HealthSnapshot health() {
    return health.latest();
  }

  /** The morning report, for the endpoint. */
  MorningReport morning() {
    return dispatcher.morning();
  }

  /** Asks the daemon to stop; safe from a signal handler. */
  public void requestStop() {
    requests.add(Request.STOP);
  }

  /** Asks the daemon to re-read its configuration; safe from a signal handler. */
  public void requestReload() {
    requests.add(Request.RELOAD);
  }

  /** Handles requests until a stop, then stops. */
  public void serve() throws InterruptedException {
    while (serving) {
      Request r = requests.take();
      switch (r) {
        case RELOAD -> reload();
        case STOP -> stop();
      }
    }
  }

  /**
   * Re-reads the configuration. One that does not load, or whose schedules or endpoint cannot be
   * applied, is refused and the one in force stays.
   *
   * @return true when the new configuration is in force
   */
  boolean reload() {
    Config next;
    try {
      next = loader.load(configFile);
      if (!next.agent().dataDir().equals(config().agent().dataDir())) {
        throw new ConfigException(
            "agent.dataDir cannot change while the daemon runs (restart it): "
                + config().agent().dataDir()
                + " -> "
                + next.agent().dataDir());
      }
      for (Extension e : extensions) {
        e.reconfigure(next);
      }
      for (String change : scheduler.apply(schedules(next))) {
        log.info("reload: {}", change);
      }
    } catch (Exception e) {
      String why = e instanceof ConfigException ? e.getMessage() : e.toString();
      log.error("reload refused, the running configuration is kept: {}", why);
      event("error", "reload refused: " + why);
      return false;
    }
    if (next.agent().maxConcurrentJobs() != config().agent().maxConcurrentJobs()) {
      log.warn(
          "agent.maxConcurrentJobs {} takes effect when the daemon restarts; {} until then",
          next.agent().maxConcurrentJobs(),
          config().agent().maxConcurrentJobs());
    }
    config.set(next);
    for (String w : next.warnings()) {
      log.warn("configuration: {}", w);
    }
    for (String w : it.continuo.schedule.RpoCheck.warnings(next, clock.instant())) {
      log.warn("{}", w);
    }
    log.info("configuration reloaded: {} jobs", next.jobs().size());
    event("info", "configuration reloaded: " + next.jobs().size() + " jobs");
    return true;
  }

  /**
   * Stops: no new runs; runs in progress get {@code agent.shutdownGrace} to finish, then are
   * cancelled and get a minute more to clean up.
   */
  void stop() {
    serving = false;
    Duration grace = config().agent().shutdownGrace();
    log.info(
        "stopping: no new runs; runs in progress have {} to finish",
        grace.toString().substring(2).toLowerCase(java.util.Locale.ROOT));
    dispatcher.stopAccepting();
    try {
      scheduler.standby();
    } catch (Exception e) {
      log.warn("cannot pause the scheduler: {}", e.toString());
    }
    if (!waitForRuns(grace)) {
      String why = "the agent was stopping and the grace period of " + grace + " ran out";
      log.warn("cancelling {}: {}", dispatcher.running(), why);
      dispatcher.cancelAll(why);
      waitForRuns(CANCEL_WAIT);
    }
    event("info", "stopped");
    log.info("stopped");
  }

  private boolean waitForRuns(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!dispatcher.running().isEmpty()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private void event(String severity, String message) {
    try {
      history.event(clock.instant(), "daemon", null, severity, message);
    } catch (Exception e) {
      log.warn("cannot record in the history: {}", e.toString());
    }
  }

  /** True when a run or verification of {@code job} ended after {@code t}. */
  boolean endedSince(String job, Instant t) {
    return dispatcher.endedAfter(job, t);
  }

  public Config config() {
    return config.get();
  }

  public History history() {
    return history;
  }

  public JobScheduler scheduler() {
    return scheduler;
  }

  public Instant since() {
    return since;
  }

  /** True until the daemon starts stopping (for {@code /health}). */
  public boolean serving() {
    return serving;
  }

  @Override
  public void close() throws Exception {
    for (Extension e : extensions) {
      e.close();
    }
    scheduler.shutdown(false);
    history.close();
    lock.close();
  }
}
