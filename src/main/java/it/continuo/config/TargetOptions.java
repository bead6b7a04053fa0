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
 * @param decryptKey the OpenPGP private key file that restore, verify and list use to read an
 *     encrypted target, or null; backups never read it (it may live on a removable disk)
 * @param decryptPassphrase the private key's passphrase, by reference, or null
 */
public record TargetOptions(
    Path encryptTo,
    long bandwidth,
    int retries,
    Duration retryDelay,
    Path decryptKey,
    Secret decryptPassphrase) {
  public static final TargetOptions DEFAULT = new TargetOptions(null, 0, 5, Duration.ofSeconds(2));

  public TargetOptions(Path encryptTo, long bandwidth, int retries, Duration retryDelay) {
    this(encryptTo, bandwidth, retries, retryDelay, null, null);
  }
}
