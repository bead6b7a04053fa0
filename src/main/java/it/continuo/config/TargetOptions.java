package it.continuo.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What every target may add to its own settings: the wrappers around it.
 *
 * @param encryptTo an OpenPGP public key file; archives and manifests stored there are encrypted to
 *     it, or null
 * @param bandwidth the most bits per second to send or receive, 0 for no limit
 * @param retries how many times a transient error is retried before the operation fails
 * @param retryDelay the first wait between tries; it doubles each time
 */
public record TargetOptions(Path encryptTo, long bandwidth, int retries, Duration retryDelay) {
  public static final TargetOptions DEFAULT = new TargetOptions(null, 0, 5, Duration.ofSeconds(2));
}
