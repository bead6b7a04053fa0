package it.continuo.tree;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One entry of the source tree as {@code lstat} saw it.
 *
 * @param file the absolute path on this machine
 * @param path the relative name in archives and manifests (the absolute path without its leading
 *     '/')
 * @param kind what it is
 * @param size bytes (regular files)
 * @param mtime modification time
 * @param ctime status change time
 * @param inode inode number
 * @param device device number
 * @param links hard link count
 * @param mode permission bits (07777)
 * @param uid numeric owner
 * @param gid numeric group
 * @param linkTarget the target of a symlink, else null
 * @param note what is wrong with it or what it is (a directory that could not be listed, a special
 *     file), else null
 */
public record FileInfo(
    Path file,
    String path,
    FileKind kind,
    long size,
    Instant mtime,
    Instant ctime,
    long inode,
    long device,
    int links,
    int mode,
    int uid,
    int gid,
    String linkTarget,
    String note) {

  static FileInfo unreadable(Path file, String path, String reason) {
    return new FileInfo(
        file, path, FileKind.UNREADABLE, 0, null, null, 0, 0, 0, 0, 0, 0, null, reason);
  }

  FileInfo withNote(String note) {
    return new FileInfo(
        file,
        path,
        kind,
        size,
        mtime,
        ctime,
        inode,
        device,
        links,
        mode,
        uid,
        gid,
        linkTarget,
        note);
  }
}
