package it.continuo.backup;

import it.continuo.manifest.ManifestEntry;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One manifest line to be, in tree order: the parent's line of an unchanged file, copied as is; an
 * entry known now (a directory, a link); or one waiting for the storing thread to read and hash a
 * file. Slots wait in a queue while a large file is stored, so an unchanged file's slot keeps only
 * its path and line, not the parsed entry.
 *
 * @param kind how the entry compares with the parent, for the summary
 * @param ready the entry when it is known now, to encode
 * @param path an unchanged file's path
 * @param line an unchanged file's line as the parent stores it
 * @param pending the entry once stored; it completes with null when the file vanished
 * @param size content bytes of a file, for the summary
 * @param neededRun the run whose archive holds an unchanged file's content
 */
record Slot(
    Kind kind,
    ManifestEntry ready,
    String path,
    byte[] line,
    CompletableFuture<ManifestEntry> pending,
    long size,
    String neededRun) {

  /** How a file compares with the parent's; OTHER for directories and links. */
  enum Kind {
    NEW,
    CHANGED,
    UNCHANGED,
    OTHER
  }

  static Slot ready(ManifestEntry entry) {
    return new Slot(Kind.OTHER, entry, null, null, null, 0, null);
  }

  static Slot unchanged(String path, byte[] line, long size, String neededRun) {
    return new Slot(Kind.UNCHANGED, null, path, line, null, size, neededRun);
  }

  static Slot pending(Kind kind, CompletableFuture<ManifestEntry> entry, long size) {
    return new Slot(kind, null, null, null, entry, size, null);
  }

  /** True for an unchanged file, whose parent line is copied: {@link #entry()} is null. */
  boolean copied() {
    return line != null;
  }

  /**
   * The entry to encode, waiting for it if needed; null when the file vanished before it was read
   * (and for a {@link #copied()} slot).
   */
  ManifestEntry entry() throws IOException {
    return pending == null ? ready : await(pending);
  }

  /** The value of a future completed by another stage, its failure rethrown as is. */
  static <T> T await(CompletableFuture<T> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(cause);
    }
  }
}
