package it.continuo.restore;

import java.time.Duration;
import java.util.List;

/**
 * What a restore did.
 *
 * @param run the restore point
 * @param files regular files written
 * @param dirs directories made
 * @param symlinks symlinks made
 * @param hardlinks hard links made
 * @param bytes content bytes written
 * @param archivesRead archives read, each once
 * @param duration wall time
 * @param damaged paths that could not be restored correctly, with why; empty when all is well
 * @param notInBackup paths the backup itself could not read, so there is nothing to restore
 * @param warnings other problems, such as an owner that could not be set
 */
public record RestoreResult(
    String run,
    long files,
    long dirs,
    long symlinks,
    long hardlinks,
    long bytes,
    int archivesRead,
    Duration duration,
    List<String> damaged,
    List<String> notInBackup,
    List<String> warnings) {

  public boolean ok() {
    return damaged.isEmpty();
  }
}
