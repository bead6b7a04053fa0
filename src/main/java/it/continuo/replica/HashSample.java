package it.continuo.replica;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Chooses which equal-looking files have their content confirmed by SHA-256, within a budget of
 * bytes, in bounded memory. First every file changed since the previous check (its ctime, which
 * moves with content, mode and owner changes), taken in path order while they fit; then a sample of
 * the others: each path falls in one of 65,536 buckets by a hash of its bytes, and the buckets are
 * taken in order from an offset that moves each day by three quarters of the share of the tree the
 * budget covers, so that a stable tree is confirmed whole within about {@code 4/3 tree / budget}
 * days. When everything fits, everything is hashed. Candidates wait in a file of {@code dir}; the
 * heap holds a 512 KiB table.
 */
final class HashSample implements Closeable {
  private static final int BUCKETS = 1 << 16;

  private final Path candidates;
  private final DataOutputStream out;
  private final long sinceNanos;
  private final long budget;
  private final long[] bucketBytes = new long[BUCKETS];
  private long recentTaken;
  private long otherBytes;

  /** What to hash: a NUL-separated list of paths relative to the root, and its totals. */
  record Selection(Path list, long files, long bytes) {}

  /**
   * @param sinceNanos files whose ctime is at or after it come first; {@code Long.MAX_VALUE} for
   *     none
   */
  HashSample(Path dir, String name, long sinceNanos, long budget) throws IOException {
    this.candidates = dir.resolve(name + ".candidates");
    this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(candidates)));
    this.sinceNanos = sinceNanos;
    this.budget = budget;
  }

  void offer(byte[] path, long size, long ctime) throws IOException {
    out.writeInt(path.length);
    out.write(path);
    out.writeLong(size);
    out.writeLong(ctime);
    if (ctime >= sinceNanos) {
      if (recentTaken + size <= budget) {
        recentTaken += size;
      }
    } else {
      bucketBytes[bucket(path)] += size;
      otherBytes += size;
    }
  }

  /** Writes the list of files to hash, {@code epochDay} choosing the day's sample. */
  Selection select(long epochDay) throws IOException {
    out.close();
    long room = budget - recentTaken;
    int offset = 0;
    int cutoff = BUCKETS; // rotated buckets below it are taken whole
    long partialRoom = 0;
    if (otherBytes > room) {
      // three quarters of the share the budget covers, so that consecutive days' windows overlap
      // even when the buckets are uneven
      long width = Math.max(1, Math.round(0.75 * BUCKETS * room / otherBytes));
      offset = (int) Math.floorMod(epochDay * width, (long) BUCKETS);
      long sum = 0;
      cutoff = 0;
      while (cutoff < BUCKETS && sum + bucketBytes[(cutoff + offset) % BUCKETS] <= room) {
        sum += bucketBytes[(cutoff + offset) % BUCKETS];
        cutoff++;
      }
      partialRoom = room - sum;
    }
    Path list = candidates.resolveSibling(candidates.getFileName() + ".list");
    long files = 0;
    long bytes = 0;
    long recentLeft = budget;
    try (DataInputStream in =
            new DataInputStream(new BufferedInputStream(Files.newInputStream(candidates)));
        OutputStream names = new BufferedOutputStream(Files.newOutputStream(list))) {
      while (true) {
        byte[] path;
        try {
          path = new byte[in.readInt()];
        } catch (EOFException end) {
          break;
        }
        in.readFully(path);
        long size = in.readLong();
        long ctime = in.readLong();
        boolean take;
        if (ctime >= sinceNanos) {
          take = size <= recentLeft;
          if (take) {
            recentLeft -= size;
          }
        } else {
          int rotated = Math.floorMod(bucket(path) - offset, BUCKETS);
          take = rotated < cutoff;
          if (!take && rotated == cutoff && size <= partialRoom) {
            partialRoom -= size;
            take = true;
          }
        }
        if (take) {
          names.write(path);
          names.write(0);
          files++;
          bytes += size;
        }
      }
    }
    return new Selection(list, files, bytes);
  }

  /** FNV-1a of the path, mixed (MurmurHash3's finalizer), its top 16 bits. */
  static int bucket(byte[] path) {
    long h = 0xcbf29ce484222325L;
    for (byte b : path) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) (h >>> 48);
  }

  @Override
  public void close() throws IOException {
    out.close();
    Files.deleteIfExists(candidates);
    Files.deleteIfExists(candidates.resolveSibling(candidates.getFileName() + ".list"));
  }
}
