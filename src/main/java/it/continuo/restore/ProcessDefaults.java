package it.continuo.restore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a file gets when this process creates it: its owner and what the umask leaves of the
 * requested mode. Probed once per restore with a scratch file, since Java has no umask call.
 */
final class ProcessDefaults {
  private static final Set<OpenOption> CREATE =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

  private final int uid;
  private final int gid;
  private final int umask;

  private ProcessDefaults(int uid, int gid, int umask) {
    this.uid = uid;
    this.gid = gid;
    this.umask = umask;
  }

  static ProcessDefaults probe(Path dir) throws IOException {
    Path probe = dir.resolve(".continuo-probe-" + ProcessHandle.current().pid());
    try (FileChannel c = FileChannel.open(probe, CREATE, permissions(0777))) {
      int mode = (Integer) Files.getAttribute(probe, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      int uid = (Integer) Files.getAttribute(probe, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      int gid = (Integer) Files.getAttribute(probe, "unix:gid", LinkOption.NOFOLLOW_LINKS);
      return new ProcessDefaults(uid, gid, ~mode & 0777);
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  int uid() {
    return uid;
  }

  int gid() {
    return gid;
  }

  /** The mode a file made by {@link #create} for {@code mode} ends up with. */
  int createdMode(int mode) {
    return (mode & 0777 | 0600) & ~umask;
  }

  /** Creates a new regular file, never following a link, asking for {@code mode}. */
  static FileChannel create(Path file, int mode) throws IOException {
    return FileChannel.open(file, CREATE, permissions(mode & 0777 | 0600));
  }

  private static FileAttribute<Set<PosixFilePermission>> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ … OTHERS_EXECUTE
    for (int i = 0; i < 9; i++) {
      if ((mode & (0400 >> i)) != 0) {
        set.add(all[i]);
      }
    }
    return PosixFilePermissions.asFileAttribute(set);
  }
}
