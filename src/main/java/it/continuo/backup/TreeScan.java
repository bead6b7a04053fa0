package it.continuo.backup;

import it.continuo.manifest.ManifestEntry;
import it.continuo.tree.FileInfo;
import it.continuo.tree.SourceWalker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The walking thread: walks the source, finds each entry's counterpart in the parent manifest, lets
 * the {@link Decider} decide, and queues the resulting manifest slots for the run. While the
 * storing thread compresses a large changed file, the walk of everything after it (one {@code
 * lstat} per entry, one parent line) goes on. The queue is bounded: the walk is never more than
 * {@value #AHEAD} entries ahead of the manifest, some 50 MB of slots at most (an unchanged file's
 * slot, the most common, is its path and parent line, about 400 bytes).
 */
final class TreeScan implements AutoCloseable {
  static final int AHEAD = 131_072;

  /** Slots travel in batches: one hand-over per batch, not per entry. */
  private static final int BATCH = 512;

  private static final Object END = new Object();

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD / BATCH);
  private final Thread thread;
  private long deleted;
  private Slot[] batch = new Slot[0];
  private int next;

  TreeScan(SourceWalker walker, ParentCursor parent, Decider decider) {
    this.thread = new Thread(() -> scan(walker, parent, decider), "walk");
    thread.setDaemon(true);
    thread.start();
  }

  private void scan(SourceWalker walker, ParentCursor parent, Decider decider) {
    try {
      Slot[] filling = new Slot[BATCH];
      int n = 0;
      for (FileInfo f = walker.next(); f != null; f = walker.next()) {
        ManifestEntry p = parent.find(f.path());
        Slot slot = decider.decide(f, p, p == null ? null : parent.foundLine());
        if (slot != null) {
          filling[n++] = slot;
          if (n == BATCH) {
            queue.put(filling);
            filling = new Slot[BATCH];
            n = 0;
          }
        }
      }
      if (n > 0) {
        queue.put(java.util.Arrays.copyOf(filling, n));
      }
      deleted = parent.deleted();
      queue.put(END);
    } catch (InterruptedException e) {
      // the run is over: nobody is waiting for the rest
    } catch (Throwable t) {
      try {
        queue.put(t);
      } catch (InterruptedException e) {
        // the run is over
      }
    }
  }

  /** The next slot in tree order, or null when the walk is over. */
  Slot next() throws IOException {
    if (next < batch.length) {
      return batch[next++];
    }
    Object o;
    try {
      o = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while walking the source", e);
    }
    if (o == END) {
      return null;
    }
    if (o instanceof IOException e) {
      throw e;
    }
    if (o instanceof UncheckedIOException e) {
      throw e.getCause();
    }
    if (o instanceof RuntimeException e) {
      throw e;
    }
    if (o instanceof Error e) {
      throw e;
    }
    batch = (Slot[]) o;
    next = 1;
    return batch[0];
  }

  /** Parent files no longer in the tree; valid once {@link #next()} has returned null. */
  long deleted() {
    return deleted;
  }

  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
