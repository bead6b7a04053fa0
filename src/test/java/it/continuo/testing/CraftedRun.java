package it.continuo.testing;

import it.continuo.archive.ArchiveDigest;
import it.continuo.archive.ArchiveWriter;
import it.continuo.io.Sha256;
import it.continuo.manifest.EntryType;
import it.continuo.manifest.ManifestEntry;
import it.continuo.manifest.ManifestFooter;
import it.continuo.manifest.ManifestHeader;
import it.continuo.manifest.ManifestWriter;
import it.continuo.manifest.TreeOrder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A run written by hand, entry by entry, with the project's own manifest and archive writers: the
 * way to put on a target what a hostile or broken agent could have put there. Names are taken as
 * given, without any of the checks a real backup makes; the footer is consistent with the archive,
 * so only the entries themselves are hostile.
 */
public final class CraftedRun {
  private static final Instant TIME = Instant.parse("2026-01-02T03:04:05Z");

  private final String run;
  private final int uid;
  private final int gid;
  private final List<Item> items = new ArrayList<>();

  /** One entry; {@code inManifest} false makes an archive entry the manifest does not name. */
  private record Item(ManifestEntry entry, byte[] content, boolean inManifest) {}

  /** A full run with this id, owned by {@code uid}/{@code gid}. */
  public CraftedRun(String run, int uid, int gid) {
    this.run = run;
    this.uid = uid;
    this.gid = gid;
  }

  public CraftedRun dir(String path) {
    items.add(new Item(entry(path, EntryType.DIR, 0755, null, null), null, true));
    return this;
  }

  public CraftedRun file(String path, String content) {
    return file(path, content, true);
  }

  /** A file in the archive only: the manifest does not name it. */
  public CraftedRun archiveOnlyFile(String path, String content) {
    return file(path, content, false);
  }

  private CraftedRun file(String path, String content, boolean inManifest) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    items.add(new Item(entry(path, EntryType.FILE, 0644, null, bytes), bytes, inManifest));
    return this;
  }

  public CraftedRun symlink(String path, String target) {
    items.add(new Item(entry(path, EntryType.SYMLINK, 0777, target, null), null, true));
    return this;
  }

  /** A hard link to {@code target}, claiming content {@code content} stored in this run. */
  public CraftedRun hardlink(String path, String target, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    items.add(new Item(entry(path, EntryType.HARDLINK, 0644, target, bytes), null, true));
    return this;
  }

  private ManifestEntry entry(String path, EntryType type, int mode, String target, byte[] c) {
    return new ManifestEntry(
        path,
        type,
        c == null ? 0 : c.length,
        TIME,
        TIME,
        0,
        mode,
        uid,
        gid,
        null,
        null,
        target,
        c == null ? null : Sha256.hex(Sha256.newDigest().digest(c)),
        c == null ? null : run,
        false,
        null);
  }

  /** Writes {@code RUN.tar.zst} and then {@code RUN.manifest.jsonl.zst} into {@code jobDir}. */
  public void writeTo(Path jobDir) throws IOException {
    Files.createDirectories(jobDir);
    List<Item> sorted = new ArrayList<>(items);
    sorted.sort(Comparator.comparing(i -> i.entry().path(), TreeOrder.PATHS));
    String archiveName = run + ".tar.zst";
    ArchiveDigest digest;
    try (OutputStream out = Files.newOutputStream(jobDir.resolve(archiveName));
        ArchiveWriter archive = new ArchiveWriter(out, 3, 0)) {
      for (Item i : sorted) {
        ManifestEntry e = i.entry();
        switch (e.type()) {
          case DIR -> archive.directory(e);
          case SYMLINK -> archive.symlink(e);
          case HARDLINK -> archive.hardlink(e);
          case FILE -> {
            archive.beginFile(e, i.content().length);
            archive.write(i.content(), 0, i.content().length);
            archive.endFile();
          }
        }
      }
      digest = archive.finish();
    }
    long entries = 0;
    long files = 0;
    long bytes = 0;
    try (OutputStream out = Files.newOutputStream(jobDir.resolve(run + ".manifest.jsonl.zst"));
        ManifestWriter manifest = new ManifestWriter(out, 3)) {
      manifest.header(
          new ManifestHeader(
              run,
              Workspace.JOB,
              "full",
              null,
              Workspace.AGENT,
              "crafted",
              TIME,
              "crafted",
              List.of()));
      for (Item i : sorted) {
        if (i.inManifest()) {
          manifest.entry(i.entry());
          entries++;
          if (i.entry().type() == EntryType.FILE || i.entry().type() == EntryType.HARDLINK) {
            files++;
            bytes += i.entry().size();
          }
        }
      }
      manifest.finish(
          new ManifestFooter(
              run,
              "full",
              null,
              TIME,
              TIME,
              entries,
              files,
              bytes,
              files,
              0,
              0,
              0,
              bytes,
              0,
              0,
              0,
              archiveName,
              digest.size(),
              digest.sha256(),
              List.of(run)));
    }
  }
}
