package it.continuo.storage.wrap;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;

/**
 * The bytes of an upload that the target has not yet made durable, kept so that they can be sent
 * again after the upload is resumed. Held in chunks so that dropping the durable head copies
 * nothing; bounded, because a target that makes nothing durable for too long cannot be resumed
 * cheaply anyway.
 */
final class ReplayWindow {
  private static final int CHUNK = 1 << 20;

  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();

  /** Chunks dropped and kept for reuse, so that a long upload makes no garbage here. */
  private final ArrayDeque<byte[]> free = new ArrayDeque<>();

  private final long limit;

  /** Absolute position of the first byte of the first chunk. */
  private long start;

  /** Absolute position after the last byte kept. */
  private long end;

  /** Bytes used in the last chunk. */
  private int tailUsed = CHUNK;

  private boolean overflowed;

  ReplayWindow(long start, long limit) {
    this.start = start;
    this.end = start;
    this.limit = limit;
  }

  /** False once more than the limit was waiting to become durable: resuming is impossible. */
  boolean usable() {
    return !overflowed;
  }

  long end() {
    return end;
  }

  void append(byte[] b, int off, int len) {
    if (overflowed) {
      end += len;
      return;
    }
    while (len > 0) {
      if (tailUsed == CHUNK) {
        byte[] chunk = free.pollFirst();
        chunks.addLast(chunk == null ? new byte[CHUNK] : chunk);
        tailUsed = 0;
      }
      int n = Math.min(len, CHUNK - tailUsed);
      System.arraycopy(b, off, chunks.peekLast(), tailUsed, n);
      tailUsed += n;
      off += n;
      len -= n;
      end += n;
    }
    if (end - start > limit) {
      overflowed = true;
      chunks.clear();
      free.clear();
    }
  }

  /** Forgets the bytes before {@code durable}. */
  void dropBefore(long durable) {
    while (!chunks.isEmpty() && start + CHUNK <= durable && chunks.size() > 1) {
      free.addLast(chunks.removeFirst());
      start += CHUNK;
    }
    if (chunks.size() == 1 && durable >= end && tailUsed == CHUNK) {
      free.addLast(chunks.removeFirst()); // all durable: start the next chunk afresh
      start = end;
    }
  }

  /** Writes the bytes from {@code from} to the end to {@code out}. */
  void replay(long from, OutputStream out) throws IOException {
    if (overflowed || from < start || from > end) {
      throw new IllegalStateException("bytes from " + from + " are no longer kept");
    }
    long pos = start;
    int i = 0;
    int last = chunks.size() - 1;
    for (byte[] chunk : chunks) {
      int used = i++ == last ? tailUsed : CHUNK;
      long chunkEnd = pos + used;
      if (chunkEnd > from) {
        int skip = (int) Math.max(0, from - pos);
        out.write(chunk, skip, used - skip);
      }
      pos = chunkEnd;
    }
  }

  /** Whether {@link #replay} can start at {@code from}. */
  boolean holds(long from) {
    return !overflowed && from >= start && from <= end;
  }
}
