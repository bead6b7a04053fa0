package it.continuo.backup;

import it.continuo.manifest.EntryType;
import it.continuo.manifest.ManifestEntry;
import it.continuo.manifest.ManifestException;
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
  private byte[] headLine;
  private byte[] foundLine;
  private long passedOver;

  ParentCursor(ManifestReader reader) throws IOException {
    this.reader = reader;
    this.head = reader == null ? null : next();
  }

  private ManifestEntry next() throws IOException {
    try {
      ManifestEntry e = reader.next();
      headLine = e == null ? null : reader.lastLine();
      return e;
    } catch (ManifestException e) {
      throw new ParentDamagedException(e);
    }
  }

  /** The parent's manifest turned out to be damaged past its footer check. */
  static final class ParentDamagedException extends IOException {
    ParentDamagedException(ManifestException cause) {
      super(cause.getMessage(), cause);
    }
  }

  static ParentCursor none() throws IOException {
    return new ParentCursor(null);
  }

  /** The parent's entry for {@code path}, or null when the parent had none. */
  ManifestEntry find(String path) throws IOException {
    while (head != null && TreeOrder.compare(head.path(), path) < 0) {
      passOver();
    }
    if (head != null && head.path().equals(path)) {
      ManifestEntry found = head;
      foundLine = headLine;
      head = next();
      return found;
    }
    foundLine = null;
    return null;
  }

  private void passOver() throws IOException {
    if (head.type() == EntryType.FILE || head.type() == EntryType.HARDLINK) {
      passedOver++; // files gone, counted like the new, changed and unchanged ones
    }
    head = next();
  }

  /** The stored line of the entry {@link #find} returned last. */
  byte[] foundLine() {
    return foundLine;
  }

  /** Parent files (and hard links) that are no longer in the tree (call after the walk). */
  long deleted() throws IOException {
    while (head != null) {
      passOver();
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
