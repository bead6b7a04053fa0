package it.continuo.manifest;

import java.time.Instant;
import java.util.List;

/**
 * The last line of a manifest: what the run did and what its restore point needs. It repeats the
 * header's identity fields so that a listing can read the footer alone.
 *
 * @param run the run id
 * @param level "full" or "incremental"
 * @param parent the run this one was compared against, or null
 * @param start when the run started
 * @param end when the run ended
 * @param entries entries in the tree (lines between header and footer)
 * @param files regular files and hard links in the tree
 * @param treeBytes total content bytes of the tree
 * @param newFiles files not in the parent
 * @param changedFiles files whose content was read again
 * @param unchangedFiles files taken from the parent without reading
 * @param deleted files (and hard links) of the parent that are gone
 * @param bytesRead content bytes read from the source
 * @param changedWhileRead files that changed while being read
 * @param unreadable entries that could not be read
 * @param skipped sockets, FIFOs and devices left out
 * @param archive the archive's name on the target
 * @param archiveSize the archive's size in bytes, as stored
 * @param archiveSha256 the archive's SHA-256, as stored
 * @param needs the runs whose archives this point's contents are in, oldest first
 */
public record ManifestFooter(
    String run,
    String level,
    String parent,
    Instant start,
    Instant end,
    long entries,
    long files,
    long treeBytes,
    long newFiles,
    long changedFiles,
    long unchangedFiles,
    long deleted,
    long bytesRead,
    long changedWhileRead,
    long unreadable,
    long skipped,
    String archive,
    long archiveSize,
    String archiveSha256,
    List<String> needs) {

  public boolean partial() {
    return unreadable > 0;
  }
}
