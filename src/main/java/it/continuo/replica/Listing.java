package it.continuo.replica;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** One side's listing of one root, excludes left out, sorted on disk in {@link PathOrder}. */
final class Listing implements Closeable {
  private final ExternalSort sort;
  private final long rootMtime;

  private Listing(ExternalSort sort, long rootMtime) {
    this.sort = sort;
    this.rootMtime = rootMtime;
  }

  /** Lists {@code root} on {@code host} to the end and sorts it (the command's status checked). */
  static Listing of(
      ReplicaHost host,
      String root,
      ExcludeFilter excludes,
      Path work,
      String tag,
      Duration timeout)
      throws IOException {
    ExternalSort sort = new ExternalSort(work, tag);
    long rootMtime = Long.MIN_VALUE;
    try (EntrySource in = host.list(root, timeout)) {
      for (Entry e; (e = in.next()) != null; ) {
        if (e.path().length == 0) {
          rootMtime = e.mtime();
        } else if (excludes.isEmpty() || !excludes.excludes(e.pathText())) {
          sort.add(e);
        }
      }
    } catch (IOException | RuntimeException e) {
      sort.close();
      throw e;
    }
    if (rootMtime == Long.MIN_VALUE) {
      sort.close();
      throw new SideException("listing " + root + " on " + host.describe() + " gave no root");
    }
    return new Listing(sort, rootMtime);
  }

  long rootMtime() {
    return rootMtime;
  }

  EntrySource sorted() throws IOException {
    return sort.sorted();
  }

  @Override
  public void close() throws IOException {
    sort.close();
  }
}
