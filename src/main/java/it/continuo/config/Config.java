package it.continuo.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A loaded, validated configuration.
 *
 * @param file the file it was read from
 * @param agent the agent section
 * @param hosts the SSH hosts by name ({@code hosts:}), in file order
 * @param sources sources by name, in file order
 * @param targets targets by name, in file order
 * @param jobs jobs by name, in file order
 * @param replicas the replicas to check by name, in file order
 * @param services the plan's service catalogue, in file order
 * @param http the daemon's status endpoint, or null when it has none
 * @param logging the daemon's log file, or null when it logs to the console only
 * @param verification the nightly verification's settings, defaults when the file has none
 * @param reports the continuity manager's report, defaults when the file has none
 * @param health the server's health checks, defaults when the file has none
 * @param alerts the alert channels and escalation, {@link AlertsConfig#NONE} when the file has none
 * @param failover the failover runbooks, {@link FailoverConfig#NONE} when the file has none
 * @param warnings things that are allowed but probably not meant
 */
public record Config(
    Path file,
    AgentConfig agent,
    Map<String, HostConfig> hosts,
    Map<String, SourceConfig> sources,
    Map<String, TargetConfig> targets,
    Map<String, JobConfig> jobs,
    Map<String, ReplicaConfig> replicas,
    List<ServiceConfig> services,
    HttpConfig http,
    LoggingConfig logging,
    VerificationConfig verification,
    ReportsConfig reports,
    HealthConfig health,
    AlertsConfig alerts,
    FailoverConfig failover,
    List<String> warnings) {

  /** The job, or a configuration error that names the known ones. */
  public JobConfig job(String name) throws ConfigException {
    JobConfig job = jobs.get(name);
    if (job == null) {
      throw new ConfigException(
          "unknown job \""
              + name
              + "\""
              + (jobs.isEmpty()
                  ? "; the configuration has no jobs"
                  : "; jobs: " + String.join(", ", jobs.keySet())));
    }
    return job;
  }

  public SourceConfig sourceOf(JobConfig job) {
    return sources.get(job.source());
  }

  /** The job's targets, in the order the job lists them. */
  public List<TargetConfig> targetsOf(JobConfig job) {
    return job.targets().stream().map(targets::get).toList();
  }

  /**
   * One of the job's targets by name, or its first when {@code name} is null.
   *
   * @throws ConfigException when the job does not use a target of that name
   */
  public TargetConfig targetOf(JobConfig job, String name) throws ConfigException {
    if (name == null) {
      return targets.get(job.targets().get(0));
    }
    if (!job.targets().contains(name)) {
      throw new ConfigException(
          "job "
              + job.name()
              + " has no target \""
              + name
              + "\"; its targets: "
              + String.join(", ", job.targets()));
    }
    return targets.get(name);
  }
}
