package it.continuo.backup;

import it.continuo.manifest.ManifestEntry;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One manifest line to be, in tree order: ready (an unchanged entry, a directory) or waiting for
 * the storing thread to read and hash a file.
 *
 * @param kind how the entry compares with the parent, for the summary
 * @param ready the entry when it is known now
 * @param line its stored line to copy as is, or null to encode the entry
 * @param pending the entry once stored; it completes with null when the file vanished
 * @param size content bytes of a file, for the summary
 * @param neededRun the run whose archive holds an unchanged file's content
 */
record Slot(
    Kind kind,
    ManifestEntry ready,
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

  static Slot ready(Kind kind, ManifestEntry entry, byte[] line, long size, String neededRun) {
    return new Slot(kind, entry, line, null, size, neededRun);
  }

  static Slot pending(Kind kind, CompletableFuture<ManifestEntry> entry, long size) {
    return new Slot(kind, null, null, entry, size, null);
  }

  /** The entry, waiting for it if needed; null when the file vanished before it was read. */
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
