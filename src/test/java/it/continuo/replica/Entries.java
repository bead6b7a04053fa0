package it.continuo.replica;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Entries for tests: a file, a directory, a link, with times in whole instants. */
final class Entries {
  private Entries() {}

  static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Entry file(String path, long size, Instant mtime) {
    return new Entry(b(path), 'f', size, nanos(mtime), nanos(mtime), 0644, 0, 0, Entry.NONE);
  }

  static Entry dir(String path, Instant mtime) {
    return new Entry(b(path), 'd', 4096, nanos(mtime), nanos(mtime), 0755, 0, 0, Entry.NONE);
  }

  static Entry link(String path, String target, Instant mtime) {
    return new Entry(
        b(path), 'l', target.length(), nanos(mtime), nanos(mtime), 0777, 0, 0, b(target));
  }

  static Entry withMode(Entry e, int mode, Instant ctime) {
    return new Entry(
        e.path(), e.type(), e.size(), e.mtime(), nanos(ctime), mode, e.uid(), e.gid(), e.target());
  }

  static Entry withOwner(Entry e, long uid, long gid, Instant ctime) {
    return new Entry(
        e.path(), e.type(), e.size(), e.mtime(), nanos(ctime), e.mode(), uid, gid, e.target());
  }

  /** Entries in the order given, which the test makes path order. */
  static EntrySource source(Entry... entries) {
    return new EntrySource() {
      int i;

      @Override
      public Entry next() {
        return i < entries.length ? entries[i++] : null;
      }

      @Override
      public void close() {}
    };
  }
}
