package it.continuo.retention;

import java.nio.file.Path;

/**
 * How to prune a job.
 *
 * @param dryRun plan and report only, delete nothing
 * @param target the one target to prune, or null for every target of the job
 * @param keyFile the OpenPGP private key that reads encrypted targets, or null for each target's
 *     own {@code decryptKey} (without either, sealed runs are planned from the agent's copies of
 *     their manifests, or kept)
 * @param passphrase the key's passphrase, or null for the target's {@code decryptPassphrase}
 */
public record PruneOptions(boolean dryRun, String target, Path keyFile, String passphrase) {

  /** Every target, deleting, with the keys the configuration names: what the daemon runs. */
  public static PruneOptions everyTarget() {
    return new PruneOptions(false, null, null, null);
  }

  /** The same, planning only. */
  public PruneOptions asDryRun() {
    return new PruneOptions(true, target, keyFile, passphrase);
  }
}
