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
 */
public record AgentStatus(
    String agent,
    String version,
    Instant at,
    Instant daemonSince,
    List<JobStatus> jobs,
    it.continuo.health.HealthSnapshot health) {

  /** The same status with the daemon's health. */
  public AgentStatus withHealth(it.continuo.health.HealthSnapshot snapshot) {
    return new AgentStatus(agent, version, at, daemonSince, jobs, snapshot);
  }
}
