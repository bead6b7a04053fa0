package it.continuo.tree;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Map;

/**
 * {@code lstat}: one system call per entry, the hottest thing a backup does.
 *
 * <p>The JDK offers the fields a backup needs (inode, device, link count, ctime) only through its
 * "unix:…" attribute map, which parses the attribute list and builds a map on every call. Where the
 * JDK's own attributes object is accessible (the jar opens {@code java.base/sun.nio.fs} to
 * Continuo), its accessors are called directly; otherwise the map is used. Both give the same
 * values; the first costs a fraction of the CPU and of the compiler's start-up work.
 */
public final class FileStat {
  private static final String ATTRIBUTES =
      "unix:mode,ino,dev,nlink,uid,gid,size,lastModifiedTime,ctime";
  private static final Direct DIRECT = Direct.open();

  private FileStat() {}

  /** Stats {@code file} without following a symlink; {@code path} is its name in the archive. */
  public static FileInfo lstat(Path file, String path) throws IOException {
    return DIRECT != null ? DIRECT.lstat(file, path) : viaMap(file, path);
  }

  /** Whether the fast path is in use (for tests and diagnostics). */
  static boolean direct() {
    return DIRECT != null;
  }

  static FileInfo viaMap(Path file, String path) throws IOException {
    Map<String, Object> a = Files.readAttributes(file, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    return info(
        file,
        path,
        (Integer) a.get("mode"),
        (Long) a.get("size"),
        (FileTime) a.get("lastModifiedTime"),
        (FileTime) a.get("ctime"),
        (Long) a.get("ino"),
        (Long) a.get("dev"),
        (Integer) a.get("nlink"),
        (Integer) a.get("uid"),
        (Integer) a.get("gid"));
  }

  private static FileInfo info(
      Path file,
      String path,
      int mode,
      long size,
      FileTime mtime,
      FileTime ctime,
      long ino,
      long dev,
      int nlink,
      int uid,
      int gid)
      throws IOException {
    FileKind kind = FileKind.ofMode(mode);
    String linkTarget = kind == FileKind.SYMLINK ? Files.readSymbolicLink(file).toString() : null;
    String note = kind == FileKind.OTHER ? FileKind.describe(mode) : null;
    return new FileInfo(
        file,
        path,
        kind,
        kind == FileKind.FILE ? size : 0,
        mtime.toInstant(),
        ctime.toInstant(),
        ino,
        dev,
        nlink,
        mode & 07777,
        uid,
        gid,
        linkTarget,
        note);
  }

  /** The accessors of {@code sun.nio.fs.UnixFileAttributes}, when the module opens them to us. */
  private record Direct(
      MethodHandle mode,
      MethodHandle ino,
      MethodHandle dev,
      MethodHandle nlink,
      MethodHandle uid,
      MethodHandle gid,
      MethodHandle ctime) {

    static Direct open() {
      try {
        Class<?> c = Class.forName("sun.nio.fs.UnixFileAttributes");
        MethodHandles.Lookup l = MethodHandles.privateLookupIn(c, MethodHandles.lookup());
        return new Direct(
            getter(l, c, "mode", int.class),
            getter(l, c, "ino", long.class),
            getter(l, c, "dev", long.class),
            getter(l, c, "nlink", int.class),
            getter(l, c, "uid", int.class),
            getter(l, c, "gid", int.class),
            getter(l, c, "ctime", FileTime.class));
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null; // not opened (or another JDK): the attribute map serves
      }
    }

    private static MethodHandle getter(
        MethodHandles.Lookup l, Class<?> c, String name, Class<?> type)
        throws ReflectiveOperationException {
      return l.findVirtual(c, name, MethodType.methodType(type))
          .asType(MethodType.methodType(type, Object.class));
    }

    FileInfo lstat(Path file, String path) throws IOException {
      PosixFileAttributes a =
          Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      try {
        return info(
            file,
            path,
            (int) mode.invokeExact((Object) a),
            a.size(),
            a.lastModifiedTime(),
            (FileTime) ctime.invokeExact((Object) a),
            (long) ino.invokeExact((Object) a),
            (long) dev.invokeExact((Object) a),
            (int) nlink.invokeExact((Object) a),
            (int) uid.invokeExact((Object) a),
            (int) gid.invokeExact((Object) a));
      } catch (IOException | RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    }
  }
}
