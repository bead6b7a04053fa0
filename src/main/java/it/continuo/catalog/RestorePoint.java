package it.continuo.catalog;

import it.continuo.manifest.ManifestFooter;

/**
 * A committed run as listed from a target.
 *
 * @param id the run id
 * @param manifestKey the manifest's key on the target
 * @param manifestSize the manifest's size
 * @param footer what the manifest's footer says, null when it cannot be read
 * @param damage why the run cannot be used, null when its footer reads
 * @param verification the last verification, or null
 * @param sealed the manifest is encrypted and no private key was given: the run is there, but what
 *     it holds is unknown (damage says so)
 */
public record RestorePoint(
    RunId id,
    String manifestKey,
    long manifestSize,
    ManifestFooter footer,
    String damage,
    Verification verification,
    boolean sealed) {

  public boolean usable() {
    return damage == null;
  }

  public String run() {
    return id.toString();
  }

  public Level level() {
    return id.level();
  }
}
