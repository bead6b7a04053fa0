package it.continuo.restore;

import it.continuo.archive.ArchiveDamagedException;
import it.continuo.archive.ArchiveDigest;
import it.continuo.archive.ArchiveEntryHeader;
import it.continuo.archive.ArchiveReader;
import it.continuo.catalog.JobStore;
import it.continuo.catalog.RestorePoint;
import it.continuo.io.Sha256;
import it.continuo.manifest.EntryCursor;
import it.continuo.manifest.EntryType;
import it.continuo.manifest.ManifestEntry;
import it.continuo.manifest.ManifestReader;
import it.continuo.manifest.TreeOrder;
import it.continuo.progress.Listener;
import it.continuo.progress.Progress;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Restores restore points. See the package documentation for the algorithm. */
public final class RestoreEngine {
  private static final int BUFFER = 256 * 1024;
  private static final int LISTED = 1000;

  private final Clock clock;

  public RestoreEngine(Clock clock) {
    this.clock = clock;
  }

  /**
   * Restores {@code point} (or the {@code paths} of it) into {@code destination}.
   *
   * @param points every point of the job on this target (to find the runs the point needs)
   * @throws RestoreException when the restore cannot start (destination not empty, nothing matches)
   */
  public RestoreResult restore(
      JobStore store,
      List<RestorePoint> points,
      RestorePoint point,
      Path destination,
      List<String> paths,
      boolean overwrite,
      Listener listener,
      Progress progress)
      throws IOException {
    if (!point.usable()) {
      throw new IOException(
          "run " + point.run() + " cannot be restored, its manifest is damaged: " + point.damage());
    }
    Path root = prepareDestination(destination, overwrite);
    Sha256.warmUpInBackground();
    return new Job(store, points, point, root, new Selection(paths), overwrite, listener, progress)
        .run();
  }

