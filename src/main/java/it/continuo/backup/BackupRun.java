package it.continuo.backup;

import it.continuo.archive.ArchiveWriter;
import it.continuo.io.Sha256;
import it.continuo.manifest.EntryType;
import it.continuo.manifest.ManifestEntry;
import it.continuo.manifest.ManifestWriter;
import it.continuo.progress.Listener;
import it.continuo.progress.Progress;
import it.continuo.tree.FileInfo;
import it.continuo.tree.FileStat;
import it.continuo.tree.Owners;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The tree walk of one run: decides for each entry whether it is unchanged (copied from the parent
 * manifest) or must be stored (read, hashed, appended to the archive), and writes the manifest
 * entry either way.
 */
final class BackupRun {
  /** Paths kept per kind of problem for messages; counts are always complete. */
  static final int NAMED_LIMIT = 1000;

  private static final int BUFFER = 256 * 1024;

  private final String run;
  private final ArchiveWriter archive;
  private final ManifestWriter manifest;
  private final ParentCursor parent;
  private final Listener listener;
  private final Progress progress;
  private final Owners owners = new Owners();
  private final Map<InodeKey, ManifestEntry> linkLeaders = new HashMap<>();
  private final TreeSet<String> needs = new TreeSet<>();
  private final byte[] buffer = new byte[BUFFER];
  private final ByteBuffer window = ByteBuffer.wrap(buffer);

  long entries;
  long files;
  long treeBytes;
  long newFiles;
  long changedFiles;
  long unchangedFiles;
  long bytesRead;
  long unreadableCount;
  long changedCount;
  long skippedCount;
  final List<String> unreadable = new ArrayList<>();
  final List<String> changedWhileRead = new ArrayList<>();
  final List<String> skipped = new ArrayList<>();

  private record InodeKey(long device, long inode) {}

  BackupRun(
      String run,
      ArchiveWriter archive,
      ManifestWriter manifest,
      ParentCursor parent,
      Listener listener,
      Progress progress) {
    this.run = run;
    this.archive = archive;
    this.manifest = manifest;
    this.parent = parent;
    this.listener = listener;
    this.progress = progress;
    needs.add(run);
  }

  List<String> needs() {
    return List.copyOf(needs);
  }

  void add(FileInfo f) throws IOException {
    progress.entry();
    switch (f.kind()) {
      case UNREADABLE -> unreadable(f.path(), f.note());
      case OTHER -> {
        skippedCount++;
        name(skipped, f.path() + " (" + f.note() + ")");
        listener.note("skipped " + f.note() + " " + f.path());
      }
      case DIR -> directory(f);
      case SYMLINK -> symlink(f);
      case FILE -> file(f);
    }
  }

  private void directory(FileInfo f) throws IOException {
    ManifestEntry p = parent.find(f.path());
    ManifestEntry e = entry(f, EntryType.DIR, null);
    if (f.note() != null) {
      unreadable(f.path(), f.note());
      e = e.withError(f.note());
    }
    if (!sameStat(p, f, EntryType.DIR)) {
      archive.directory(e);
    }
    write(e);
  }

  private void symlink(FileInfo f) throws IOException {
    ManifestEntry p = parent.find(f.path());
    ManifestEntry e = entry(f, EntryType.SYMLINK, f.linkTarget());
    if (!sameStat(p, f, EntryType.SYMLINK) || !Objects.equals(p.target(), f.linkTarget())) {
      archive.symlink(e);
    }
    write(e);
  }

  private void file(FileInfo f) throws IOException {
    ManifestEntry p = parent.find(f.path());
    files++;
    treeBytes += f.size();
    InodeKey key = f.links() > 1 ? new InodeKey(f.device(), f.inode()) : null;
    ManifestEntry leader = key == null ? null : linkLeaders.get(key);
    if (leader != null) {
      hardlink(f, p, leader);
      return;
    }
    ManifestEntry e;
    if (sameStat(p, f, EntryType.FILE)
        && p.run() != null
        && p.error() == null
        && !p.changedWhileRead()) {
      e = p;
      unchangedFiles++;
      needs.add(p.run());
    } else {
      e = store(f);
      if (e == null) {
        files--;
        treeBytes -= f.size();
        return;
      }
      if (p == null) {
        newFiles++;
      } else {
        changedFiles++;
      }
    }
    if (key != null) {
      linkLeaders.put(key, e);
    }
    write(e);
  }

