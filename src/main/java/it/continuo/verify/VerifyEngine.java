package it.continuo.verify;

import it.continuo.archive.ArchiveDamagedException;
import it.continuo.archive.ArchiveDigest;
import it.continuo.archive.ArchiveEntryHeader;
import it.continuo.archive.ArchiveReader;
import it.continuo.catalog.DamagedFile;
import it.continuo.catalog.JobStore;
import it.continuo.catalog.RestorePoint;
import it.continuo.catalog.Verification;
import it.continuo.io.Sha256;
import it.continuo.manifest.EntryCursor;
import it.continuo.manifest.EntryType;
import it.continuo.manifest.ManifestEntry;
import it.continuo.manifest.ManifestReader;
import it.continuo.manifest.TreeOrder;
import it.continuo.progress.Listener;
import it.continuo.progress.Progress;
import it.continuo.storage.ObjectInfo;
import it.continuo.storage.ObjectNotFoundException;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Verifies runs. See the package documentation. */
public final class VerifyEngine {
  private static final int BUFFER = 256 * 1024;
  private static final int LISTED = 1000;

  private final Clock clock;

  public VerifyEngine(Clock clock) {
    this.clock = clock;
  }

  /** The runs a plain {@code verify} checks: the latest point and every run it needs. */
  public static List<RestorePoint> latestChain(List<RestorePoint> points) {
    if (points.isEmpty()) {
      return List.of();
    }
    RestorePoint latest = points.get(points.size() - 1);
    if (!latest.usable()) {
      return List.of(latest);
    }
    List<RestorePoint> chain = new ArrayList<>();
    for (RestorePoint p : points) {
      if (latest.footer().needs().contains(p.run())) {
        chain.add(p);
      }
    }
    if (!chain.contains(latest)) {
      chain.add(latest);
    }
    return chain;
  }

  /**
   * Verifies each of {@code runs} and records the outcome beside it on the target.
   *
   * @param points every point of the job on this target, to resolve references
   */
  public List<Verification> verify(
      JobStore store,
      List<RestorePoint> points,
      List<RestorePoint> runs,
      Listener listener,
      Progress progress)
      throws IOException {
    Sha256.warmUpInBackground();
    Map<String, RestorePoint> byRun = new HashMap<>();
    for (RestorePoint p : points) {
      byRun.put(p.run(), p);
    }
    Map<String, Verification> session = new HashMap<>();
    List<Verification> results = new ArrayList<>();
    for (RestorePoint run : runs) {
      Verification v = new RunCheck(store, byRun, session, run, progress).check();
      session.put(v.run(), v);
      results.add(v);
      if (!v.ok()) {
        listener.warning("run " + v.run() + " is damaged: " + String.join("; ", v.problems()));
      }
      try {
        store.writeVerification(v);
      } catch (IOException e) {
        listener.warning("could not record the verification of " + v.run() + ": " + e.getMessage());
      }
    }
    return results;
  }

  /** The verification of one run. */
  private final class RunCheck {
    private final JobStore store;
    private final Map<String, RestorePoint> byRun;
    private final Map<String, Verification> session;
    private final RestorePoint run;
    private final Progress progress;
    private final List<String> problems = new ArrayList<>();
    private final List<DamagedFile> damagedFiles = new ArrayList<>();
    private long damagedCount;
    private long entriesChecked;
    private long bytesChecked;
    private final byte[] buffer = new byte[BUFFER];

    RunCheck(
        JobStore store,
        Map<String, RestorePoint> byRun,
        Map<String, Verification> session,
        RestorePoint run,
        Progress progress) {
      this.store = store;
      this.byRun = byRun;
      this.session = session;
      this.run = run;
      this.progress = progress;
    }