  private static Path prepareDestination(Path destination, boolean overwrite) throws IOException {
    Path root = destination.toAbsolutePath().normalize();
    if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
        throw new RestoreException(root + " exists and is not a directory");
      }
      if (!overwrite) {
        try (Stream<Path> children = Files.list(root)) {
          if (children.findAny().isPresent()) {
            throw new RestoreException(
                root + " is not empty; restore into an empty directory or add --overwrite");
          }
        }
      }
    } else {
      Files.createDirectories(root);
    }
    return root.toRealPath();
  }

  /** The state of one restore. */
  private final class Job {
    private final JobStore store;
    private final Map<String, RestorePoint> byRun = new HashMap<>();
    private final RestorePoint point;
    private final SafeTree tree;
    private final Selection selection;
    private final Listener listener;
    private final Progress progress;
    private final Metadata metadata;
    private final Instant started = clock.instant();
    private final byte[] buffer = new byte[BUFFER];

    /** Runs whose archives hold wanted content, with how many entries each. */
    private final Map<String, Long> wantedRuns = new LinkedHashMap<>();

    /**
     * Hard-link leaders outside the selection, by leader path: the member that takes the content.
     */
    private final Map<String, ManifestEntry> substitutes = new HashMap<>();

    /** Content paths that could not be restored; links to them are not made. */
    private final Set<String> failed = new HashSet<>();

    private long files;
    private long dirs;
    private long symlinks;
    private long hardlinks;
    private long bytes;
    private int archivesRead;
    private boolean matched;
    private final List<String> damaged = new ArrayList<>();
    private final List<String> notInBackup = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    Job(
        JobStore store,
        List<RestorePoint> points,
        RestorePoint point,
        Path root,
        Selection selection,
        boolean overwrite,
        Listener listener,
        Progress progress)
        throws IOException {
      this.metadata = new Metadata(Metadata.runningAsRoot(), ProcessDefaults.probe(root));
      this.store = store;
      for (RestorePoint p : points) {
        byRun.put(p.run(), p);
      }
      this.point = point;
      this.tree = new SafeTree(root, overwrite);
      this.selection = selection;
      this.listener = listener;
      this.progress = progress;
    }

    RestoreResult run() throws IOException {
      makeDirectories();
      if (!matched) {
        throw new RestoreException("nothing in run " + point.run() + " matches the paths given");
      }
      for (String run : point.footer().needs()) {
        if (wantedRuns.containsKey(run)) {
          restoreContent(run);
        }
      }
      linksAndDirectoryMetadata();
      return new RestoreResult(
          point.run(),
          files,
          dirs,
          symlinks,
          hardlinks,
          bytes,
          archivesRead,
          Duration.between(started, clock.instant()),
          List.copyOf(damaged),
          List.copyOf(notInBackup),
          List.copyOf(warnings));
    }

    private boolean wanted(ManifestEntry e) {
      return selection.selects(e.path()) && RelativePath.isSafe(e.path());
    }

    /** Pass 1: check names, make directories, find which archives are needed. */
    private void makeDirectories() throws IOException {
      try (ManifestReader m = store.openManifest(point)) {
        for (ManifestEntry e = m.next(); e != null; e = m.next()) {
          if (!selection.selects(e.path())) {
            continue;
          }
          matched = true;
          if (!RelativePath.isSafe(e.path())) {
            damage(e.path(), "unsafe name in the manifest, not restored");
            continue;
          }
          switch (e.type()) {
            case DIR -> {
              tree.directory(e.path());
              dirs++;
            }
            case FILE -> planContent(e);
            case HARDLINK -> planLink(e);
            case SYMLINK -> {}
          }
        }
      }
    }

    private void planContent(ManifestEntry e) {
      if (e.run() == null) {
        list(notInBackup, e.path() + ": " + e.error());
        return;
      }
      wantedRuns.merge(e.run(), 1L, Long::sum);
    }

    private void planLink(ManifestEntry e) {
      if (!RelativePath.isSafe(e.target())) {
        damage(e.path(), "hard link to \"" + e.target() + "\", outside the restore: refused");
        return;
      }
      if (e.run() == null) {
        list(notInBackup, e.path() + ": " + e.error());
        return;
      }
      if (!selection.selects(e.target()) && !substitutes.containsKey(e.target())) {
        substitutes.put(e.target(), e);
        wantedRuns.merge(e.run(), 1L, Long::sum);
      }
    }

    /** Pass 2 for one run: its archive, read once, merged with the entries that need it. */
    private void restoreContent(String run) throws IOException {
      Predicate<ManifestEntry> fromRun =
          e -> e.type() == EntryType.FILE && run.equals(e.run()) && wanted(e);
      RestorePoint source = byRun.get(run);
      try (ManifestReader m = store.openManifest(point)) {
        EntryCursor wanted = new EntryCursor(m, fromRun);
        if (source == null || !source.usable()) {
          String why =
              "the archive of run "
                  + run
                  + (source == null ? " is missing" : " is damaged: " + source.damage());
          missingAll(wanted, run, why);
          return;
        }
        archivesRead++;
        try (ArchiveReader archive = store.openArchive(source)) {
          mergeArchive(archive, wanted, run);
          ArchiveDigest digest = archive.finish();
          if (digest.size() != source.footer().archiveSize()
              || !digest.sha256().equals(source.footer().archiveSha256())) {
            warnings.add(
                "archive of run "
                    + run
                    + " does not match its recorded size and SHA-256; files restored from it were"
                    + " checked one by one");
          }
        } catch (ArchiveDamagedException e) {
          missingAll(wanted, run, e.getMessage());
        } catch (it.continuo.storage.ObjectNotFoundException e) {
          missingAll(wanted, run, "the archive of run " + run + " is missing");
        }
      }
    }

    private void mergeArchive(ArchiveReader archive, EntryCursor wanted, String run)
        throws IOException {
      for (ArchiveEntryHeader a = archive.next(); a != null; a = archive.next()) {
        if (a.type() != ArchiveEntryHeader.Type.FILE) {
          continue;
        }
        while (wanted.head() != null && TreeOrder.compare(wanted.head().path(), a.path()) < 0) {
          damage(wanted.head().path(), "not found in the archive of run " + run);
          wanted.advance();
        }
        ManifestEntry w = wanted.head();
        if (w != null && w.path().equals(a.path())) {
          writeFile(archive, w.path(), w);
          wanted.advance();
        }
        ManifestEntry member = substitutes.get(a.path());
        if (member != null && run.equals(member.run()) && member.sha256() != null) {
          writeFile(archive, member.path(), member);
        }
      }
      while (wanted.head() != null) {
        damage(wanted.head().path(), "not found in the archive of run " + run);
        wanted.advance();
      }
    }

    private void missingAll(EntryCursor wanted, String run, String why) throws IOException {
      while (wanted.head() != null) {
        damage(wanted.head().path(), why);
        wanted.advance();
      }
      for (ManifestEntry member : substitutes.values()) {
        if (run.equals(member.run())
            && !Files.exists(tree.resolve(member.path()), LinkOption.NOFOLLOW_LINKS)) {
          damage(member.path(), why);
        }
      }
    }

    private void writeFile(ArchiveReader archive, String path, ManifestEntry e) throws IOException {
      MessageDigest digest = Sha256.newDigest();
      long written = 0;
      try (FileChannel out = tree.createFile(path, e.mode())) {
        ContentSink sink = new ContentSink(out);
        int n;
        while ((n = archive.read(buffer, 0, buffer.length)) > 0) {
          digest.update(buffer, 0, n);
          sink.write(buffer, n);
          written += n;
          progress.read(n);
        }
        sink.finish();
      } catch (ArchiveDamagedException ex) {
        tree.quarantine(path); // reported with the rest of this archive's entries
        throw ex;
      }
      bytes += written;
      files++;
      progress.entry();
      String sha = Sha256.hex(digest);
      if (written != e.size() || !sha.equals(e.sha256())) {
        Path aside = tree.quarantine(path);
        damage(path, "content does not match its SHA-256 (kept as " + aside.getFileName() + ")");
        return;
      }
      try {
        metadata.applyToNewFile(tree.resolve(path), e);
      } catch (IOException ex) {
        list(warnings, path + ": cannot set owner, mode or time: " + reason(ex));
      }
    }

    /** Pass 3: links, then each directory's metadata once all inside it is done. */
    private void linksAndDirectoryMetadata() throws IOException {
      Deque<ManifestEntry> open = new ArrayDeque<>();
      try (ManifestReader m = store.openManifest(point)) {
        for (ManifestEntry e = m.next(); e != null; e = m.next()) {
          if (!wanted(e)) {
            continue;
          }
          while (!open.isEmpty() && !TreeOrder.isWithin(e.path(), open.peek().path())) {
            applyMetadata(open.peek().path(), open.pop());
          }
          switch (e.type()) {
            case DIR -> open.push(e);
            case SYMLINK -> symlink(e);
            case HARDLINK -> hardlink(e);
            case FILE -> {}
          }
        }
      }
      while (!open.isEmpty()) {
        applyMetadata(open.peek().path(), open.pop());
      }
    }

    private void symlink(ManifestEntry e) {
      try {
        tree.symlink(e.path(), e.target());
        symlinks++;
        progress.entry();
        applyMetadata(e.path(), e);
      } catch (IOException ex) {
        damage(e.path(), "cannot make symlink: " + reason(ex));
      }
    }

    private void hardlink(ManifestEntry e) {
      if (e.run() == null || !RelativePath.isSafe(e.target())) {
        return; // reported in pass 1
      }
      String source = e.target();
      if (!selection.selects(source)) {
        ManifestEntry member = substitutes.get(source);
        if (member == null || member.path().equals(e.path())) {
          return; // this entry holds the content itself
        }
        source = member.path();
      }
      if (failed.contains(source)) {
        damage(e.path(), "hard link to " + source + ", which could not be restored");
        return;
      }
      try {
        tree.hardlink(e.path(), source);
        hardlinks++;
        progress.entry();
      } catch (IOException ex) {
        damage(e.path(), "cannot make hard link: " + reason(ex));
      }
    }

    private void applyMetadata(String path, ManifestEntry e) {
      try {
        metadata.apply(tree.resolve(path), e);
      } catch (IOException ex) {
        list(warnings, path + ": cannot set owner, mode or time: " + reason(ex));
      }
    }

    private void damage(String path, String why) {
      failed.add(path);
      list(damaged, path + ": " + why);
      listener.warning("not restored: " + path + ": " + why);
    }

    private void list(List<String> list, String item) {
      if (list.size() < LISTED) {
        list.add(item);
      }
    }
  }

  static String reason(IOException e) {
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return String.valueOf(e.getMessage());
  }
}
