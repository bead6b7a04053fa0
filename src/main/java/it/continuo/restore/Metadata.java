package it.continuo.restore;

import it.continuo.manifest.EntryType;
import it.continuo.manifest.ManifestEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Gives a restored entry its owner (as root only: by name when this system knows the name, else by
 * number, as GNU tar does), then its mode (after the owner, since chown clears setuid bits), then
 * its mtime. Links are never followed.
 */
final class Metadata {
  private final boolean owners;
  private final ProcessDefaults defaults;

  /** The access time every restored entry gets, as GNU tar gives the time of extraction. */
  private final FileTime restoredAt = FileTime.from(java.time.Instant.now());

  private final UserPrincipalLookupService lookup =
      java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService();
  private final Map<String, Optional<UserPrincipal>> users = new HashMap<>();
  private final Map<String, Optional<GroupPrincipal>> groups = new HashMap<>();

  Metadata(boolean owners, ProcessDefaults defaults) {
    this.owners = owners;
    this.defaults = defaults;
  }

  static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /**
   * Metadata of a regular file this restore has just created with {@link ProcessDefaults#create}:
   * only what creation did not already get right is set, since a restore of many small files is
   * dominated by these calls. The file is known not to be a symlink, so paths are followed.
   */
  void applyToNewFile(Path p, ManifestEntry e) throws IOException {
    boolean chowned = false;
    if (owners && (e.uid() != defaults.uid() || e.gid() != defaults.gid())) {
      chown(p, e);
      chowned = true;
    }
    int mode = e.mode() & 07777;
    if (chowned || mode != defaults.createdMode(mode)) {
      Files.setAttribute(p, "unix:mode", mode);
    }
    // Both times given: with one left null the JDK stats the file first to keep the other.
    Files.getFileAttributeView(p, BasicFileAttributeView.class)
        .setTimes(FileTime.from(e.mtime()), restoredAt, null);
  }

  void apply(Path p, ManifestEntry e) throws IOException {
    if (owners) {
      chown(p, e);
    }
    if (e.type() != EntryType.SYMLINK) {
      Files.setAttribute(p, "unix:mode", e.mode() & 07777, LinkOption.NOFOLLOW_LINKS);
    }
    Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(FileTime.from(e.mtime()), restoredAt, null);
  }

  private void chown(Path p, ManifestEntry e) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    Optional<UserPrincipal> user = e.user() == null ? Optional.empty() : user(e.user());
    if (user.isPresent()) {
      view.setOwner(user.get());
    } else {
      Files.setAttribute(p, "unix:uid", (int) e.uid(), LinkOption.NOFOLLOW_LINKS);
    }
    Optional<GroupPrincipal> group = e.group() == null ? Optional.empty() : group(e.group());
    if (group.isPresent()) {
      view.setGroup(group.get());
    } else {
      Files.setAttribute(p, "unix:gid", (int) e.gid(), LinkOption.NOFOLLOW_LINKS);
    }
  }

  private Optional<UserPrincipal> user(String name) throws IOException {
    Optional<UserPrincipal> u = users.get(name);
    if (u == null) {
      try {
        u = Optional.of(lookup.lookupPrincipalByName(name));
      } catch (UserPrincipalNotFoundException ex) {
        u = Optional.empty();
      }
      users.put(name, u);
    }
    return u;
  }

  private Optional<GroupPrincipal> group(String name) throws IOException {
    Optional<GroupPrincipal> g = groups.get(name);
    if (g == null) {
      try {
        g = Optional.of(lookup.lookupPrincipalByGroupName(name));
      } catch (UserPrincipalNotFoundException ex) {
        g = Optional.empty();
      }
      groups.put(name, g);
    }
    return g;
  }
}
