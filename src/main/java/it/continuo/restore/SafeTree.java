package it.continuo.restore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/**
 * Creates entries under the restore directory without ever following a link: every directory on the
 * way is checked (or made) as a real directory, files are opened with O_NOFOLLOW, and an existing
 * entry in the way is replaced only when overwriting is allowed, by unlinking it first (never by
 * writing into it, which could reach a hard-linked file elsewhere).
 */
final class SafeTree {
  private final Path root;
  private final boolean overwrite;
  private final Set<String> checkedDirs = new HashSet<>();

  SafeTree(Path root, boolean overwrite) {
    this.root = root;
    this.overwrite = overwrite;
  }

  Path root() {
    return root;
  }

  Path resolve(String path) {
    return RelativePath.under(root, path);
  }

  /** Makes {@code path} and its missing ancestors real directories. */
  Path directory(String path) throws IOException {
    int slash = path.lastIndexOf('/');
    if (slash > 0) {
      ensureDirs(path.substring(0, slash));
    }
    ensureDir(path);
    return resolve(path);
  }

  /** A new regular file (see {@link ProcessDefaults#create}); what was in the way is unlinked. */
  FileChannel createFile(String path, int mode) throws IOException {
    Path file = prepare(path);
    try {
      return ProcessDefaults.create(file, mode);
    } catch (FileAlreadyExistsException e) {
      clear(path, file);
      return ProcessDefaults.create(file, mode);
    }
  }

  void symlink(String path, String target) throws IOException {
    Path link = prepare(path);
    try {
      Files.createSymbolicLink(link, Path.of(target));
    } catch (FileAlreadyExistsException e) {
      clear(path, link);
      Files.createSymbolicLink(link, Path.of(target));
    }
  }

  /**
   * Links {@code path} to {@code existing}, a regular file restored earlier. Every directory on the
   * way to {@code existing} must be a real directory: link(2) follows symlinks in the middle of a
   * path, and one planted there would let the link reach a file outside the restore.
   */
  void hardlink(String path, String existing) throws IOException {
    Path link = prepare(path);
    Path source = resolve(existing);
    checkNoLinks(existing);
    try {
      Files.createLink(link, source);
    } catch (FileAlreadyExistsException e) {
      clear(path, link);
      Files.createLink(link, source);
    }
  }

  private void checkNoLinks(String existing) throws IOException {
    int slash = -1;
    while ((slash = existing.indexOf('/', slash + 1)) > 0) {
      Path dir = resolve(existing.substring(0, slash));
      if (!Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .isDirectory()) {
        throw new IOException(existing + " is not inside real directories of the restore");
      }
    }
    if (!Files.readAttributes(
            resolve(existing), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
        .isRegularFile()) {
      throw new IOException(existing + " is not a regular file");
    }
  }

  /** Renames a restored file out of the way, keeping its bytes for a human to look at. */
  Path quarantine(String path) throws IOException {
    Path file = resolve(path);
    Path aside = file.resolveSibling(file.getFileName() + ".continuo-damaged");
    Files.move(file, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return aside;
  }

  private Path prepare(String path) throws IOException {
    Path p = resolve(path);
    int slash = path.lastIndexOf('/');
    if (slash > 0) {
      ensureDirs(path.substring(0, slash));
    }
    return p;
  }

  /** Unlinks a non-directory in the way, when allowed. */
  private void clear(String path, Path p) throws IOException {
    BasicFileAttributes a =
        Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (a.isDirectory()) {
      throw new IOException("a directory is in the way of " + path);
    }
    if (!overwrite) {
      throw new IOException(path + " already exists (use --overwrite to replace it)");
    }
    Files.delete(p);
  }

  private void ensureDirs(String dir) throws IOException {
    if (checkedDirs.contains(dir)) {
      return;
    }
    int slash = dir.lastIndexOf('/');
    if (slash > 0) {
      ensureDirs(dir.substring(0, slash));
    }
    ensureDir(dir);
  }

  private void ensureDir(String dir) throws IOException {
    if (checkedDirs.contains(dir)) {
      return;
    }
    Path p = resolve(dir);
    BasicFileAttributes a = null;
    try {
      a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      // to be made
    }
    if (a != null && !a.isDirectory()) {
      clear(dir, p);
      a = null;
    }
    if (a == null) {
      Files.createDirectory(p);
    }
    checkedDirs.add(dir);
  }
}