    Verification check() throws IOException {
      if (!run.usable()) {
        problems.add("manifest: " + run.damage() + "; none of this point's files can be restored");
      } else {
        try {
          Map<String, Long> references = readManifest();
          for (Map.Entry<String, Long> ref : references.entrySet()) {
            if (!ref.getKey().equals(run.run())) {
              checkReferences(ref.getKey(), ref.getValue());
            }
          }
          checkArchive();
          for (String other : references.keySet()) {
            if (!other.equals(run.run())) {
              inheritDamage(other);
            }
          }
        } catch (it.continuo.manifest.ManifestException e) {
          problems.add("manifest: " + e.getMessage() + "; this point cannot be restored");
        }
      }
      if (damagedCount > damagedFiles.size()) {
        problems.add((damagedCount - damagedFiles.size()) + " more damaged files not listed");
      }
      return new Verification(
          run.run(),
          clock.instant(),
          problems.isEmpty(),
          entriesChecked,
          bytesChecked,
          List.copyOf(problems),
          damagedCount,
          List.copyOf(damagedFiles));
    }

    /**
     * A point is only as good as the runs it restores from: files whose content is in a run found
     * damaged (in this verification or the last one recorded) are damaged in this point too.
     */
    private void inheritDamage(String other) throws IOException {
      Verification v = session.get(other);
      if (v == null && byRun.get(other) != null) {
        v = byRun.get(other).verification();
      }
      if (v == null || v.ok()) {
        return;
      }
      Set<String> paths = new HashSet<>();
      for (DamagedFile d : v.damagedFiles()) {
        paths.add(d.path());
      }
      boolean all = !v.complete();
      long affected = 0;
      try (ManifestReader m = store.openManifest(run)) {
        EntryCursor c =
            new EntryCursor(m, e -> e.type() == EntryType.FILE && other.equals(e.run()));
        for (; c.head() != null; c.advance()) {
          if (all || paths.contains(c.head().path())) {
            damaged(c.head().path(), "its content is in run " + other + ", which is damaged");
            affected++;
          }
        }
      }
      if (affected > 0) {
        problems.add(affected + " files of this point are in run " + other + ", which is damaged");
      }
    }

    /** Reads the whole manifest; returns how many content entries name each run. */
    private Map<String, Long> readManifest() throws IOException {
      Map<String, Long> references = new TreeMap<>();
      try (ManifestReader m = store.openManifest(run)) {
        for (ManifestEntry e = m.next(); e != null; e = m.next()) {
          if (e.type() == EntryType.FILE && e.run() != null) {
            references.merge(e.run(), 1L, Long::sum);
          }
        }
      }
      return references;
    }

    /** Entries of this run's manifest whose content is in {@code other}'s archive. */
    private void checkReferences(String other, long count) throws IOException {
      RestorePoint target = byRun.get(other);
      Predicate<ManifestEntry> refs = e -> e.type() == EntryType.FILE && other.equals(e.run());
      if (target == null || !target.usable()) {
        String why =
            target == null ? "run " + other + " does not exist" : "run " + other + " is damaged";
        problems.add(count + " files refer to " + why);
        damageAll(
            refs,
            "content is in run "
                + other
                + ", which "
                + (target == null ? "does not exist" : "is damaged"));
        return;
      }
      Optional<ObjectInfo> archive = store.archiveObject(target);
      boolean sizeWrong =
          archive.isPresent()
              && store.target().sizesAreExact()
              && archive.get().size() != target.footer().archiveSize();
      if (archive.isEmpty() || sizeWrong) {
        String why =
            archive.isEmpty()
                ? "the archive of run " + other + " is missing"
                : "the archive of run "
                    + other
                    + " has "
                    + archive.get().size()
                    + " bytes, not "
                    + target.footer().archiveSize();
        problems.add(why + " (" + count + " files of this point are in it)");
        damageAll(refs, why);
        return;
      }
      try (ManifestReader mine = store.openManifest(run);
          ManifestReader theirs = store.openManifest(target)) {
        EntryCursor a = new EntryCursor(mine, refs);
        EntryCursor b =
            new EntryCursor(theirs, e -> e.type() == EntryType.FILE && other.equals(e.run()));
        long unresolved = 0;
        for (ManifestEntry x = a.head(); x != null; a.advance(), x = a.head()) {
          b.skipBefore(x.path());
          ManifestEntry y = b.head();
          if (y == null
              || !y.path().equals(x.path())
              || !String.valueOf(y.sha256()).equals(x.sha256())
              || y.size() != x.size()) {
            damaged(x.path(), "refers to run " + other + ", which does not hold this content");
            unresolved++;
          }
        }
        if (unresolved > 0) {
          problems.add(unresolved + " files refer to content that run " + other + " does not hold");
        }
      }
    }

