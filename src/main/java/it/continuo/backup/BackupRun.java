package it.continuo.backup;

import it.continuo.archive.ArchiveDigest;
import it.continuo.archive.ArchiveWriter;
import it.continuo.manifest.ManifestEntry;
import it.continuo.manifest.ManifestWriter;
import it.continuo.progress.Listener;
import it.continuo.progress.Progress;
import it.continuo.tree.SourceWalker;
import java.io.IOException;
import java.util.List;
import java.util.TreeSet;

/**
 * The walk of one run, on three threads: the walking thread decides ({@link TreeScan}, {@link
 * Decider}), the storing thread writes the archive ({@link StoreStage}), and the calling thread
 * writes the manifest in tree order as entries become known. The counts are taken here, from what
 * the manifest finally holds.
 */
final class BackupRun {
  private final String run;
  private final ArchiveWriter archive;
  private final ManifestWriter manifest;
  private final Progress progress;
  final Problems problems;
  private final TreeSet<String> needs = new TreeSet<>();

  long entries;
  long files;
  long treeBytes;
  long newFiles;
  long changedFiles;
  long unchangedFiles;
  long deleted;
  long bytesRead;
  ArchiveDigest digest;

  BackupRun(
      String run,
      ArchiveWriter archive,
      ManifestWriter manifest,
      Listener listener,
      Progress progress) {
    this.run = run;
    this.archive = archive;
    this.manifest = manifest;
    this.progress = progress;
    this.problems = new Problems(listener);
    needs.add(run);
  }

  List<String> needs() {
    return List.copyOf(needs);
  }

  /** Walks the source against the parent and writes every entry; then ends the archive. */
  void execute(SourceWalker walker, ParentCursor parent) throws IOException {
    try (StoreStage store = new StoreStage(run, archive, problems, progress);
        TreeScan scan = new TreeScan(walker, parent, new Decider(store, problems, progress))) {
      for (Slot slot = scan.next(); slot != null; slot = scan.next()) {
        progress.checkCancelled();
        if (slot.copied()) {
          manifest.copy(slot.path(), slot.line());
          count(slot, null);
          continue;
        }
        ManifestEntry e = slot.entry();
        if (e != null) {
          manifest.entry(e);
          count(slot, e);
        }
      }
      deleted = scan.deleted();
      digest = store.finish();
      bytesRead = store.bytesRead();
    }
  }

  /** Counts a written entry; {@code e} is null for a copied line. */
  private void count(Slot slot, ManifestEntry e) {
    entries++;
    if (slot.kind() == Slot.Kind.OTHER) {
      return;
    }
    files++;
    treeBytes += slot.size();
    switch (slot.kind()) {
      case NEW -> newFiles++;
      case CHANGED -> changedFiles++;
      default -> unchangedFiles++;
    }
    if (slot.neededRun() != null) {
      needs.add(slot.neededRun());
    } else if (e != null && e.run() != null) {
      needs.add(e.run());
    }
  }
}
