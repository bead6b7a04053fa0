package it.continuo.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a stream on a thread of its own, a few chunks ahead of the reader: decompressing an archive
 * then overlaps with what the reader does with the bytes (hashing, writing files), as {@code zstd
 * -dc | tar -x} overlaps in two processes. A failure of the source reaches the reader at the point
 * where the bytes stop.
 */
public final class ReadAheadInputStream extends InputStream {
  private static final byte[] END = new byte[0];

  private final BlockingQueue<Object> chunks;
  private final Thread thread;
  private byte[] chunk = new byte[0];
  private int position;
  private int length;
  private boolean done;

  /**
   * @param source read on the read-ahead thread, and closed by {@link #close()}
   * @param chunkSize bytes per chunk
   * @param ahead chunks read ahead at most
   */
  public ReadAheadInputStream(InputStream source, int chunkSize, int ahead, String name) {
    this.chunks = new ArrayBlockingQueue<>(ahead);
    this.thread =
        new Thread(
            () -> {
              try {
                while (true) {
                  byte[] c = new byte[chunkSize];
                  int n = source.readNBytes(c, 0, chunkSize);
                  if (n > 0) {
                    chunks.put(new Chunk(c, n));
                  }
                  if (n < chunkSize) {
                    chunks.put(END);
                    return;
                  }
                }
              } catch (InterruptedException e) {
                // closed by the reader
              } catch (Throwable t) {
                try {
                  chunks.put(t);
                } catch (InterruptedException e) {
                  // closed by the reader
                }
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
  }

  private record Chunk(byte[] bytes, int length) {}

  private boolean fill() throws IOException {
    if (done) {
      return false;
    }
    Object o;
    try {
      o = chunks.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading ahead");
    }
    if (o == END) {
      done = true;
      return false;
    }
    if (o instanceof IOException e) {
      done = true;
      throw e;
    }
    if (o instanceof RuntimeException e) {
      done = true;
      throw e;
    }
    if (o instanceof Error e) {
      done = true;
      throw e;
    }
    Chunk c = (Chunk) o;
    chunk = c.bytes();
    length = c.length();
    position = 0;
    return true;
  }

  @Override
  public int read() throws IOException {
    if (position == length && !fill()) {
      return -1;
    }
    return chunk[position++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (position == length && !fill()) {
      return -1;
    }
    int n = Math.min(len, length - position);
    System.arraycopy(chunk, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = 0;
    while (skipped < n) {
      if (position == length && !fill()) {
        break;
      }
      int step = (int) Math.min(n - skipped, length - position);
      position += step;
      skipped += step;
    }
    return skipped;
  }

  @Override
  public int available() {
    return length - position;
  }

  /** Stops the read-ahead thread; the source is left to its owner. */
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
