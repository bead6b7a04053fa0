package it.continuo.manifest;

import java.time.Instant;

/**
 * One entry of the tree as of a run.
 *
 * @param path relative path with '/' separators, no leading '/', never "." or ".."
 * @param type what it is
 * @param size content length in bytes (files and hard links; 0 otherwise)
 * @param mtime modification time, nanosecond precision
 * @param ctime status change time when backed up (change detection only)
 * @param inode inode number when backed up (change detection only)
 * @param mode permission bits including setuid, setgid and sticky (07777)
 * @param uid numeric owner
 * @param gid numeric group
 * @param user owner name, or null when unknown
 * @param group group name, or null when unknown
 * @param target symlink target, or for a hard link the path of the entry it shares content with
 * @param sha256 hex SHA-256 of the content (files and hard links), null when it could not be read
 * @param run run id whose archive holds the content (files and hard links), null when not stored
 * @param changedWhileRead true when the file changed while it was being read
 * @param error why the entry could not be backed up, or null
 */
public record ManifestEntry(
    String path,
    EntryType type,
    long size,
    Instant mtime,
    Instant ctime,
    long inode,
    int mode,
    long uid,
    long gid,
    String user,
    String group,
    String target,
    String sha256,
    String run,
    boolean changedWhileRead,
    String error) {

  public boolean hasContent() {
    return (type == EntryType.FILE || type == EntryType.HARDLINK) && run != null;
  }

  public ManifestEntry withContent(String sha256, String run, long size, boolean changed) {
    return new ManifestEntry(
        path, type, size, mtime, ctime, inode, mode, uid, gid, user, group, target, sha256, run,
        changed, error);
  }

  public ManifestEntry withError(String error) {
    return new ManifestEntry(
        path,
        type,
        size,
        mtime,
        ctime,
        inode,
        mode,
        uid,
        gid,
        user,
        group,
        target,
        null,
        null,
        changedWhileRead,
        error);
  }
}
