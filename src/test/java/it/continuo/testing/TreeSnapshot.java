package it.continuo.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything a restore must reproduce about a tree: per relative path its type, permission bits,
 * mtime to the nanosecond, owner, size, content hash, link target, and which paths are hard links
 * of one another. Two snapshots are equal when the trees are the same.
 */
public final class TreeSnapshot {
  /** The state of one entry; {@code linkGroup} is the first path sharing its inode, or null. */
  public record State(
      String type,
      int mode,
      String mtime,
      int uid,
      int gid,
      long size,
      String sha256,
      String target,
      String linkGroup) {}

  private final Map<String, State> entries;

  private TreeSnapshot(Map<String, State> entries) {
    this.entries = entries;
  }

  public Map<String, State> entries() {
    return entries;
  }

  /**
   * Snapshots {@code root}'s contents (not {@code root} itself).
   *
   * @param withDirMtimes whether directory mtimes count (they do for restores, not while editing)
   */
  public static TreeSnapshot of(Path root, boolean withDirMtimes) throws IOException {
    Map<String, State> entries = new TreeMap<>();
    Map<Long, String> inodes = new TreeMap<>();
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(p -> !p.equals(root)).sorted().forEach(paths::add);
    }
    for (Path p : paths) {
      Map<String, Object> a =
          Files.readAttributes(
              p, "unix:mode,uid,gid,size,lastModifiedTime,ino,nlink", LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) a.get("mode");
      int kind = mode & 0170000;
      String rel = root.relativize(p).toString();
      String type =
          kind == 0040000
              ? "dir"
              : kind == 0120000 ? "symlink" : kind == 0100000 ? "file" : "other";
      String mtime = ((FileTime) a.get("lastModifiedTime")).toInstant().toString();
      if (type.equals("dir") && !withDirMtimes) {
        mtime = null;
      }
      String group = null;
      if (type.equals("file") && (Integer) a.get("nlink") > 1) {
        group = inodes.computeIfAbsent((Long) a.get("ino"), k -> rel);
      }
      entries.put(
          rel,
          new State(
              type,
              mode & 07777,
              type.equals("symlink") ? null : mtime,
              (Integer) a.get("uid"),
              (Integer) a.get("gid"),
              type.equals("file") ? (Long) a.get("size") : 0,
              type.equals("file") ? sha256(p) : null,
              type.equals("symlink") ? Files.readSymbolicLink(p).toString() : null,
              group));
    }
    return new TreeSnapshot(entries);
  }

  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        d.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TreeSnapshot t && t.entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    entries.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
    return b.toString();
  }
}
