package it.continuo.restore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Writes a file's content, leaving holes where whole blocks are zero, so that a sparse file backed
 * up (a 10 GB disk image that is mostly empty) is sparse again after a restore.
 */
final class ContentSink {
  private static final int HOLE = 64 * 1024;
  private static final byte[] ZEROS = new byte[HOLE];

  private ContentSink() {}

  /** Writes {@code buffer[0, n)} at the channel's position, or skips it if all zero. */
  static void write(FileChannel channel, byte[] buffer, int n) throws IOException {
    if (n >= HOLE && allZero(buffer, n)) {
      channel.position(channel.position() + n);
      return;
    }
    ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
    while (b.hasRemaining()) {
      channel.write(b);
    }
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

  /** Makes the file exactly {@code size} bytes even when it ends in a hole. */
  static void finish(FileChannel channel, long size) throws IOException {
    if (channel.size() < size) {
      channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
    }
  }
}