    private void damageAll(Predicate<ManifestEntry> which, String why) throws IOException {
      try (ManifestReader m = store.openManifest(run)) {
        for (EntryCursor c = new EntryCursor(m, which); c.head() != null; c.advance()) {
          damaged(c.head().path(), why);
        }
      }
    }

    /**
     * Reads the archive once: its digest as stored and each entry of this run against the manifest.
     */
    private void checkArchive() throws IOException {
      Predicate<ManifestEntry> own = e -> e.type() == EntryType.FILE && run.run().equals(e.run());
      try (ManifestReader m = store.openManifest(run);
          ArchiveReader archive = store.openArchive(run)) {
        EntryCursor wanted = new EntryCursor(m, own);
        long missing = 0;
        try {
          for (ArchiveEntryHeader a = archive.next(); a != null; a = archive.next()) {
            if (a.type() != ArchiveEntryHeader.Type.FILE) {
              continue;
            }
            while (wanted.head() != null && TreeOrder.compare(wanted.head().path(), a.path()) < 0) {
              damaged(wanted.head().path(), "missing from the archive");
              missing++;
              wanted.advance();
            }
            if (wanted.head() != null && wanted.head().path().equals(a.path())) {
              checkContent(archive, wanted.head());
              wanted.advance();
            }
          }
          for (; wanted.head() != null; wanted.advance()) {
            damaged(wanted.head().path(), "missing from the archive");
            missing++;
          }
          if (missing > 0) {
            problems.add(missing + " files are missing from archive " + run.footer().archive());
          }
          ArchiveDigest digest = archive.finish();
          if (digest.size() != run.footer().archiveSize()) {
            problems.add(
                "archive "
                    + run.footer().archive()
                    + " has "
                    + digest.size()
                    + " bytes, the manifest recorded "
                    + run.footer().archiveSize());
          } else if (!digest.sha256().equals(run.footer().archiveSha256())) {
            problems.add(
                "archive " + run.footer().archive() + " does not match its recorded SHA-256");
          }
        } catch (ArchiveDamagedException e) {
          problems.add(e.getMessage());
          long lost = 0;
          for (; wanted.head() != null; wanted.advance()) {
            damaged(wanted.head().path(), "in the damaged part of the archive");
            lost++;
          }
          if (lost > 0) {
            problems.add(lost + " files of this run are in the damaged part or after it");
          }
        }
      } catch (ObjectNotFoundException e) {
        problems.add("archive " + run.footer().archive() + " is missing");
        damageAll(own, "the archive of run " + run.run() + " is missing");
      }
    }

    private void checkContent(ArchiveReader archive, ManifestEntry e) throws IOException {
      MessageDigest digest = Sha256.newDigest();
      long n = 0;
      int r;
      while ((r = archive.read(buffer, 0, buffer.length)) > 0) {
        digest.update(buffer, 0, r);
        n += r;
        progress.read(r);
      }
      entriesChecked++;
      progress.entry();
      bytesChecked += n;
      if (n != e.size() || !Sha256.hex(digest).equals(e.sha256())) {
        damaged(e.path(), "content does not match its SHA-256");
        problems.add(e.path() + ": content does not match its SHA-256");
      }
    }

    private void damaged(String path, String why) {
      damagedCount++;
      if (damagedFiles.size() < LISTED) {
        damagedFiles.add(new DamagedFile(path, why));
      }
    }
  }
}
