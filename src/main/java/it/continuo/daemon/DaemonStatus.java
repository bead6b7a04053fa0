package it.continuo.daemon;

import it.continuo.config.Config;
import it.continuo.config.JobConfig;
import it.continuo.schedule.JobSchedule;
import it.continuo.schedule.Task;
import it.continuo.status.AgentStatus;
import it.continuo.status.StatusBuilder;
import it.continuo.status.StatusSource;
import it.continuo.status.TargetChain;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running daemon's status: the history, the scheduler's own next fire times, and each job's
 * chains on its targets, listed at most every {@link #CHAINS_FOR} (a scrape every 15 seconds must
 * not list a cloud bucket every 15 seconds).
 */
final class DaemonStatus implements StatusSource {
  static final Duration CHAINS_FOR = Duration.ofMinutes(5);

  private final Daemon daemon;
  private final Clock clock;
  private final String version;
  private final Map<String, Listed> chains = new ConcurrentHashMap<>();

  private record Listed(Instant at, Config config, List<TargetChain> chains) {}

  DaemonStatus(Daemon daemon, Clock clock, String version) {
    this.daemon = daemon;
    this.clock = clock;
    this.version = version;
  }

  @Override
  public AgentStatus status() throws Exception {
    Config config = daemon.config();
    Instant now = clock.instant();
    return new StatusBuilder(config, daemon.history(), version)
        .build(now, daemon.since(), this::next, job -> chains(config, job, now))
        .withHealth(daemon.health());
  }

  private Optional<JobSchedule.Fire> next(JobConfig job) throws Exception {
    return JobSchedule.earliest(
        daemon.scheduler().nextFire(job.name(), Task.FULL),
        daemon.scheduler().nextFire(job.name(), Task.INCREMENTAL));
  }

  private List<TargetChain> chains(Config config, JobConfig job, Instant now) {
    Listed listed = chains.get(job.name());
    boolean fresh =
        listed != null
            && listed.config() == config
            && listed.at().plus(CHAINS_FOR).isAfter(now)
            && !daemon.endedSince(job.name(), listed.at());
    if (!fresh) {
      listed = new Listed(now, config, StatusBuilder.listing(config).of(job));
      chains.put(job.name(), listed);
    }
    return listed.chains();
  }
}
