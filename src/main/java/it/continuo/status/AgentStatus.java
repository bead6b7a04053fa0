package it.continuo.status;

import java.time.Instant;
import java.util.List;

/**
 * The agent and every job, at {@code at}.
 *
 * @param agent the agent's name
 * @param version the software version
 * @param at when this was put together
 * @param daemonSince when the daemon started, or null when no daemon is running
 * @param jobs every configured job, in configuration order
 * @param health the daemon's latest round of health checks, or null when there is none
 * @param replicas the newest check of each configured replica that has one, in configuration order
 */
public record AgentStatus(
    String agent,
    String version,
    Instant at,
    Instant daemonSince,
    List<JobStatus> jobs,
    it.continuo.health.HealthSnapshot health,
    List<it.continuo.history.ReplicaCheck> replicas) {

  public AgentStatus {
    jobs = List.copyOf(jobs);
    replicas = List.copyOf(replicas);
  }

  /** The same status with the daemon's health. */
  public AgentStatus withHealth(it.continuo.health.HealthSnapshot snapshot) {
    return new AgentStatus(agent, version, at, daemonSince, jobs, snapshot, replicas);
  }
}
