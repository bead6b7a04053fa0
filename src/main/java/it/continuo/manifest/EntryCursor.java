package it.continuo.manifest;

import java.io.IOException;
import java.util.function.Predicate;

/**
 * The entries of a manifest that match a filter, with a one-entry look-ahead: the shape every merge
 * of a manifest against another tree-ordered stream needs.
 */
public final class EntryCursor {
  private final ManifestReader reader;
  private final Predicate<ManifestEntry> filter;
  private ManifestEntry head;

  public EntryCursor(ManifestReader reader, Predicate<ManifestEntry> filter) throws IOException {
    this.reader = reader;
    this.filter = filter;
    advance();
  }

  /** The current entry, or null when none are left. */
  public ManifestEntry head() {
    return head;
  }

  public void advance() throws IOException {
    do {
      head = reader.next();
    } while (head != null && !filter.test(head));
  }

  /** Moves past entries that sort before {@code path}, returning how many were passed. */
  public long skipBefore(String path) throws IOException {
    long n = 0;
    while (head != null && TreeOrder.compare(head.path(), path) < 0) {
      advance();
      n++;
    }
    return n;
  }
}