  private void hardlink(FileInfo f, ManifestEntry p, ManifestEntry leader) throws IOException {
    ManifestEntry e =
        entry(f, EntryType.HARDLINK, leader.path())
            .withContent(leader.sha256(), leader.run(), leader.size(), false);
    if (leader.error() != null) {
      e = e.withError("hard link to unreadable " + leader.path());
    }
    boolean same = sameStat(p, f, EntryType.HARDLINK) && leader.path().equals(p.target());
    if (same) {
      unchangedFiles++;
    } else if (p == null) {
      newFiles++;
    } else {
      changedFiles++;
    }
    // Whenever the leader is stored again, its links go with it, or tar would leave them on the
    // old content when extracting a chain.
    if (!same || run.equals(leader.run())) {
      archive.hardlink(e);
    }
    write(e);
  }

  /**
   * Reads a file into the archive; what was read is what is hashed and stored. Returns null when
   * the file was deleted after the walk saw it: it is then simply not part of this point.
   */
  private ManifestEntry store(FileInfo f) throws IOException {
    ManifestEntry e = entry(f, EntryType.FILE, null);
    FileChannel channel;
    try {
      channel = FileChannel.open(f.file(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException ex) {
      listener.note("deleted while the backup ran, left out: " + f.path());
      return null;
    } catch (IOException ex) {
      String reason = reason(ex);
      unreadable(f.path(), reason);
      return e.withError(reason);
    }
    long size = f.size();
    MessageDigest digest = Sha256.newDigest();
    String readError = null;
    long copied = 0;
    boolean changed = false;
    archive.beginFile(e, size);
    try (channel) {
      while (copied < size) {
        window.clear().limit((int) Math.min(BUFFER, size - copied));
        int n;
        try {
          n = channel.read(window);
        } catch (IOException ex) {
          readError = "read error after " + copied + " bytes: " + reason(ex);
          break;
        }
        if (n < 0) {
          changed = true; // shrank while read
          break;
        }
        digest.update(buffer, 0, n);
        archive.write(buffer, 0, n);
        copied += n;
        progress.read(n);
      }
      if (copied < size) {
        pad(digest, size - copied);
      } else if (readError == null) {
        window.clear().limit(1);
        changed |= channel.read(window) > 0; // grew while read
      }
    }
    archive.endFile();
    bytesRead += copied;
    if (readError != null) {
      unreadable(f.path(), readError);
      return e.withError(readError);
    }
    changed |= changedSince(f);
    if (changed) {
      changedCount++;
      name(changedWhileRead, f.path());
      listener.warning("changed while being read, stored as read: " + f.path());
    }
    return e.withContent(Sha256.hex(digest), run, size, changed);
  }

  private void pad(MessageDigest digest, long count) throws IOException {
    Arrays.fill(buffer, (byte) 0);
    while (count > 0) {
      int n = (int) Math.min(BUFFER, count);
      digest.update(buffer, 0, n);
      archive.write(buffer, 0, n);
      count -= n;
    }
  }

  private static boolean changedSince(FileInfo before) {
    try {
      FileInfo after = FileStat.lstat(before.file(), before.path());
      return after.size() != before.size()
          || !after.mtime().equals(before.mtime())
          || !after.ctime().equals(before.ctime())
          || after.inode() != before.inode();
    } catch (IOException e) {
      return true; // deleted or replaced while read
    }
  }

  private static boolean sameStat(ManifestEntry p, FileInfo f, EntryType type) {
    return p != null
        && p.type() == type
        && p.size() == (type == EntryType.FILE || type == EntryType.HARDLINK ? f.size() : p.size())
        && p.inode() == f.inode()
        && p.mtime().equals(f.mtime())
        && f.ctime().equals(p.ctime());
  }

  private ManifestEntry entry(FileInfo f, EntryType type, String target) {
    return new ManifestEntry(
        f.path(),
        type,
        type == EntryType.FILE || type == EntryType.HARDLINK ? f.size() : 0,
        f.mtime(),
        f.ctime(),
        f.inode(),
        f.mode(),
        f.uid(),
        f.gid(),
        owners.user(f),
        owners.group(f),
        target,
        null,
        null,
        false,
        null);
  }

  private void write(ManifestEntry e) throws IOException {
    manifest.entry(e);
    entries++;
  }

  private void unreadable(String path, String reason) {
    unreadableCount++;
    name(unreadable, path + ": " + reason);
    listener.warning("cannot read " + path + ": " + reason);
  }

  private static void name(List<String> list, String item) {
    if (list.size() < NAMED_LIMIT) {
      list.add(item);
    }
  }

  static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "deleted while the backup ran";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return String.valueOf(e.getMessage());
  }
}
