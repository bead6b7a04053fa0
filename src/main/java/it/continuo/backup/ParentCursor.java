package it.continuo.backup;

import it.continuo.manifest.ManifestEntry;
import it.continuo.manifest.ManifestReader;
import it.continuo.manifest.TreeOrder;
import java.io.IOException;

/**
 * The parent manifest read alongside the walk: both are in tree order, so finding the parent's
 * entry for each walked path only ever moves forward. Entries passed over are gone from the tree.
 */
final class ParentCursor implements AutoCloseable {
  private final ManifestReader reader;
  private ManifestEntry head;
  private long passedOver;

  ParentCursor(ManifestReader reader) throws IOException {
    this.reader = reader;
    this.head = reader == null ? null : reader.next();
  }

  static ParentCursor none() throws IOException {
    return new ParentCursor(null);
  }

  /** The parent's entry for {@code path}, or null when the parent had none. */
  ManifestEntry find(String path) throws IOException {
    while (head != null && TreeOrder.compare(head.path(), path) < 0) {
      passedOver++;
      head = reader.next();
    }
    if (head != null && head.path().equals(path)) {
      ManifestEntry found = head;
      head = reader.next();
      return found;
    }
    return null;
  }

  /** Parent entries that were not in the tree (call after the walk). */
  long deleted() throws IOException {
    while (head != null) {
      passedOver++;
      head = reader.next();
    }
    return passedOver;
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
    }
  }
}
