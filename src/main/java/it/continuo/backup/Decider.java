package it.continuo.backup;

import it.continuo.backup.Slot.Kind;
import it.continuo.manifest.EntryType;
import it.continuo.manifest.ManifestEntry;
import it.continuo.progress.Progress;
import it.continuo.tree.FileInfo;
import it.continuo.tree.Owners;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Decides, entry by entry in tree order, what the run does with it: unchanged files keep the
 * parent's manifest line as is; anything new or changed goes to the storing thread; directories and
 * links are written again when they changed. Runs on the walking thread.
 */
final class Decider {
  private final StoreStage store;
  private final Problems problems;
  private final Progress progress;
  private final Owners owners = new Owners();

  /** The runs unchanged files point to, one string each (a slot may wait in a long queue). */
  private final Map<String, String> runs = new HashMap<>();

  /** Hard-linked inodes seen in this run, by the first path met (the leader). */
  private final Map<InodeKey, Leader> linkLeaders = new HashMap<>();

  private record InodeKey(long device, long inode) {}

  /**
   * The first path of a hard-linked inode.
   *
   * @param path its path, the target of the later links
   * @param entry its manifest entry, once known
   * @param storedNow whether this run stores its content (rather than keeping the parent's)
   */
  private record Leader(String path, CompletableFuture<ManifestEntry> entry, boolean storedNow) {}

  Decider(StoreStage store, Problems problems, Progress progress) {
    this.store = store;
    this.problems = problems;
    this.progress = progress;
  }

  /**
   * The manifest slot of a walked entry, or null when it has none (special and unreadable files).
   *
   * @param p the parent manifest's entry at the same path, or null
   * @param pLine that entry's line as stored
   */
  Slot decide(FileInfo f, ManifestEntry p, byte[] pLine) throws IOException {
    progress.entry();
    return switch (f.kind()) {
      case UNREADABLE -> {
        problems.unreadable(f.path(), f.note());
        yield null;
      }
      case OTHER -> {
        problems.skipped(f.path(), f.note());
        yield null;
      }
      case DIR -> directory(f, p);
      case SYMLINK -> symlink(f, p);
      case FILE -> file(f, p, pLine);
    };
  }

  private Slot directory(FileInfo f, ManifestEntry p) throws IOException {
    ManifestEntry e = entry(f, EntryType.DIR, null);
    if (f.note() != null) {
      problems.unreadable(f.path(), f.note());
      e = e.withError(f.note());
    }
    if (!sameStat(p, f, EntryType.DIR)) {
      store.directory(e);
    }
    return Slot.ready(e);
  }

  private Slot symlink(FileInfo f, ManifestEntry p) throws IOException {
    ManifestEntry e = entry(f, EntryType.SYMLINK, f.linkTarget());
    if (!sameStat(p, f, EntryType.SYMLINK) || !Objects.equals(p.target(), f.linkTarget())) {
      store.symlink(e);
    }
    return Slot.ready(e);
  }

  private Slot file(FileInfo f, ManifestEntry p, byte[] pLine) throws IOException {
    InodeKey key = f.links() > 1 ? new InodeKey(f.device(), f.inode()) : null;
    Leader leader = key == null ? null : linkLeaders.get(key);
    if (leader != null) {
      return hardlink(f, p, leader);
    }
    if (sameStat(p, f, EntryType.FILE)
        && p.run() != null
        && p.error() == null
        && !p.changedWhileRead()) {
      if (key != null) {
        linkLeaders.put(key, new Leader(f.path(), CompletableFuture.completedFuture(p), false));
      }
      return Slot.unchanged(p.path(), pLine, f.size(), runs.computeIfAbsent(p.run(), r -> r));
    }
    CompletableFuture<ManifestEntry> stored = store.store(f, entry(f, EntryType.FILE, null));
    if (key != null) {
      linkLeaders.put(key, new Leader(f.path(), stored, true));
    }
    return Slot.pending(p == null ? Kind.NEW : Kind.CHANGED, stored, f.size());
  }

  private Slot hardlink(FileInfo f, ManifestEntry p, Leader leader) throws IOException {
    ManifestEntry link = entry(f, EntryType.HARDLINK, leader.path());
    boolean same = sameStat(p, f, EntryType.HARDLINK) && leader.path().equals(p.target());
    // Whenever the leader is stored again, its links go with it, or tar would leave them on the
    // old content when extracting a chain.
    if (!same || leader.storedNow()) {
      store.hardlink(link);
    }
    CompletableFuture<ManifestEntry> entry =
        leader
            .entry()
            .thenApply(
                l -> {
                  if (l == null) {
                    return link.withError(
                        "hard link to " + leader.path() + ", deleted while the backup ran");
                  }
                  ManifestEntry e = link.withContent(l.sha256(), l.run(), l.size(), false);
                  return l.error() != null ? e.withError("hard link to unreadable " + l.path()) : e;
                });
    Kind kind = same ? Kind.UNCHANGED : p == null ? Kind.NEW : Kind.CHANGED;
    return Slot.pending(kind, entry, f.size());
  }

  static boolean sameStat(ManifestEntry p, FileInfo f, EntryType type) {
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
}
