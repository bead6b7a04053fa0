package it.continuo.replica;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Sorts a listing of any size in {@link PathOrder} in bounded memory: entries are gathered into
 * chunks of at most {@link #CHUNK_BYTES}, each chunk is sorted and written to a file of {@code
 * dir}, and {@link #sorted()} merges the files. The heap holds one chunk, then one entry and one
 * read buffer per file.
 */
final class ExternalSort implements Closeable {
  static final int CHUNK_BYTES = 16 << 20;
  private static final int READ_BUFFER = 64 << 10;
  private static final Comparator<Entry> ORDER =
      (a, b) -> PathOrder.INSTANCE.compare(a.path(), b.path());

  private final Path dir;
  private final String prefix;
  private final int chunkBytes;
  private final List<Path> chunks = new ArrayList<>();
  private final List<Entry> pending = new ArrayList<>();
  private int pendingBytes;
  private long count;

  ExternalSort(Path dir, String prefix) {
    this(dir, prefix, CHUNK_BYTES);
  }

  ExternalSort(Path dir, String prefix, int chunkBytes) {
    this.dir = dir;
    this.prefix = prefix;
    this.chunkBytes = chunkBytes;
  }

  void add(Entry e) throws IOException {
    pending.add(e);
    pendingBytes += e.weight();
    count++;
    if (pendingBytes >= chunkBytes) {
      spill();
    }
  }

  long count() {
    return count;
  }

  private void spill() throws IOException {
    pending.sort(ORDER);
    Path file = dir.resolve(prefix + "-" + chunks.size() + ".chunk");
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), READ_BUFFER))) {
      for (Entry e : pending) {
        e.write(out);
      }
    }
    chunks.add(file);
    pending.clear();
    pendingBytes = 0;
  }

  /** Everything added, in path order; the caller closes it. */
  EntrySource sorted() throws IOException {
    if (chunks.isEmpty()) {
      pending.sort(ORDER);
      List<Entry> all = new ArrayList<>(pending);
      pending.clear();
      return new EntrySource() {
        int i;

        @Override
        public Entry next() {
          return i < all.size() ? all.get(i++) : null;
        }

        @Override
        public void close() {}
      };
    }
    if (!pending.isEmpty()) {
      spill();
    }
    return new Merge(chunks);
  }

  @Override
  public void close() throws IOException {
    for (Path p : chunks) {
      Files.deleteIfExists(p);
    }
  }

  /** A buffered input without the locking of BufferedInputStream: one reader, byte by byte. */
  private static final class ChunkInput extends java.io.InputStream {
    private final java.io.InputStream in;
    private final byte[] buffer = new byte[READ_BUFFER];
    private int pos;
    private int limit;

    ChunkInput(java.io.InputStream in) {
      this.in = in;
    }

    private boolean fill() throws IOException {
      limit = in.readNBytes(buffer, 0, buffer.length);
      pos = 0;
      return limit > 0;
    }

    @Override
    public int read() throws IOException {
      if (pos == limit && !fill()) {
        return -1;
      }
      return buffer[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (pos == limit && !fill()) {
        return -1;
      }
      int n = Math.min(len, limit - pos);
      System.arraycopy(buffer, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** The k-way merge of sorted chunk files. */
  private static final class Merge implements EntrySource {
    private record Head(Entry entry, DataInputStream in) {}

    private final List<DataInputStream> inputs = new ArrayList<>();
    private final PriorityQueue<Head> heads =
        new PriorityQueue<>((a, b) -> ORDER.compare(a.entry(), b.entry()));

    Merge(List<Path> files) throws IOException {
      try {
        for (Path f : files) {
          DataInputStream in = new DataInputStream(new ChunkInput(Files.newInputStream(f)));
          inputs.add(in);
          advance(in);
        }
      } catch (IOException e) {
        close();
        throw e;
      }
    }

    private void advance(DataInputStream in) throws IOException {
      Entry e;
      try {
        e = Entry.read(in);
      } catch (EOFException end) {
        return;
      }
      heads.add(new Head(e, in));
    }

    @Override
    public Entry next() throws IOException {
      Head h = heads.poll();
      if (h == null) {
        return null;
      }
      advance(h.in());
      return h.entry();
    }

    @Override
    public void close() throws IOException {
      for (DataInputStream in : inputs) {
        in.close();
      }
    }
  }
}
