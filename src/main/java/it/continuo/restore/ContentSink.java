package it.continuo.restore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Writes one file's content, leaving holes where whole blocks are zero, so that a sparse file
 * backed up (a 10 GB disk image that is mostly empty) is sparse again after a restore.
 */
final class ContentSink {
  private static final int HOLE = 64 * 1024;
  private static final byte[] ZEROS = new byte[HOLE];

  private final FileChannel channel;
  private long position;
  private boolean endsInHole;

  ContentSink(FileChannel channel) {
    this.channel = channel;
  }

  /** Appends {@code buffer[0, n)}, or skips over it if it is all zero. */
  void write(byte[] buffer, int n) throws IOException {
    if (n >= HOLE && allZero(buffer, n)) {
      position += n;
      channel.position(position);
      endsInHole = true;
      return;
    }
    ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
    while (b.hasRemaining()) {
      channel.write(b);
    }
    position += n;
    endsInHole = false;
  }

  private static boolean allZero(byte[] buffer, int n) {
    for (int off = 0; off < n; off += HOLE) {
      int len = Math.min(HOLE, n - off);
      if (Arrays.mismatch(buffer, off, off + len, ZEROS, 0, len) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** Makes the file its full length even when it ends in a hole. */
  void finish() throws IOException {
    if (endsInHole) {
      channel.write(ByteBuffer.wrap(new byte[1]), position - 1);
    }
  }
}
