package it.continuo.tree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.HashMap;
import java.util.Map;

/** User and group names of numeric ids, looked up once per id. Not thread-safe. */
public final class Owners {
  private final Map<Integer, String> users = new HashMap<>();
  private final Map<Integer, String> groups = new HashMap<>();

  public String user(FileInfo f) {
    if (!users.containsKey(f.uid())) {
      lookup(f);
    }
    return users.get(f.uid());
  }

  public String group(FileInfo f) {
    if (!groups.containsKey(f.gid())) {
      lookup(f);
    }
    return groups.get(f.gid());
  }

  private void lookup(FileInfo f) {
    String user = null;
    String group = null;
    try {
      PosixFileAttributes a =
          Files.readAttributes(f.file(), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      user = a.owner().getName();
      group = a.group().getName();
    } catch (IOException e) {
      // gone or unreadable: the numeric ids still restore ownership
    }
    // the JDK gives the number itself when the id has no name
    users.put(f.uid(), user == null || user.equals(Integer.toString(f.uid())) ? null : user);
    groups.put(f.gid(), group == null || group.equals(Integer.toString(f.gid())) ? null : group);
  }
}
