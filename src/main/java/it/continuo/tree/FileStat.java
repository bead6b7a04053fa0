package it.continuo.tree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/** {@code lstat} through the JDK's "unix" attribute view. */
public final class FileStat {
  private static final String ATTRIBUTES =
      "unix:mode,ino,dev,nlink,uid,gid,size,lastModifiedTime,ctime";

  private FileStat() {}

  /** Stats {@code file} without following a symlink; {@code path} is its name in the archive. */
  public static FileInfo lstat(Path file, String path) throws IOException {
    Map<String, Object> a = Files.readAttributes(file, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) a.get("mode");
    FileKind kind = FileKind.ofMode(mode);
    String linkTarget = kind == FileKind.SYMLINK ? Files.readSymbolicLink(file).toString() : null;
    String note = kind == FileKind.OTHER ? FileKind.describe(mode) : null;
    return new FileInfo(
        file,
        path,
        kind,
        kind == FileKind.FILE ? (Long) a.get("size") : 0,
        ((FileTime) a.get("lastModifiedTime")).toInstant(),
        ((FileTime) a.get("ctime")).toInstant(),
        (Long) a.get("ino"),
        (Long) a.get("dev"),
        (Integer) a.get("nlink"),
        mode & 07777,
        (Integer) a.get("uid"),
        (Integer) a.get("gid"),
        linkTarget,
        note);
  }
}
