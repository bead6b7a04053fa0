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
 */
public record AgentStatus(
    String agent, String version, Instant at, Instant daemonSince, List<JobStatus> jobs) {}
