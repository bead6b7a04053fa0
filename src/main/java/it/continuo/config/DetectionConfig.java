package it.continuo.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How the agent on the secondary watches the primary ({@code detection:} of a runbook or of {@code
 * failover}).
 *
 * @param tcp ports that must accept a connection, as {@code host:port} (a name of {@code hosts:} is
 *     replaced by its address)
 * @param http URLs that must answer 2xx, normally the primary agent's {@code /health}
 * @param interval time between two rounds
 * @param misses consecutive failed rounds that mean the primary is lost
 * @param auto whether the runbook then runs by itself (off by default: split brain); requires a
 *     {@code fence} step
 * @param token the bearer token the primary agent's {@code /health} asks for (its {@code
 *     http.token}), by reference; null sends none
 */
public record DetectionConfig(
    List<String> tcp, List<URI> http, Duration interval, int misses, boolean auto, Secret token) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  public static final int DEFAULT_MISSES = 3;
}
